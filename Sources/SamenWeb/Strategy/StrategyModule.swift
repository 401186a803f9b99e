import Hummingbird
import SamenCore
import SamenStore

/// Capabilities and scenarios (seed 003): what the organisation must be able to do for its
/// interventions, and how its long-horizon interventions hold up in four futures.
enum StrategyModule: FeatureModule {
    static let name = "strategy"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        CapabilityRoutes(services: services).register(on: router)
        CapabilityNeedRoutes(t: t).register(on: router)
        ScenarioRoutes(t: t).register(on: router)
        StrategyAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        CapabilityRoutes.entries + CapabilityNeedRoutes.entries + ScenarioRoutes.entries + StrategyAPIRoutes.entries
    }

    static var trajectoryTabs: [(String, String)] { [("/portfolio/scenarios", "trajectory_tab_scenarios")] }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        let list = StrategyPath.capabilities.link(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_capabilities"), url: list, current: current.hasPrefix(list))
    }

    static var migrations: [Migration] { [.capabilitiesScenarios] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await StrategyDemo.load(demo)
    }

    static let trajectoryExports = ["capability_needs", "scenarios", "robustness_matrix"]

    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        let database = c.t.services.database, org = c.membership.organisation.id
        switch name {
        case "capability_needs":
            let store = CapabilityStore(database: database)
            let catalogue = try await store.capabilities(organisationID: org)
            let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: c.trajectory.id)
            let needs = try await store.needs(organisationID: org).filter { $0.trajectoryID == c.trajectory.id }.map(\.need)
            return ExportTable(header: ["id", "intervention_id", "intervention", "horizon", "capability_id", "capability", "kind", "current_level",
                                        "needed_level", "shortfall"],
                               rows: needs.compactMap { n in
                                   guard let i = interventions.first(where: { $0.id == n.interventionID }),
                                         let cap = catalogue.first(where: { $0.id == n.capabilityID }) else { return nil }
                                   return [n.id, i.id, i.title, i.horizon.rawValue, cap.id, cap.name, cap.kind.rawValue, String(cap.currentLevel),
                                           String(n.neededLevel), String(CapabilityShortfall.of(n.neededLevel, current: cap.currentLevel))]
                               })
        case "scenarios":
            return try await RobustnessMatrix.read(database, organisationID: org, trajectoryID: c.trajectory.id).scenarioTable
        case "robustness_matrix":
            return try await RobustnessMatrix.read(database, organisationID: org, trajectoryID: c.trajectory.id).table
        default:
            return nil
        }
    }

    static var openAPIFragments: [String] { ["strategy.json"] }

    /// A refusal only by rules that depend on stored records (a capability of another
    /// organisation, a name taken, a set that exists) is 409; one with a field typed wrong is 422.
    static func status(_ refused: ValidationErrors) -> HTTPResponse.Status {
        refused.errors.allSatisfy { $0.kind == .conflict } ? .conflict : .unprocessableContent
    }
}
