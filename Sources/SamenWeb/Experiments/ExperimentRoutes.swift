import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The experiments of a trajectory: the list (with the flag for a learning card that is
/// overdue) and the new-experiment form, and one experiment with its test and learning
/// cards and the chain back to the citizens' words: intervention → insights → passages → stories.
struct ExperimentRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: ExperimentStore { ExperimentStore(database: t.services.database) }
    var writes: ExperimentWrites { ExperimentWrites(database: t.services.database) }
    var form: ExperimentForm { ExperimentForm(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ExperimentPath.experiments.get, { $0.list }), (ExperimentPath.experiments.post, { $0.create }), (ExperimentPath.experiment.get, { $0.detail })]
    }

    /// The experiment of the path, in the trajectory of the path (404 otherwise).
    static func experiment(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                           _ tr: Trajectory) async throws -> Experiment {
        guard let found = try await ExperimentStore(database: t.services.database)
            .experiment(organisationID: m.organisation.id, id: try request.parameter("experiment", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    struct Row {
        let title: String
        let url: String
        let intervention: String
        let period: String
        let state: String
        let overdue: Bool
    }

    /// One experiment in a list, with where its learning stands in words.
    static func row(_ t: TrajectoryContext, _ e: Experiment, slug: String, interventions: [String: String], today: CalendarDate,
                    _ context: AppRequestContext) -> Row {
        let overdue = ExperimentRules.isLearningOverdue(e, today: today)
        let state = e.decision.map { t.word("experiment_state_decided", context) + ": " + t.word("decision_" + $0.rawValue, context) }
            ?? t.word(overdue ? "experiment_learning_missing" : e.hasCompleteTestCard ? "experiment_state_running" : "experiment_state_draft", context)
        return Row(title: e.title, url: ExperimentPath.experiment.link(slug, e.trajectoryID, e.id),
                   intervention: e.interventionID.flatMap { interventions[$0] } ?? "–", period: period(e), state: state, overdue: overdue)
    }

    static func period(_ e: Experiment) -> String {
        switch (e.startsOn, e.endsOn) {
        case let (s?, e?): s + " – " + e
        case let (s?, nil): s + " –"
        case let (nil, e?): "– " + e
        case (nil, nil): "–"
        }
    }

    struct ListBody {
        let rows: [Row]
        let isEmpty: Bool
        let hasOverdue: Bool
        let graceWeeks: Int
        let canEdit: Bool
        let action: String
        let lessons: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await listPage(request, context, m, tr, values: [:], errors: [], status: .ok)
    }

    func listPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                  errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let all = try await store.experiments(organisationID: m.organisation.id, trajectoryID: tr.id)
        let choices = try await form.choices(m, tr, stories: (values["story_ids"] ?? "").split(separator: "\n").map(String.init))
        let names = Dictionary(choices.interventions.map { ($0.value, $0.label) }) { a, _ in a }
        let today = ExperimentWrites.today()
        let rows = all.map { Self.row(t, $0, slug: slug, interventions: names, today: today, context) }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: ExperimentForm.names, context)
        let body = ListBody(rows: rows, isEmpty: rows.isEmpty, hasOverdue: rows.contains(where: \.overdue), graceWeeks: ExperimentRules.learningGraceWeeks,
                            canEdit: canEdit, action: ExperimentPath.experiments.link(slug, tr.id), lessons: ExperimentPath.lessons.link(slug, tr.id),
                            form: state, fields: canEdit ? RecordForm.fields(form.layout(choices, context), state) : [])
        return t.page("experiments", title: t.word("experiments_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            let created = try await writes.createExperiment(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, ExperimentForm.input(data))
            return t.services.cookies.redirect(ExperimentPath.experiment.link(m.organisation.slug, tr.id, created.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = RecordPages.typed(data, form.layout(ExperimentForm.Choices(), context))
            // As in the API: only rules between fields and links are refused as a conflict; a field error is 422.
            let status: HTTPResponse.Status = refused.errors.allSatisfy { $0.kind == .conflict } ? .conflict : .unprocessableContent
            return try await listPage(request, context, m, tr, values: typed, errors: refused.errors, status: status)
        }
    }

    struct Link {
        let label: String
        let url: String
    }

    /// An insight the experiment's intervention answers, with the passages it rests on.
    struct InsightChain {
        let title: String
        let url: String
        let passages: [Link]
    }

    /// One line of a card or list of facts; an empty value shows as a dash.
    struct Line {
        let label: String
        let value: String
        init(_ label: String, _ value: String) {
            self.label = label
            self.value = value.isEmpty ? "–" : value
        }
    }

    struct DetailBody {
        let experiment: Experiment
        let period: String
        let overdue: Bool
        let graceWeeks: Int
        let hasTestCard: Bool
        let testCard: [Line]
        let hasLearningCard: Bool
        let learningCard: [Line]
        let intervention: Link?
        let insights: [InsightChain]
        let activity: Link?
        let evidence: [Line]
        let stories: [Link]
        let canEdit: Bool
        let editLink: String
        let deleteLink: String
        let back: String
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let e = try await Self.experiment(t, request, context, m, tr)
        let slug = m.organisation.slug
        let choices = try await form.choices(m, tr, stories: e.storyIDs)
        let chain = try await ExperimentChain(t: t).insights(of: e.interventionID, m, tr)
        let body = DetailBody(
            experiment: e, period: Self.period(e), overdue: ExperimentRules.isLearningOverdue(e, today: ExperimentWrites.today()),
            graceWeeks: ExperimentRules.learningGraceWeeks, hasTestCard: e.hasCompleteTestCard,
            testCard: [("belief", e.belief), ("test", e.test), ("metric", e.metric), ("criterion", e.criterion)]
                .map { Line(t.word("field_" + $0.0, context), $0.1) },
            hasLearningCard: e.hasLearningCard,
            learningCard: e.decision.map { d in
                [Line(t.word("field_observed", context), e.observed), Line(t.word("field_learned", context), e.learned),
                 Line(t.word("field_decision", context), t.word("decision_" + d.rawValue, context))]
            } ?? [],
            intervention: e.interventionID.flatMap { id in
                choices.label(choices.interventions, id).map { Link(label: $0, url: PortfolioPath.intervention.link(slug, tr.id, id)) }
            },
            insights: chain,
            activity: e.activityID.flatMap { id in
                choices.label(choices.activities, id).map { Link(label: $0, url: TrajectoryPath.activity.link(slug, tr.id, id)) }
            },
            evidence: [Line(t.word("field_participant_ids", context), e.participantIDs.compactMap { choices.label(choices.participants, $0) }
                                                                              .joined(separator: ", ")),
                       Line(t.word("field_survey_wave_id", context), choices.label(choices.waves, e.surveyWaveID) ?? ""),
                       Line(t.word("field_measurements", context), e.measurements)],
            stories: e.storyIDs.compactMap { id in
                choices.label(choices.stories, id).map { Link(label: $0, url: StoryPath.story.link(slug, tr.id, id)) }
            },
            canEdit: m.role.allows(.editContent),
            editLink: ExperimentPath.experimentEdit.link(slug, tr.id, e.id), deleteLink: ExperimentPath.experimentDelete.link(slug, tr.id, e.id),
            back: ExperimentPath.experiments.link(slug, tr.id))
        return t.page("experiment", title: e.title, body: body, request: request, context: context, membership: m, trajectory: tr)
    }
}
