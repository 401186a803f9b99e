import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Personas, journey maps and their steps in the API.
extension StoryAPIRoutes {
    static var designRoutes: [(RouteEntry, (Self) -> Handler)] {
        [
            (personas.get, { $0.listPersonas }), (personas.post, { $0.createPersona }),
            (persona.get, { $0.getPersona }), (persona.patch, { $0.updatePersona }), (persona.delete, { $0.deletePersona }),
            (journeys.get, { $0.listJourneys }), (journeys.post, { $0.createJourney }),
            (journey.get, { $0.getJourney }), (journey.patch, { $0.updateJourney }), (journey.delete, { $0.deleteJourney }),
            (steps.get, { $0.listSteps }), (steps.post, { $0.createStep }),
            (step.get, { $0.getStep }), (step.patch, { $0.updateStep }), (step.delete, { $0.deleteStep }),
        ]
    }

    // MARK: personas

    @Sendable func listPersonas(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await loader.design.personas(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("personas", try APIWrites.page(all.map(J.PersonaJSON.init), request, sorts: ["name": { $0.name < $1.name }]))
    }

    @Sendable func createPersona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.PersonaBody.self, request, context)
        let created = try await writes.createPersona(actor, trajectoryID: tr.id, body.merged(onto: PersonaInput()))
        return try Self.created(J.PersonaJSON(created), version: created.version, location: Self.persona.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getPersona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await loader.persona(request, context, m, tr)
        return try APIWrites.json(J.PersonaJSON(found), version: found.version)
    }

    @Sendable func updatePersona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.persona(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.PersonaBody.self, request, context)
        let saved = try await writes.updatePersona(actor, current: current, body.merged(onto: PersonaInput(current)), expected: expected)
        return try APIWrites.json(J.PersonaJSON(saved), version: saved.version)
    }

    @Sendable func deletePersona(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.persona(request, context, m, tr)
        try await writes.deletePersona(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: journeys

    @Sendable func listJourneys(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await loader.design.journeys(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("journeys", try APIWrites.page(all.map(J.JourneyJSON.init), request, sorts: [
            "scenario": { $0.scenario < $1.scenario }, "kind": { $0.kind < $1.kind },
        ]))
    }

    @Sendable func createJourney(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.JourneyBody.self, request, context)
        guard let personaID = body.personaId, !personaID.isEmpty else { throw ValidationErrors([.validation("required", field: "persona_id")]) }
        guard let persona = try await loader.design.personas(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == personaID })
        else { throw ValidationErrors([SamenError("persona_unknown", kind: .conflict, field: "persona_id")]) }
        let created = try await writes.createJourney(actor, persona: persona, body.merged(onto: JourneyInput()))
        return try Self.created(J.JourneyJSON(created), version: created.version, location: Self.journey.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getJourney(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await loader.journey(request, context, m, tr)
        return try APIWrites.json(J.JourneyJSON(found), version: found.version)
    }

    @Sendable func updateJourney(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.journey(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.JourneyBody.self, request, context)
        let saved = try await writes.updateJourney(actor, current: current, body.merged(onto: JourneyInput(current)), expected: expected)
        return try APIWrites.json(J.JourneyJSON(saved), version: saved.version)
    }

    @Sendable func deleteJourney(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.journey(request, context, m, tr)
        try await writes.deleteJourney(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: journey steps

    @Sendable func listSteps(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let journey = try await loader.journey(request, context, m, tr)
        let all = try await loader.design.steps(organisationID: m.organisation.id, journeyID: journey.id)
        return try APIWrites.list("steps", try APIWrites.page(all.map(J.StepJSON.init), request, sorts: [
            "position": { $0.position < $1.position }, "emotion": { $0.emotion < $1.emotion }, "stage": { $0.stage < $1.stage },
        ]))
    }

    @Sendable func createStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let journey = try await loader.journey(request, context, m, tr)
        let body = try await APIWrites.decode(J.StepBody.self, request, context)
        let created = try await writes.createStep(actor, journey: journey, body.merged(onto: JourneyStepInput()))
        return try Self.created(J.StepJSON(created), version: created.version,
                                location: Self.step.link(m.organisation.slug, tr.id, journey.id, created.id))
    }

    @Sendable func getStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await loader.step(request, context, m, try await loader.journey(request, context, m, tr))
        return try APIWrites.json(J.StepJSON(found), version: found.version)
    }

    @Sendable func updateStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let journey = try await loader.journey(request, context, m, tr)
        let current = try await loader.step(request, context, m, journey)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.StepBody.self, request, context)
        let saved = try await writes.updateStep(actor, journey: journey, current: current, body.merged(onto: JourneyStepInput(current)), expected: expected)
        return try APIWrites.json(J.StepJSON(saved), version: saved.version)
    }

    @Sendable func deleteStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let journey = try await loader.journey(request, context, m, tr)
        let current = try await loader.step(request, context, m, journey)
        try await writes.deleteStep(actor, journey: journey, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }
}
