import Hummingbird
import SamenCore
import SamenStore

/// One feature area plugged into the application, after Decidim's components: the feature
/// supplies its routes, its place in the navigation, its migrations, its demo content, its
/// export tables and its resource files, and the central code (router, route catalogue,
/// navigation, migration check, demo loader, exports) loops over `FeatureModules.all`.
/// Adding a feature is adding its folders and one line there (see docs/architecture.md).
protocol FeatureModule {
    /// The feature's one name: its folder in each layer, its locale and OpenAPI file stem.
    static var name: String { get }
    /// Registers the feature's route groups.
    static func register(on router: Router<AppRequestContext>, services: AppServices)
    /// Routes inside an organisation (`/o/:org/…`, `/api/v1/organisations/:org/…`): the tenant-isolation walk visits each.
    static var organisationRoutes: [RouteEntry] { get }
    /// Routes outside any organisation (citizens' public pages).
    static var publicRoutes: [RouteEntry] { get }
    /// Tabs the feature adds to every trajectory's sub-navigation (path suffix, label key).
    static var trajectoryTabs: [(String, String)] { get }
    /// The entry in an organisation's navigation, or nil (for this role, or none at all).
    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem?
    /// The feature's migrations, in the one numbered sequence (`Migrations.all` holds them all; a guard test checks both agree).
    static var migrations: [Migration] { get }
    /// Demo content for a new installation, written through the feature's own use-cases where they exist.
    static func loadDemo(_ demo: DemoContext) async throws
    /// The names of the CSV tables a trajectory's export offers from this feature.
    static var trajectoryExports: [String] { get }
    /// One export table of a trajectory, as text cells (the same content goes to CSV and JSON).
    static func trajectoryTable(_ name: String, _ context: ExportContext) async throws -> ExportTable?
    /// The feature's own advisor signals for a trajectory, shown and dismissed like the twelve challenges.
    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership, _ trajectory: Trajectory,
                               _ facts: TrajectoryFacts) async throws -> [ChallengeSignal]
    /// `advisorSignals` for a page of trajectories at once (the trajectory list), by trajectory id:
    /// a feature whose signals read the database reads each table once for all of them.
    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership,
                               _ facts: [TrajectoryFacts]) async throws -> [String: [ChallengeSignal]]
    /// The numbers those signals carry (each feature its own; a guard test checks they do not collide).
    static var advisorNumbers: [Int] { get }
    /// Resource files: `locales/{nl,en}/<file>` and `openapi/<file>`.
    static var localeFiles: [String] { get }
    static var openAPIFragments: [String] { get }
}

extension FeatureModule {
    static var publicRoutes: [RouteEntry] { [] }
    static var trajectoryTabs: [(String, String)] { [] }
    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? { nil }
    static var migrations: [Migration] { [] }
    static func loadDemo(_ demo: DemoContext) async throws {}
    static var trajectoryExports: [String] { [] }
    static func trajectoryTable(_ name: String, _ context: ExportContext) async throws -> ExportTable? { nil }
    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership, _ trajectory: Trajectory,
                               _ facts: TrajectoryFacts) async throws -> [ChallengeSignal] { [] }
    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership,
                               _ facts: [TrajectoryFacts]) async throws -> [String: [ChallengeSignal]] {
        var signals: [String: [ChallengeSignal]] = [:]
        for one in facts {
            signals[one.trajectory.id] = try await advisorSignals(t, membership, one.trajectory, one)
        }
        return signals
    }
    static var advisorNumbers: [Int] { [] }
    static var localeFiles: [String] { [name + ".json"] }
    static var openAPIFragments: [String] { [] }
}

/// What a demo loader gets: the database, the demo organisation and the person who "made" the content.
struct DemoContext: Sendable {
    let database: Database
    let configuration: SamenConfiguration
    let organisationID: String
    let actor: WriteActor
}

/// What an export table is read with.
struct ExportContext {
    let t: TrajectoryContext
    let membership: Membership
    let trajectory: Trajectory
}

/// A table of text cells with a header: one shape for every CSV and JSON table export.
struct ExportTable {
    let header: [String]
    let rows: [[String]]

    /// RFC 4180 CSV with formula-safe cells (see `CSVWriter`).
    var csv: String { CSVWriter.document([header] + rows) }
}
