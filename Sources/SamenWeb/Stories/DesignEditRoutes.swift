import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting insights, personas, journey maps and their steps, including
/// which passages (highlights) a record rests on.
struct DesignEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var pages: RecordPages { RecordPages(t: t) }
    var writes: StoryWrites { StoryWrites(database: t.services.database) }
    var loader: StoryRecords { StoryRecords(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StoryPath.insightEdit.get, { $0.insightForm }), (StoryPath.insightEdit.post, { $0.insightEdit }),
            (StoryPath.insightDelete.get, { $0.insightDeleteForm }), (StoryPath.insightDelete.post, { $0.insightDelete }),
            (StoryPath.personaEdit.get, { $0.personaForm }), (StoryPath.personaEdit.post, { $0.personaEdit }),
            (StoryPath.personaDelete.get, { $0.personaDeleteForm }), (StoryPath.personaDelete.post, { $0.personaDelete }),
            (StoryPath.journeyEdit.get, { $0.journeyForm }), (StoryPath.journeyEdit.post, { $0.journeyEdit }),
            (StoryPath.journeyDelete.get, { $0.journeyDeleteForm }), (StoryPath.journeyDelete.post, { $0.journeyDelete }),
            (StoryPath.stepEdit.get, { $0.stepForm }), (StoryPath.stepEdit.post, { $0.stepEdit }),
            (StoryPath.stepDelete.get, { $0.stepDeleteForm }), (StoryPath.stepDelete.post, { $0.stepDelete }),
        ]
    }

    /// The shared flow for one kind of record: load, show, save, confirm a delete.
    struct Kind<R: Versioned & Sendable> {
        let load: (Request, AppRequestContext, Membership, Trajectory) async throws -> R
        let values: (R) -> [String: String]
        /// The form for a record; the options are the trajectory's passages when `linksPassages`.
        let spec: (String, Trajectory, R, [Option], AppRequestContext) -> RecordPages.Spec
        let name: (R) -> String
        let deleteTitle: String
        let done: (String, Trajectory, R) -> String
        let save: (WriteActor, R, FormData, Int?) async throws -> Void
        let impact: (R) async throws -> DeletionImpact
        let delete: (WriteActor, R, Int?) async throws -> Void
        var linksPassages = true
        /// The field that names the passages, one id a line in `values`.
        var passageField = "highlights"
    }

    /// The passages a record's "rests on" field offers: those it rests on or that were typed,
    /// then the newest that match the page's `?passages=` search (a large trajectory has
    /// thousands; listing them all made these forms the slowest pages).
    func spec<R>(_ kind: Kind<R>, _ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ record: R,
                 typed: [String] = []) async throws -> RecordPages.Spec {
        guard kind.linksPassages else { return kind.spec(m.organisation.slug, tr, record, [], context) }
        let stored = (kind.values(record)[kind.passageField] ?? "").split(separator: "\n").map(String.init)
        let (options, search) = try await EvidenceRoutes(t: t).passageOptions(
            request, context, m, tr, checked: Set(stored + typed).subtracting([""]), action: request.uri.path + "#record-edit-form")
        var spec = kind.spec(m.organisation.slug, tr, record, options, context)
        spec.passageSearch = search
        return spec
    }

    func form<R>(_ kind: Kind<R>, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let record = try await kind.load(request, context, m, tr)
        return pages.editPage(request, context, m, tr, try await spec(kind, request, context, m, tr, record), values: kind.values(record),
                              version: record.version)
    }

    func edit<R>(_ kind: Kind<R>, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let record = try await kind.load(request, context, m, tr)
        let form = try await request.form(context)
        let actor = try pages.actor(m, context)
        let typed = form.values(kind.passageField)
        return try await pages.save(request, context, m, tr, try await spec(kind, request, context, m, tr, record, typed: typed), form: form, reload: {
            let now = try? await kind.load(request, context, m, tr)
            return now.map { (kind.values($0), $0.version) }
        }, write: { try await kind.save(actor, record, form, $0) })
    }

    func deleteForm<R>(_ kind: Kind<R>, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let record = try await kind.load(request, context, m, tr)
        let spec = kind.spec(m.organisation.slug, tr, record, [], context)
        return pages.deletePage(request, context, m, tr, heading: t.word(kind.deleteTitle, context), name: kind.name(record),
                                impact: try await kind.impact(record), action: spec.deleteLink ?? spec.action, back: spec.back,
                                version: record.version)
    }

    func delete<R>(_ kind: Kind<R>, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let record = try await kind.load(request, context, m, tr)
        let spec = kind.spec(m.organisation.slug, tr, record, [], context)
        let actor = try pages.actor(m, context)
        return try await pages.confirmDelete(
            request, context, m, tr, heading: t.word(kind.deleteTitle, context), name: kind.name(record), action: spec.deleteLink ?? spec.action,
            back: spec.back, done: kind.done(m.organisation.slug, tr, record), impact: { try await kind.impact(record) },
            reload: { (try? await kind.load(request, context, m, tr))?.version }, delete: { try await kind.delete(actor, record, $0) })
    }

    // MARK: insights

    var insight: Kind<Insight> {
        Kind(load: loader.insight, values: { ["title": $0.title, "description": $0.description, "highlights": $0.highlightIDs.joined(separator: "\n")] },
             spec: { slug, tr, i, passages, context in
                 RecordPages.Spec(heading: t.word("insight_edit_title", context),
                                  layout: [("title", .text), ("description", .textarea), ("highlights", .choices(passages))],
                                  action: StoryPath.insightEdit.link(slug, tr.id, i.id), back: StoryPath.insights.link(slug, tr.id),
                                  deleteLink: StoryPath.insightDelete.link(slug, tr.id, i.id))
             },
             name: \.title, deleteTitle: "insight_delete_title", done: { slug, tr, _ in StoryPath.insights.link(slug, tr.id) },
             save: { actor, i, form, expected in
                 var input = InsightInput(i)
                 input.title = form["title"]; input.description = form["description"]; input.highlightIDs = form.values("highlights")
                 _ = try await writes.updateInsight(actor, current: i, input, expected: expected)
             },
             impact: writes.insightImpact, delete: { try await writes.deleteInsight($0, $1, expected: $2) })
    }

    @Sendable func insightForm(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await form(insight, request, context) }
    @Sendable func insightEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await edit(insight, request, context) }
    @Sendable func insightDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await deleteForm(insight, request, context)
    }
    @Sendable func insightDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await delete(insight, request, context) }

    // MARK: personas

    static func values(_ p: Persona) -> [String: String] {
        Dictionary(uniqueKeysWithValues: PersonaInput(p).texts).merging(["highlights": p.highlightIDs.joined(separator: "\n")]) { a, _ in a }
    }

    var persona: Kind<Persona> {
        Kind(load: loader.persona, values: Self.values,
             spec: { slug, tr, p, passages, context in
                 RecordPages.Spec(heading: t.word("persona_edit_title", context),
                                  layout: Persona.textFields.map { ($0, ["name", "age_band"].contains($0) ? RecordForm.Kind.text : RecordForm.Kind.textarea) }
                                      + [("highlights", .choices(passages))],
                                  action: StoryPath.personaEdit.link(slug, tr.id, p.id), back: StoryPath.persona.link(slug, tr.id, p.id),
                                  deleteLink: StoryPath.personaDelete.link(slug, tr.id, p.id))
             },
             name: \.name, deleteTitle: "persona_delete_title", done: { slug, tr, _ in StoryPath.personas.link(slug, tr.id) },
             save: { actor, p, form, expected in
                 var input = PersonaInput(p)
                 input.name = form["name"]; input.quote = form["persona_quote"]; input.ageBand = form["age_band"]; input.situation = form["situation"]
                 input.goals = form["goals"]; input.needs = form["needs"]; input.frustrations = form["frustrations"]; input.channels = form["channels"]
                 input.digitalSkills = form["digital_skills"]; input.network = form["network"]; input.vulnerability = form["vulnerability"]
                 input.highlightIDs = form.values("highlights")
                 _ = try await writes.updatePersona(actor, current: p, input, expected: expected)
             },
             impact: writes.personaImpact, delete: { try await writes.deletePersona($0, $1, expected: $2) })
    }

    @Sendable func personaForm(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await form(persona, request, context) }
    @Sendable func personaEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await edit(persona, request, context) }
    @Sendable func personaDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await deleteForm(persona, request, context)
    }
    @Sendable func personaDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await delete(persona, request, context) }

    // MARK: journeys

    var journey: Kind<Journey> {
        Kind(load: loader.journey, values: { ["scenario": $0.scenario, "kind": $0.kind.rawValue] },
             spec: { slug, tr, j, _, context in
                 RecordPages.Spec(heading: t.word("journey_edit_title", context),
                                  layout: [("scenario", .text), ("kind", .select(t.options(Journey.Kind.self, selected: "", prefix: "journey_kind_", context)))],
                                  action: StoryPath.journeyEdit.link(slug, tr.id, j.id), back: StoryPath.journey.link(slug, tr.id, j.id),
                                  deleteLink: StoryPath.journeyDelete.link(slug, tr.id, j.id))
             },
             name: \.scenario, deleteTitle: "journey_delete_title", done: { slug, tr, j in StoryPath.persona.link(slug, tr.id, j.personaID) },
             save: { actor, j, form, expected in
                 var input = JourneyInput(j)
                 input.scenario = form["scenario"]; input.kind = form["kind"]
                 _ = try await writes.updateJourney(actor, current: j, input, expected: expected)
             },
             impact: writes.journeyImpact, delete: { try await writes.deleteJourney($0, $1, expected: $2) }, linksPassages: false)
    }

    @Sendable func journeyForm(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await form(journey, request, context) }
    @Sendable func journeyEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await edit(journey, request, context) }
    @Sendable func journeyDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await deleteForm(journey, request, context)
    }
    @Sendable func journeyDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await delete(journey, request, context) }

    // MARK: journey steps (a step with its journey, so the use-case knows the trajectory)

    struct StepOfJourney: Versioned, Sendable {
        var journey: Journey
        var step: JourneyStep
        var version: Int {
            get { step.version }
            set { step.version = newValue }
        }
    }

    static func values(_ s: JourneyStep) -> [String: String] {
        ["stage": s.stage, "position": String(s.position), "touchpoint": s.touchpoint, "channel": s.channel, "actor": s.actor,
         "emotion": String(s.emotion), "pain_points": s.painPoints, "moment_of_truth": s.momentOfTruth ? "1" : "",
         "opportunities": s.opportunities, "frontstage": s.frontstage, "backstage": s.backstage, "support": s.support,
         "highlights": s.highlightIDs.joined(separator: "\n")]
    }

    var step: Kind<StepOfJourney> {
        Kind(load: { request, context, m, tr in
                 let journey = try await loader.journey(request, context, m, tr)
                 return StepOfJourney(journey: journey, step: try await loader.step(request, context, m, journey))
             },
             values: { Self.values($0.step) },
             spec: { slug, tr, x, passages, context in
                 let channels = DesignRules.channels.map { Option(value: $0, label: t.word("channel_" + $0, context), selected: false) }
                 return RecordPages.Spec(
                     heading: t.word("step_edit_title", context),
                     layout: [("stage", .text), ("position", .number), ("touchpoint", .text), ("channel", .select(channels)), ("actor", .text),
                              ("emotion", .number), ("pain_points", .textarea), ("moment_of_truth", .checkbox), ("opportunities", .textarea),
                              ("frontstage", .textarea), ("backstage", .textarea), ("support", .textarea), ("highlights", .choices(passages))],
                     action: StoryPath.stepEdit.link(slug, tr.id, x.journey.id, x.step.id), back: StoryPath.journey.link(slug, tr.id, x.journey.id),
                     deleteLink: StoryPath.stepDelete.link(slug, tr.id, x.journey.id, x.step.id))
             },
             name: { $0.step.stage + ": " + $0.step.touchpoint }, deleteTitle: "step_delete_title",
             done: { slug, tr, x in StoryPath.journey.link(slug, tr.id, x.journey.id) },
             save: { actor, x, form, expected in
                 var input = JourneyStepInput(x.step)
                 input.stage = form["stage"]; input.position = form["position"]; input.touchpoint = form["touchpoint"]; input.channel = form["channel"]
                 input.actor = form["actor"]; input.emotion = form["emotion"]; input.painPoints = form["pain_points"]
                 input.momentOfTruth = !form["moment_of_truth"].isEmpty; input.opportunities = form["opportunities"]
                 input.frontstage = form["frontstage"]; input.backstage = form["backstage"]; input.support = form["support"]
                 input.highlightIDs = form.values("highlights")
                 _ = try await writes.updateStep(actor, journey: x.journey, current: x.step, input, expected: expected)
             },
             impact: { _ in DeletionImpact([]) }, delete: { try await writes.deleteStep($0, journey: $1.journey, $1.step, expected: $2) })
    }

    @Sendable func stepForm(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await form(step, request, context) }
    @Sendable func stepEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await edit(step, request, context) }
    @Sendable func stepDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await deleteForm(step, request, context) }
    @Sendable func stepDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response { try await delete(step, request, context) }
}
