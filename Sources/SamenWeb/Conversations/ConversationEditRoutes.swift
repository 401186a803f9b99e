import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Editing and deleting a conversation and its seed statements: an edit page and a
/// confirmation page of their own, so both work without JavaScript.
struct ConversationEditRoutes: RouteGroup {
    let services: AppServices
    var store: ConversationStore { ConversationStore(database: services.database) }
    var writes: ConversationWrites { ConversationWrites(database: services.database) }
    var renderer: Renderer { services.renderer }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ConversationPath.edit.get, { $0.editForm }), (ConversationPath.edit.post, { $0.edit }),
            (ConversationPath.delete.get, { $0.deleteForm }), (ConversationPath.delete.post, { $0.delete }),
            (ConversationPath.seedEdit.get, { $0.seedForm }), (ConversationPath.seedEdit.post, { $0.seedEdit }),
            (ConversationPath.seedDelete.get, { $0.seedDeleteForm }), (ConversationPath.seedDelete.post, { $0.seedDelete }),
        ]
    }

    func access(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Conversation, RecordFlow) {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        guard let conversation = try await store.conversation(organisationID: membership.organisation.id,
                                                              id: try request.parameter("conversation", context)) else {
            throw SamenError.notFound
        }
        return (membership, conversation, RecordFlow.organisation(services, request, context, membership, canDelete: true))
    }

    // MARK: conversation

    func spec(_ slug: String, _ c: Conversation, _ context: AppRequestContext, trajectories: [Option]) -> RecordFlow.Spec {
        let modes = ModerationMode.allCases.map { Option(value: $0.rawValue, label: renderer.text("conversation_moderation_" + $0.rawValue, context), selected: false) }
        let participation = ParticipationMode.allCases.map {
            Option(value: $0.rawValue, label: renderer.text("conversation_participation_" + $0.rawValue, context), selected: false)
        }
        return RecordFlow.Spec(
            heading: renderer.text("conversation_edit_title", context),
            layout: [("question", .text), ("description", .textarea), ("moderation", .select(modes)), ("allow_statements", .checkbox),
                     ("opens_on", .date), ("closes_on", .date), ("trajectory_id", .select(trajectories)), ("phase", .text),
                     ("participation", .select(participation)), ("address_cap", .number)],
            action: ConversationPath.edit.link(slug, c.id), back: ConversationPath.detail.link(slug, c.id),
            deleteLink: ConversationPath.delete.link(slug, c.id))
    }

    func trajectories(_ membership: Membership, _ context: AppRequestContext) async throws -> [Option] {
        try await ConversationRoutes(services: services).trajectoryOptions(membership, selected: "", context)
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow) = try await access(request, context)
        let spec = spec(membership.organisation.slug, c, context, trajectories: try await trajectories(membership, context))
        return flow.editPage(context, spec, values: ConversationRoutes.settingsValues(c), version: c.version)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow) = try await access(request, context)
        let form = try await request.form(context)
        let actor = try RecordFlow.actor(membership, context)
        let spec = spec(membership.organisation.slug, c, context, trajectories: try await trajectories(membership, context))
        return try await flow.save(context, spec, form: form, reload: {
            try await store.conversation(organisationID: membership.organisation.id, id: c.id).map { (ConversationRoutes.settingsValues($0), $0.version) }
        }, write: { _ = try await writes.update(actor, id: c.id, ConversationRoutes.input(form), expected: $0) })
    }

    @Sendable func deleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow) = try await access(request, context)
        let slug = membership.organisation.slug
        return flow.deletePage(context, heading: renderer.text("conversation_delete_title", context), name: c.question,
                               impact: try await writes.impact(try RecordFlow.actor(membership, context), id: c.id),
                               action: ConversationPath.delete.link(slug, c.id), back: ConversationPath.detail.link(slug, c.id), version: c.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow) = try await access(request, context)
        let slug = membership.organisation.slug
        let actor = try RecordFlow.actor(membership, context)
        return try await flow.confirmDelete(
            request, context, heading: renderer.text("conversation_delete_title", context), name: c.question,
            action: ConversationPath.delete.link(slug, c.id), back: ConversationPath.detail.link(slug, c.id),
            done: ConversationPath.list.link(slug), impact: { try await writes.impact(actor, id: c.id) },
            reload: { try await store.conversation(organisationID: membership.organisation.id, id: c.id)?.version },
            delete: { try await writes.delete(actor, id: c.id, expected: $0) })
    }

    // MARK: seed statements

    func seed(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Conversation, RecordFlow, ConversationStatement) {
        let (membership, c, flow) = try await access(request, context)
        guard let number = Int(try request.parameter("number", context)) else { throw SamenError.notFound }
        let statement = try await writes.seed(try RecordFlow.actor(membership, context), conversationID: c.id, number: number)
        return (membership, c, flow, statement)
    }

    func seedSpec(_ slug: String, _ c: Conversation, _ s: ConversationStatement, _ context: AppRequestContext) -> RecordFlow.Spec {
        RecordFlow.Spec(heading: renderer.text("statement_edit_title", context), layout: [("statement", .text)],
                        action: ConversationPath.seedEdit.link(slug, c.id, String(s.number)), back: ConversationPath.detail.link(slug, c.id),
                        deleteLink: ConversationPath.seedDelete.link(slug, c.id, String(s.number)))
    }

    @Sendable func seedForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow, s) = try await seed(request, context)
        return flow.editPage(context, seedSpec(membership.organisation.slug, c, s, context), values: ["statement": s.body], version: s.version)
    }

    @Sendable func seedEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow, s) = try await seed(request, context)
        let form = try await request.form(context)
        let actor = try RecordFlow.actor(membership, context)
        return try await flow.save(context, seedSpec(membership.organisation.slug, c, s, context), form: form, reload: {
            let now = try await writes.seed(actor, conversationID: c.id, number: s.number)
            return (["statement": now.body], now.version)
        }, write: { _ = try await writes.updateSeed(actor, conversationID: c.id, number: s.number, StatementInput(body: form["statement"]), expected: $0) })
    }

    @Sendable func seedDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow, s) = try await seed(request, context)
        let slug = membership.organisation.slug
        return flow.deletePage(context, heading: renderer.text("statement_delete_title", context), name: s.body,
                               impact: try await writes.seedImpact(try RecordFlow.actor(membership, context), conversationID: c.id, number: s.number),
                               action: ConversationPath.seedDelete.link(slug, c.id, String(s.number)), back: ConversationPath.detail.link(slug, c.id),
                               version: s.version)
    }

    @Sendable func seedDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, c, flow, s) = try await seed(request, context)
        let slug = membership.organisation.slug
        let actor = try RecordFlow.actor(membership, context)
        return try await flow.confirmDelete(
            request, context, heading: renderer.text("statement_delete_title", context), name: s.body,
            action: ConversationPath.seedDelete.link(slug, c.id, String(s.number)), back: ConversationPath.detail.link(slug, c.id),
            done: ConversationPath.detail.link(slug, c.id),
            impact: { try await writes.seedImpact(actor, conversationID: c.id, number: s.number) },
            reload: { try? await writes.seed(actor, conversationID: c.id, number: s.number).version },
            delete: { try await writes.deleteSeed(actor, conversationID: c.id, number: s.number, expected: $0) })
    }
}
