import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting value records, on the shared record flow (`DesignEditRoutes.Kind`:
/// form, stale 409 with both values, delete confirmation).
struct ValueEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    var writes: ValueWrites { ValueWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.recordEdit.get, { $0.recordForm }), (ValuePath.recordEdit.post, { $0.recordEdit }),
            (ValuePath.recordDelete.get, { $0.recordDeleteForm }), (ValuePath.recordDelete.post, { $0.recordDelete }),
        ]
    }

    /// The record of the path, in the trajectory of the path (404 otherwise).
    static func record(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                       _ tr: Trajectory) async throws -> ValueRecord {
        guard let found = try await ValueStore(database: t.services.database)
            .record(organisationID: m.organisation.id, id: try request.parameter("record", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    var record: DesignEditRoutes.Kind<ValueRecord> {
        .init(
            load: { try await Self.record(t, $0, $1, $2, $3) },
            values: ValueForm.values,
            spec: { slug, tr, r, passages, context in
                RecordPages.Spec(heading: t.word("value_record_edit_title", context), layout: ValueForm(t: t).layout(passages, context),
                                 action: ValuePath.recordEdit.link(slug, tr.id, r.id), back: ValuePath.register.link(slug, tr.id),
                                 deleteLink: ValuePath.recordDelete.link(slug, tr.id, r.id))
            },
            name: { r in r.description.count > 80 ? String(r.description.prefix(80)) + "…" : r.description },
            deleteTitle: "value_record_delete_title",
            done: { slug, tr, _ in ValuePath.register.link(slug, tr.id) + "#records" },
            save: { actor, r, data, expected in
                _ = try await writes.update(actor, current: r, ValueForm.input(data), expected: expected)
            },
            impact: { _ in DeletionImpact([]) },
            delete: { try await writes.delete($0, $1, expected: $2) }, passageField: "highlight_id")
    }

    @Sendable func recordForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(record, r, c) }
    @Sendable func recordEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(record, r, c) }
    @Sendable func recordDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(record, r, c) }
    @Sendable func recordDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(record, r, c) }
}
