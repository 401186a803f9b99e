import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The moderation queue: approve, reject or mark as meta, one or many at once, with a
/// reason that is kept. Rejected and meta statements leave every result.
struct ConversationModerationRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var store: ConversationStore { ConversationStore(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/o/:org/conversations/:conversation/moderation"), { $0.queue }),
            (RouteEntry(.post, "/o/:org/conversations/:conversation/moderation"), { $0.moderate }),
        ]
    }


    struct Item {
        let number: Int
        let body: String
        let state: String
        let reason: String?
        let votes: Int
        let checkboxID: String
    }

    struct Body {
        let question: String
        let pending: [Item]
        let hasPending: Bool
        let moderated: [Item]
        let hasModerated: Bool
        let form: FormState
        let actionPath: String
        let backPath: String
    }

    @Sendable func queue(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        return try await page(request, context, membership, conversation, form: renderer.form(context), status: .ok)
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ conversation: Conversation,
                      form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let statements = try await store.statements(organisationID: membership.organisation.id, conversationID: conversation.id)
        func item(_ s: ConversationStatement) -> Item {
            Item(number: s.number, body: s.body, state: renderer.text("statement_state_" + s.state.rawValue, context), reason: s.reason.isEmpty ? nil : s.reason,
                 votes: s.voteCount, checkboxID: "statement-\(s.number)")
        }
        let pending = statements.filter { $0.state == .pending }.map(item)
        let moderated = statements.filter { $0.state != .pending }.map(item)
        let slug = membership.organisation.slug
        let body = Body(question: conversation.question, pending: pending, hasPending: !pending.isEmpty, moderated: moderated,
                        hasModerated: !moderated.isEmpty, form: form,
                        actionPath: ConversationPaths.moderation(slug, conversation.id), backPath: ConversationPaths.detail(slug, conversation.id))
        return renderer.page("conversation-moderation", title: renderer.text("moderation_title", context) + " – " + conversation.question,
                             body: body, request: request, context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    @Sendable func moderate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        let form = try await request.form(context)
        let input = ModerationInput(numbers: form.values("statements").compactMap { Int($0) }, action: form["action"], reason: form["reason"])
        var errors: [SamenError] = []
        do {
            let changed = try await ConversationWrites(database: services.database).moderate(try RecordFlow.actor(membership, context), conversation, input)
            return services.cookies.redirect(ConversationPaths.moderation(membership.organisation.slug, conversation.id),
                                             notice: changed == 1 ? "notice_moderated_one" : "notice_moderated_many")
        } catch let refused as ValidationErrors {
            errors = refused.errors
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        }
        return try await page(request, context, membership, conversation, form: renderer.form(["reason": form["reason"]], errors: errors, context),
                              status: .unprocessableContent)
    }
}
