import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Personas and journey maps (with a service-blueprint view). Every card lists the
/// highlights it rests on, with a link back to the story.
struct DesignRoutes: RouteGroup {
    let t: TrajectoryContext
    var design: DesignStore { DesignStore(database: t.services.database) }
    var evidence: EvidenceRoutes { EvidenceRoutes(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StoryPath.personas.get, { $0.personas }), (StoryPath.personas.post, { $0.createPersona }), (StoryPath.persona.get, { $0.persona }),
            (StoryPath.persona.appending("journeys").post, { $0.createJourney }), (StoryPath.journey.get, { $0.journey }),
            (StoryPath.journey.appending("steps").post, { $0.addStep }),
        ]
    }

    struct PersonaCard {
        let name: String
        let quote: String
        let url: String
        let sources: Int
        let weak: Bool
    }

    struct PersonasBody {
        let cards: [PersonaCard]
        let isEmpty: Bool
        let canEdit: Bool
        let form: FormState
        let highlights: [EvidenceRoutes.QuoteRow]
        let hasHighlights: Bool
        let passageSearch: EvidenceRoutes.PassageSearch
        let action: String
        let minimum: Int
    }

    private func base(_ m: Membership, _ tr: Trajectory) -> String { TrajectoryPaths.trajectory(m.organisation.slug, tr.id) }

    /// The named highlights of the trajectory, by id (only those: a large trajectory has 15,000).
    private func highlights(_ m: Membership, _ tr: Trajectory, ids: [String]) async throws -> [String: Highlight] {
        let list = try await EvidenceStore(database: t.services.database).highlights(organisationID: m.organisation.id, trajectoryID: tr.id, ids: ids)
        return Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Sendable func personas(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await personasPage(request, context, m, tr, form: t.renderer.form([:], names: Persona.textFields, context), checked: [], status: .ok)
    }

    private func personasPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, form: FormState,
                              checked: Set<String>, status: HTTPResponse.Status) async throws -> Response {
        let personas = try await design.personas(organisationID: m.organisation.id, trajectoryID: tr.id)
        let highlights = try await highlights(m, tr, ids: personas.flatMap(\.highlightIDs))
        let cards = personas.map { p in
            let sources = DesignRules.independentSources(p.highlightIDs.compactMap { highlights[$0] })
            return PersonaCard(name: p.name, quote: p.quote, url: base(m, tr) + "/personas/\(p.id)", sources: sources,
                               weak: sources < DesignRules.minimumSources)
        }
        let canEdit = m.role.allows(.editContent), action = base(m, tr) + "/personas"
        let (quoteRows, search) = try await evidence.passageChoices(request, context, m, tr, checked: checked, action: action)
        let body = PersonasBody(cards: cards, isEmpty: cards.isEmpty, canEdit: canEdit, form: form, highlights: quoteRows,
                                hasHighlights: !quoteRows.isEmpty || !search.value.isEmpty, passageSearch: search, action: action,
                                minimum: DesignRules.minimumSources)
        return t.page("trajectory-personas", title: t.word("trajectory_tab_personas", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func createPersona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        let chosen = form.values("highlight")
        var input = PersonaInput()
        input.name = form["name"]; input.quote = form["persona_quote"]; input.ageBand = form["age_band"]; input.situation = form["situation"]
        input.goals = form["goals"]; input.needs = form["needs"]; input.frustrations = form["frustrations"]; input.channels = form["channels"]
        input.digitalSkills = form["digital_skills"]; input.network = form["network"]; input.vulnerability = form["vulnerability"]
        input.highlightIDs = chosen
        var errors: [SamenError] = []
        do {
            let persona = try await StoryWrites(database: t.services.database).createPersona(try RecordPages(t: t).actor(m, context),
                                                                                           trajectoryID: tr.id, input)
            return t.services.cookies.redirect(StoryPath.persona.link(m.organisation.slug, tr.id, persona.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            errors = refused.errors
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        }
        let values = Dictionary(uniqueKeysWithValues: Persona.textFields.map { ($0, form[$0]) })
        return try await personasPage(request, context, m, tr, form: t.renderer.form(values, errors: errors, names: Persona.textFields, context),
                                      checked: Set(chosen), status: .unprocessableContent)
    }

    struct Fact {
        let label: String
        let value: String
    }

    struct JourneyRow {
        let scenario: String
        let kind: String
        let url: String
    }

    struct PersonaBody {
        let persona: Persona
        let facts: [Fact]
        let quotes: [EvidenceRoutes.QuoteRow]
        let sources: Int
        let weak: Bool
        let minimum: Int
        let journeys: [JourneyRow]
        let canEdit: Bool
        let kinds: [Option]
        let form: FormState
        let journeyAction: String
        let back: String
        let editLink: String
        let deleteLink: String
    }

    private func loadPersona(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Persona {
        let id = try request.parameter("persona", context)
        guard let persona = try await design.personas(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        return persona
    }

    @Sendable func persona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let persona = try await loadPersona(request, context, m, tr)
        return try await personaPage(request, context, m, tr, persona, form: t.renderer.form([:], names: ["scenario"], context), status: .ok)
    }

    private func personaPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ persona: Persona,
                             form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let highlights = try await highlights(m, tr, ids: persona.highlightIDs)
        let linked = persona.highlightIDs.compactMap { highlights[$0] }
        let values = [persona.quote, persona.ageBand, persona.situation, persona.goals, persona.needs, persona.frustrations, persona.channels,
                      persona.digitalSkills, persona.network, persona.vulnerability]
        let facts = zip(Persona.textFields.dropFirst(), values).filter { !$0.1.isEmpty }.map { Fact(label: t.word("field_" + $0.0, context), value: $0.1) }
        let journeys = try await design.journeys(organisationID: m.organisation.id, trajectoryID: tr.id).filter { $0.personaID == persona.id }.map {
            JourneyRow(scenario: $0.scenario, kind: t.word("journey_kind_" + $0.kind.rawValue, context), url: base(m, tr) + "/journeys/\($0.id)")
        }
        let sources = DesignRules.independentSources(linked)
        let body = PersonaBody(persona: persona, facts: facts, quotes: evidence.quoteRows(m, tr, linked, checked: [], context), sources: sources,
                               weak: sources < DesignRules.minimumSources, minimum: DesignRules.minimumSources, journeys: journeys,
                               canEdit: m.role.allows(.editContent),
                               kinds: Journey.Kind.allCases.map { Option(value: $0.rawValue, label: t.word("journey_kind_" + $0.rawValue, context), selected: $0 == .asIs) },
                               form: form, journeyAction: base(m, tr) + "/personas/\(persona.id)/journeys", back: base(m, tr) + "/personas",
                               editLink: StoryPath.personaEdit.link(m.organisation.slug, tr.id, persona.id),
                               deleteLink: StoryPath.personaDelete.link(m.organisation.slug, tr.id, persona.id))
        return t.page("trajectory-persona", title: persona.name, body: body, request: request, context: context, membership: m, trajectory: tr, status: status)
    }

    @Sendable func createJourney(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let persona = try await loadPersona(request, context, m, tr)
        let form = try await request.form(context)
        var input = JourneyInput()
        input.scenario = form["scenario"]; input.kind = form["kind"]
        do {
            let journey = try await StoryWrites(database: t.services.database).createJourney(try RecordPages(t: t).actor(m, context), persona: persona, input)
            return .seeOther(StoryPath.journey.link(m.organisation.slug, tr.id, journey.id))
        } catch let refused as ValidationErrors {
            return try await personaPage(request, context, m, tr, persona,
                                         form: t.renderer.form(["scenario": form["scenario"]], errors: refused.errors, names: ["scenario"], context),
                                         status: .unprocessableContent)
        }
    }

    @Sendable func journey(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await JourneyView(t: t, routes: self).page(request, context, m, tr, form: nil, status: .ok)
    }

    @Sendable func addStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        return try await JourneyView(t: t, routes: self).addStep(request, context, m, tr)
    }
}
