import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The value register in the JSON API: reads answer with an `ETag`, writes take `If-Match`
/// (412 when stale), and every write goes through `ValueWrites`, the use-case of the pages.
struct ValueAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = ValueJSON
    var writes: ValueWrites { ValueWrites(database: t.services.database) }
    var store: ValueStore { ValueStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.apiRecords.get, { $0.list }), (ValuePath.apiRecords.post, { $0.create }),
            (ValuePath.apiRecord.get, { $0.get }), (ValuePath.apiRecord.patch, { $0.update }), (ValuePath.apiRecord.delete, { $0.delete }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await store.records(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("value_records", try APIWrites.page(all.map(J.RecordJSON.init), request, sorts: [
            "polarity": { $0.polarity < $1.polarity }, "beneficiary": { $0.beneficiary < $1.beneficiary },
            "value_type": { $0.valueType < $1.valueType }, "moment": { $0.moment < $1.moment },
        ]))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.RecordBody.self, request, context)
        let created = try await writes.create(actor, trajectoryID: tr.id, body.merged(onto: ValueRecordInput()))
        return try StoryAPIRoutes.created(J.RecordJSON(created), version: created.version,
                                          location: ValuePath.apiRecord.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await ValueEditRoutes.record(t, request, context, m, tr)
        return try APIWrites.json(J.RecordJSON(found), version: found.version)
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ValueEditRoutes.record(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.RecordBody.self, request, context)
        let saved = try await writes.update(actor, current: current, body.merged(onto: ValueRecordInput(current)), expected: expected)
        return try APIWrites.json(J.RecordJSON(saved), version: saved.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ValueEditRoutes.record(t, request, context, m, tr)
        try await writes.delete(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }
}
