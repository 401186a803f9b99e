import Hummingbird
import SamenCore
import SamenStore

/// The growth model and the intervention portfolio (seed 003): from what citizens told us
/// to what we change, on three horizons.
enum PortfolioModule: FeatureModule {
    static let name = "portfolio"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        PortfolioRoutes(t: t).register(on: router)
        GrowthModelRoutes(t: t).register(on: router)
        PortfolioEditRoutes(t: t).register(on: router)
        PortfolioAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        PortfolioRoutes.entries + GrowthModelRoutes.entries + PortfolioEditRoutes.entries + PortfolioAPIRoutes.entries
    }

    static var trajectoryTabs: [(String, String)] { [("/portfolio", "trajectory_tab_portfolio")] }

    static var migrations: [Migration] { [.portfolio] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await PortfolioDemo.load(demo)
    }

    static let trajectoryExports = ["interventions", "intervention_status_changes", "maturity_assessments"]

    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        let database = c.t.services.database, org = c.membership.organisation.id
        let store = PortfolioStore(database: database)
        switch name {
        case "interventions":
            let all = try await store.interventions(organisationID: org, trajectoryID: c.trajectory.id)
            return ExportTable(header: ["id", "title", "description", "problem", "dimensions", "horizon", "owner", "expected_effect", "effort",
                                        "cost_eur", "status", "status_since", "insight_ids", "persona_ids", "step_ids"],
                               rows: all.map { [$0.id, $0.title, $0.description, $0.problem, $0.dimensions.joined(separator: ";"), $0.horizon.rawValue,
                                                $0.owner, $0.expectedEffect, $0.effort.rawValue, $0.costEUR.map(String.init) ?? "", $0.status.rawValue,
                                                $0.statusSince, $0.insightIDs.joined(separator: ";"), $0.personaIDs.joined(separator: ";"),
                                                $0.stepIDs.joined(separator: ";")] })
        case "intervention_status_changes":
            let rows = try await store.histories(organisationID: org, trajectoryID: c.trajectory.id).map {
                [$0.interventionID, $0.from?.rawValue ?? "", $0.to.rawValue, $0.on, $0.reason, $0.by]
            }
            return ExportTable(header: ["intervention_id", "from_status", "to_status", "on", "reason", "by"], rows: rows)
        case "maturity_assessments":
            let all = try await GrowthModelStore(database: database).assessments(organisationID: org, trajectoryID: c.trajectory.id)
            func level(_ value: Int?) -> String { value.map(String.init) ?? "" }
            return ExportTable(header: ["id", "dimension", "level", "assessed_on", "assessors", "justification", "evidence", "target_short",
                                        "target_medium", "target_long"],
                               rows: all.map { [$0.id, $0.dimension, String($0.level), $0.assessedOn, $0.assessors, $0.justification, $0.evidence,
                                                level($0.targetShort), level($0.targetMedium), level($0.targetLong)] })
        default:
            return nil
        }
    }

    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership, _ trajectory: Trajectory,
                               _ facts: TrajectoryFacts) async throws -> [ChallengeSignal] {
        try await PortfolioAdvice(t: t).signals(membership, trajectory, facts)
    }

    static func advisorSignals(_ t: TrajectoryContext, _ membership: Membership,
                               _ facts: [TrajectoryFacts]) async throws -> [String: [ChallengeSignal]] {
        try await PortfolioAdvice(t: t).signals(membership, facts)
    }

    static var advisorNumbers: [Int] { PortfolioAdvisor.numbers }

    static var openAPIFragments: [String] { ["portfolio.json"] }
}
