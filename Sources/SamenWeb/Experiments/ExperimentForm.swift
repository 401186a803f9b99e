import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The one field layout of an experiment (test card, then learning card, then what it is
/// linked to), with the trajectory's records as choices, for the new-experiment form and the edit page.
struct ExperimentForm {
    let t: TrajectoryContext

    /// The trajectory's records an experiment can name, as choices and as names for its page.
    struct Choices {
        var interventions: [Option] = []
        var activities: [Option] = []
        var participants: [Option] = []
        var stories: [Option] = []
        var waves: [Option] = []

        func label(_ options: [Option], _ id: String?) -> String? { id.flatMap { id in options.first { $0.value == id }?.label } }
    }

    static let names = ["title", "intervention_id", "belief", "test", "metric", "criterion", "starts_on", "ends_on", "observed", "learned",
                        "decision", "activity_id", "participant_ids", "story_ids", "survey_wave_id", "measurements"]

    static func storyLabel(_ s: Story) -> String {
        let text = s.pseudonymised.trimmingCharacters(in: .whitespacesAndNewlines)
        return "“" + (text.count > 80 ? String(text.prefix(80)) + "…" : text) + "”"
    }

    /// How many of the newest stories a form offers, besides those already named: a large
    /// trajectory has thousands, and listing them all made the experiment pages slow.
    static let storiesOffered = 100

    func choices(_ m: Membership, _ tr: Trajectory, stories named: [String] = []) async throws -> Choices {
        let org = m.organisation.id, database = t.services.database
        let participation = ParticipationStore(database: database)
        let service = SurveyService(database: database)
        var waves: [Option] = []
        for survey in try await service.surveys.surveys(organisationID: org) where survey.trajectoryID == tr.id {
            waves += try await service.responses.waves(organisationID: org, surveyID: survey.id).inTimeOrder()
                .map { Option(value: $0.id, label: survey.title + ": " + $0.name, selected: false) }
        }
        return Choices(
            interventions: try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
                .map { Option(value: $0.id, label: $0.title, selected: false) },
            activities: try await participation.activities(organisationID: org, trajectoryID: tr.id)
                .map { Option(value: $0.id, label: $0.date + " · " + $0.title, selected: false) },
            participants: try await participation.participants(organisationID: org, trajectoryID: tr.id)
                .map { Option(value: $0.id, label: $0.code, selected: false) },
            stories: try await offeredStories(org, tr, named: named).map { Option(value: $0.id, label: Self.storyLabel($0), selected: false) },
            waves: waves)
    }

    /// The stories already named, then the newest others.
    func offeredStories(_ org: String, _ tr: Trajectory, named: [String]) async throws -> [Story] {
        let store = StoryStore(database: t.services.database)
        let newest = try await store.stories(organisationID: org, trajectoryID: tr.id, offset: 0, limit: Self.storiesOffered).stories
        let listed = Set(newest.map(\.id))
        return try await store.stories(organisationID: org, trajectoryID: tr.id, ids: named.filter { !listed.contains($0) }) + newest
    }

    func layout(_ choices: Choices, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        let none = [Option(value: "", label: t.word("experiment_link_none", context), selected: false)]
        let decisions = [Option(value: "", label: t.word("decision_none", context), selected: false)]
            + t.options(ExperimentDecision.self, selected: "", prefix: "decision_", context)
        return [("title", .text), ("intervention_id", .select(none + choices.interventions)),
                ("belief", .textarea), ("test", .textarea), ("metric", .textarea), ("criterion", .textarea),
                ("starts_on", .date), ("ends_on", .date),
                ("observed", .textarea), ("learned", .textarea), ("decision", .select(decisions)),
                ("activity_id", .select(none + choices.activities)), ("participant_ids", .choices(choices.participants)),
                ("story_ids", .choices(choices.stories)), ("survey_wave_id", .select(none + choices.waves)), ("measurements", .textarea)]
    }

    static func values(_ e: Experiment) -> [String: String] {
        ["title": e.title, "intervention_id": e.interventionID ?? "", "belief": e.belief, "test": e.test, "metric": e.metric,
         "criterion": e.criterion, "starts_on": e.startsOn ?? "", "ends_on": e.endsOn ?? "", "observed": e.observed, "learned": e.learned,
         "decision": e.decision?.rawValue ?? "", "activity_id": e.activityID ?? "", "participant_ids": e.participantIDs.joined(separator: "\n"),
         "story_ids": e.storyIDs.joined(separator: "\n"), "survey_wave_id": e.surveyWaveID ?? "", "measurements": e.measurements]
    }

    static func input(_ form: FormData) -> ExperimentInput {
        var input = ExperimentInput()
        input.title = form["title"]; input.interventionID = form["intervention_id"]; input.belief = form["belief"]; input.test = form["test"]
        input.metric = form["metric"]; input.criterion = form["criterion"]; input.startsOn = form["starts_on"]; input.endsOn = form["ends_on"]
        input.observed = form["observed"]; input.learned = form["learned"]; input.decision = form["decision"]
        input.activityID = form["activity_id"]; input.participantIDs = form.values("participant_ids"); input.storyIDs = form.values("story_ids")
        input.surveyWaveID = form["survey_wave_id"]; input.measurements = form["measurements"]
        return input
    }
}

/// The one field layout of a lesson in the learning log.
enum LessonForm {
    static let names = ["learned_on", "phase", "kind", "lesson", "detail"]

    static func layout(_ t: TrajectoryContext, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        [("learned_on", .date), ("phase", .select(Phase.allCases.map { Option(value: $0.rawValue, label: t.phaseName($0, context), selected: false) })),
         ("kind", .select(t.options(LessonKind.self, selected: "", prefix: "lesson_kind_", context))), ("lesson", .text), ("detail", .textarea)]
    }

    static func values(_ l: Lesson) -> [String: String] {
        ["learned_on": l.learnedOn, "phase": l.phase.rawValue, "kind": l.kind.rawValue, "lesson": l.summary, "detail": l.detail]
    }

    static func input(_ form: FormData) -> LessonInput {
        var input = LessonInput()
        input.learnedOn = form["learned_on"]; input.phase = form["phase"]; input.kind = form["kind"]; input.summary = form["lesson"]
        input.detail = form["detail"]
        return input
    }
}
