import Hummingbird
import SamenCore
import SamenStore

/// Experiments with their test and learning cards, and the learning log (seed 002 tips 3
/// and 5): testing the portfolio's interventions small and fast, and learning from the process.
enum ExperimentsModule: FeatureModule {
    static let name = "experiments"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        ExperimentRoutes(t: t).register(on: router)
        LessonRoutes(t: t).register(on: router)
        ExperimentEditRoutes(t: t).register(on: router)
        ExperimentAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        ExperimentRoutes.entries + LessonRoutes.entries + ExperimentEditRoutes.entries + ExperimentAPIRoutes.entries
    }

    static var trajectoryTabs: [(String, String)] { [("/experiments", "trajectory_tab_experiments")] }

    static var migrations: [Migration] { [.experiments] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ExperimentsDemo.load(demo)
    }

    static let trajectoryExports = ["experiments", "learning_log"]

    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        let database = c.t.services.database, org = c.membership.organisation.id
        switch name {
        case "experiments":
            let today = ExperimentWrites.today()
            let all = try await ExperimentStore(database: database).experiments(organisationID: org, trajectoryID: c.trajectory.id)
            return ExportTable(header: ["id", "title", "intervention_id", "belief", "test", "metric", "criterion", "starts_on", "ends_on", "observed",
                                        "learned", "decision", "activity_id", "participant_ids", "story_ids", "survey_wave_id", "measurements",
                                        "learning_overdue"],
                               rows: all.map { [$0.id, $0.title, $0.interventionID ?? "", $0.belief, $0.test, $0.metric, $0.criterion, $0.startsOn ?? "",
                                                $0.endsOn ?? "", $0.observed, $0.learned, $0.decision?.rawValue ?? "", $0.activityID ?? "",
                                                $0.participantIDs.joined(separator: ";"), $0.storyIDs.joined(separator: ";"), $0.surveyWaveID ?? "",
                                                $0.measurements, ExperimentRules.isLearningOverdue($0, today: today) ? "yes" : "no"] })
        case "learning_log":
            let all = try await LessonStore(database: database).lessons(organisationID: org, trajectoryID: c.trajectory.id)
            return ExportTable(header: ["id", "learned_on", "phase", "kind", "lesson", "detail"],
                               rows: all.map { [$0.id, $0.learnedOn, $0.phase.rawValue, $0.kind.rawValue, $0.summary, $0.detail] })
        default:
            return nil
        }
    }

    static var openAPIFragments: [String] { ["experiments.json"] }
}
