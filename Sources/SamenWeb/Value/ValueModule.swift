import Hummingbird
import SamenCore
import SamenStore

/// The Co-VAL value register and value map (domain.md §6), outcomes and indicators per
/// intervention; the SROI engine behind `samen sroi` lives in SamenAnalytics/SROI.
enum ValueModule: FeatureModule {
    static let name = "value"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        ValueRoutes(t: t).register(on: router)
        ValueEditRoutes(t: t).register(on: router)
        SROIRoutes(t: t).register(on: router)
        ValueAPIRoutes(t: t).register(on: router)
        ValueOutcomeRoutes(t: t).register(on: router)
        ValueOutcomeEditRoutes(t: t).register(on: router)
        ValueOutcomeAPIRoutes(t: t).register(on: router)
        SROIAnalysisRoutes(t: t).register(on: router)
        SROIAnalysisDeleteRoutes(t: t).register(on: router)
        SROIAnalysisAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        ValueRoutes.entries + ValueEditRoutes.entries + SROIRoutes.entries + ValueAPIRoutes.entries
            + ValueOutcomeRoutes.entries + ValueOutcomeEditRoutes.entries + ValueOutcomeAPIRoutes.entries
            + SROIAnalysisRoutes.entries + SROIAnalysisDeleteRoutes.entries + SROIAnalysisAPIRoutes.entries
    }

    static var trajectoryTabs: [(String, String)] { [("/value", "trajectory_tab_value")] }

    static var migrations: [Migration] { [.value, .valueOutcomes, .valueSROIAnalyses] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ValueDemo.load(demo)
        try await ValueOutcomeDemo.load(demo)
        try await SROIAnalysisDemo.load(demo)
    }

    static let trajectoryExports = ["value_records", "value_outcomes", "value_measurements", "sroi_analyses"]

    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        let database = c.t.services.database, org = c.membership.organisation.id
        switch name {
        case "value_records":
            let all = try await ValueStore(database: database).records(organisationID: org, trajectoryID: c.trajectory.id)
            return ExportTable(header: ["id", "polarity", "beneficiary", "value_type", "moment", "creator", "description", "cause",
                                        "touchpoint", "highlight_id", "evidence_note"],
                               rows: all.map { [$0.id, $0.polarity.rawValue, $0.beneficiary.rawValue, $0.valueType.rawValue, $0.moment.rawValue,
                                                $0.creator.rawValue, $0.description, $0.cause.rawValue, $0.touchpoint, $0.highlightID ?? "",
                                                $0.evidenceNote] })
        case "value_outcomes":
            let all = try await ValueOutcomeStore(database: database).outcomes(organisationID: org, trajectoryID: c.trajectory.id)
            return ExportTable(header: ["id", "intervention_id", "outcome", "indicator", "unit", "direction", "baseline_value", "baseline_on",
                                        "survey_id", "dimension"],
                               rows: all.map { [$0.id, $0.interventionID, $0.outcome, $0.indicator, $0.unit, $0.direction.rawValue,
                                                $0.baselineValue.map(ValueOutcomeInput.text) ?? "", $0.baselineOn, $0.surveyID ?? "", $0.dimension] })
        case "value_measurements":
            // What the indicators show: by hand, and per survey wave as computed now.
            let store = ValueOutcomeStore(database: database)
            let outcomes = try await store.outcomes(organisationID: org, trajectoryID: c.trajectory.id)
            let readings = try await ValueOutcomeReadings(database: database)
                .readings(organisationID: org, outcomes: outcomes, measurements: try await store.measurements(organisationID: org, trajectoryID: c.trajectory.id))
            let rows = outcomes.flatMap { o in
                (readings[o.id] ?? []).map { r in
                    [o.id, r.measurementID ?? "", r.measurementID == nil ? "survey" : "manual", r.on, ValueOutcomeInput.text(r.value),
                     r.wave ?? "", r.n.map(String.init) ?? "", r.note]
                }
            }
            return ExportTable(header: ["outcome_id", "measurement_id", "source", "measured_on", "value", "wave", "n", "note"], rows: rows)
        case "sroi_analyses":
            return try await SROIAnalysisExport.table(c)
        default:
            return nil
        }
    }

    static var localeFiles: [String] { ["value.json", "value-sroi-analyses.json"] }

    static var openAPIFragments: [String] { ["value.json", "sroi-analyses.json"] }
}
