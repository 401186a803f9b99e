import Hummingbird
import SamenCore
import SamenStore

/// The Co-VAL value register and value map (domain.md §6); the SROI engine behind
/// `samen sroi` lives in SamenAnalytics/SROI.
enum ValueModule: FeatureModule {
    static let name = "value"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        ValueRoutes(t: t).register(on: router)
        ValueEditRoutes(t: t).register(on: router)
        SROIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { ValueRoutes.entries + ValueEditRoutes.entries + SROIRoutes.entries }

    static var trajectoryTabs: [(String, String)] { [("/value", "trajectory_tab_value")] }

    static var migrations: [Migration] { [.value] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ValueDemo.load(demo)
    }

    static let trajectoryExports = ["value_records"]

    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        guard name == "value_records" else { return nil }
        let all = try await ValueStore(database: c.t.services.database)
            .records(organisationID: c.membership.organisation.id, trajectoryID: c.trajectory.id)
        return ExportTable(header: ["id", "polarity", "beneficiary", "value_type", "moment", "creator", "description", "cause",
                                    "touchpoint", "highlight_id", "evidence_note"],
                           rows: all.map { [$0.id, $0.polarity.rawValue, $0.beneficiary.rawValue, $0.valueType.rawValue, $0.moment.rawValue,
                                            $0.creator.rawValue, $0.description, $0.cause.rawValue, $0.touchpoint, $0.highlightID ?? "",
                                            $0.evidenceNote] })
    }
}
