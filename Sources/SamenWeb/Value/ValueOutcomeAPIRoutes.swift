import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Outcomes (with their readings, the survey's computed at the time of the request) and
/// measurements in the JSON API: `ETag` / `If-Match` (412 when stale), every write through
/// `ValueOutcomeWrites`, the use-case of the pages.
struct ValueOutcomeAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = ValueJSON
    var writes: ValueOutcomeWrites { ValueOutcomeWrites(database: t.services.database) }
    var store: ValueOutcomeStore { ValueOutcomeStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.apiOutcomes.get, { $0.list }), (ValuePath.apiOutcomes.post, { $0.create }),
            (ValuePath.apiOutcome.get, { $0.get }), (ValuePath.apiOutcome.patch, { $0.update }), (ValuePath.apiOutcome.delete, { $0.delete }),
            (ValuePath.apiMeasurements.get, { $0.listMeasurements }), (ValuePath.apiMeasurements.post, { $0.createMeasurement }),
            (ValuePath.apiMeasurement.get, { $0.getMeasurement }), (ValuePath.apiMeasurement.patch, { $0.updateMeasurement }),
            (ValuePath.apiMeasurement.delete, { $0.deleteMeasurement }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    func json(_ m: Membership, _ outcomes: [ValueOutcome]) async throws -> [J.OutcomeJSON] {
        guard let first = outcomes.first else { return [] }
        let measurements = try await store.measurements(organisationID: m.organisation.id, trajectoryID: first.trajectoryID)
        let readings = try await ValueOutcomeReadings(database: t.services.database)
            .readings(organisationID: m.organisation.id, outcomes: outcomes, measurements: measurements)
        return outcomes.map { J.OutcomeJSON($0, readings: readings[$0.id] ?? []) }
    }

    func one(_ m: Membership, _ outcome: ValueOutcome, status: HTTPResponse.Status = .ok) async throws -> Response {
        let body = try await json(m, [outcome])[0]
        return try APIWrites.json(body, version: outcome.version, status: status)
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await json(m, try await store.outcomes(organisationID: m.organisation.id, trajectoryID: tr.id))
        return try APIWrites.list("value_outcomes", try APIWrites.page(all, request, sorts: [
            "intervention_id": { $0.interventionId < $1.interventionId }, "indicator": { $0.indicator < $1.indicator },
        ]))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.OutcomeBody.self, request, context)
        let created = try await writes.create(actor, trajectoryID: tr.id, body.merged(onto: ValueOutcomeInput()))
        var response = try await one(m, created, status: .created)
        response.headers[.location] = ValuePath.apiOutcome.link(m.organisation.slug, tr.id, created.id)
        return response
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        return try await one(m, try await ValueOutcomeRoutes.outcome(t, request, context, m, tr))
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ValueOutcomeRoutes.outcome(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.OutcomeBody.self, request, context)
        return try await one(m, try await writes.update(actor, current: current, body.merged(onto: ValueOutcomeInput(current)), expected: expected))
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ValueOutcomeRoutes.outcome(t, request, context, m, tr)
        try await writes.delete(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    // MARK: measurements by hand

    @Sendable func listMeasurements(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let outcome = try await ValueOutcomeRoutes.outcome(t, request, context, m, tr)
        let all = try await store.measurements(organisationID: m.organisation.id, trajectoryID: tr.id).filter { $0.outcomeID == outcome.id }
        return try APIWrites.list("measurements", try APIWrites.page(all.map(J.MeasurementJSON.init), request, sorts: [
            "measured_on": { $0.measuredOn < $1.measuredOn }, "value": { $0.value < $1.value },
        ]))
    }

    @Sendable func createMeasurement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let outcome = try await ValueOutcomeRoutes.outcome(t, request, context, m, tr)
        let body = try await APIWrites.decode(J.MeasurementBody.self, request, context)
        let created = try await writes.addMeasurement(actor, outcome: outcome, body.merged(onto: ValueMeasurementInput()))
        return try StoryAPIRoutes.created(J.MeasurementJSON(created), version: created.version,
                                          location: ValuePath.apiMeasurement.link(m.organisation.slug, tr.id, outcome.id, created.id))
    }

    @Sendable func getMeasurement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let (_, found) = try await ValueOutcomeRoutes.measurement(t, request, context, m, tr)
        return try APIWrites.json(J.MeasurementJSON(found), version: found.version)
    }

    @Sendable func updateMeasurement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let (outcome, current) = try await ValueOutcomeRoutes.measurement(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.MeasurementBody.self, request, context)
        let saved = try await writes.updateMeasurement(actor, outcome: outcome, current: current, body.merged(onto: ValueMeasurementInput(current)),
                                                       expected: expected)
        return try APIWrites.json(J.MeasurementJSON(saved), version: saved.version)
    }

    @Sendable func deleteMeasurement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let (_, current) = try await ValueOutcomeRoutes.measurement(t, request, context, m, tr)
        try await writes.deleteMeasurement(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }
}
