import Hummingbird
import SamenCore

/// The feature modules, in the order their demo content is loaded and their navigation shown.
/// Adding a feature is one line here (and its folders).
enum FeatureModules {
    static var all: [any FeatureModule.Type] {[
        TrajectoriesModule.self,
        StoriesModule.self,
        ConversationsModule.self,
        SurveysModule.self,
        MembersModule.self,
        AuditModule.self,
        PortfolioModule.self,
        ExperimentsModule.self,
        StrategyModule.self,
        ValueModule.self,
        OpenDataModule.self,
        ReportsModule.self,
        BackupsModule.self,
        CitizenModule.self,
    ]}

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        for module in all { module.register(on: router, services: services) }
    }

    static var organisationRoutes: [RouteEntry] { all.flatMap { $0.organisationRoutes } }
    static var publicRoutes: [RouteEntry] { all.flatMap { $0.publicRoutes } }
    static var apiRoutes: [RouteEntry] { (organisationRoutes + publicRoutes).filter { $0.path.hasPrefix("/api/") } }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> [LayoutModel.NavItem] {
        all.compactMap { $0.navigation(membership, current: current, words: words) }
    }

    static func loadDemo(_ demo: DemoContext) async throws {
        for module in all { try await module.loadDemo(demo) }
    }

    static var trajectoryExports: [String] { all.flatMap { $0.trajectoryExports } }
    static var trajectoryTabs: [(String, String)] { all.flatMap { $0.trajectoryTabs } }
    static var migrationVersions: [Int] { all.flatMap { $0.migrations.map(\.version) } }
    static var localeFiles: [String] { all.flatMap { $0.localeFiles } }
    static var openAPIFragments: [String] { all.flatMap { $0.openAPIFragments } }

    static func trajectoryTable(_ name: String, _ context: ExportContext) async throws -> ExportTable? {
        for module in all where module.trajectoryExports.contains(name) {
            if let table = try await module.trajectoryTable(name, context) { return table }
        }
        return nil
    }
}
