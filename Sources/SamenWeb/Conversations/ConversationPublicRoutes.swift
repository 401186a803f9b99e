import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The public participation page: no account, no JavaScript needed, one statement at a
/// time. A participant is anonymous: a random token in a cookie (or a personal link token
/// `?p=…` that a facilitator handed out) identifies them per conversation; only its hash,
/// salted with the conversation id, is stored.
struct ConversationPublicRoutes: RouteGroup {
    let services: AppServices
    /// Votes per client address: a burst of 120, then 10 a second; `SAMEN_VOTE_RATE=burst/perSecond`
    /// changes it (the loopback load test raises it, all its clients being 127.0.0.1).
    let voteLimiter: RateLimiter = {
        let parts = (ProcessInfo.processInfo.environment["SAMEN_VOTE_RATE"] ?? "").split(separator: "/").compactMap { Double($0) }
        return parts.count == 2 ? RateLimiter(capacity: Int(parts[0]), perSecond: parts[1]) : RateLimiter(capacity: 120, perSecond: 10)
    }()
    let statementLimiter = RateLimiter(capacity: 5, perSecond: 0.05)
    var renderer: Renderer { services.renderer }
    var store: ConversationStore { ConversationStore(database: services.database) }
    var votes: ConversationVoteStore { ConversationVoteStore(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/c/:token"), { $0.show }),
            (RouteEntry(.post, "/c/:token/vote"), { $0.vote }),
            (RouteEntry(.post, "/c/:token/statements"), { $0.addStatement }),
        ]
    }


    var cookieName: String { services.cookies.secure ? "__Host-samen_participant" : "samen_participant" }

    /// Who is asking: the personal link token if there is one, else the cookie token (made
    /// when missing; the caller sets the cookie on the response).
    struct Identity {
        let tokenHash: String
        let kind: String
        let personal: String
        let newCookie: String?
    }

    func identity(_ request: Request, conversation: Conversation, form: FormData? = nil) -> Identity {
        let personal = (form?["p"] ?? request.uri.queryParameters.get("p") ?? "").trimmed
        if personal.count >= 16 && personal.count <= 64 && personal.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            return Identity(tokenHash: Secrets.sha256(conversation.id + ":link:" + personal), kind: "link", personal: personal, newCookie: nil)
        }
        if let token = request.cookies[cookieName]?.value, token.count >= 32 {
            return Identity(tokenHash: Secrets.sha256(conversation.id + ":" + token), kind: "cookie", personal: "", newCookie: nil)
        }
        let token = Secrets.token()
        return Identity(tokenHash: Secrets.sha256(conversation.id + ":" + token), kind: "cookie", personal: "", newCookie: token)
    }

    func conversation(_ request: Request, _ context: AppRequestContext) async throws -> Conversation {
        guard let conversation = try await store.conversation(publicToken: try request.parameter("token", context)) else {
            throw SamenError.notFound
        }
        return conversation
    }

    struct Body {
        let question: String
        let description: String?
        let isOpen: Bool
        let statement: ConversationStatement?
        let progress: String
        let allowStatements: Bool
        let votePath: String
        let statementPath: String
        let personal: String?
        let form: FormState
        let statementForm: FormState
        let similar: String?
        let maxLength: Int
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let conversation = try await conversation(request, context)
        let context = try await services.citizen(context, organisationID: conversation.organisationID)
        return try await page(request, context, conversation, identity: identity(request, conversation: conversation),
                              form: renderer.form(context), statementForm: renderer.form(context), similar: nil, status: .ok)
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ conversation: Conversation, identity: Identity,
                      form: FormState, statementForm: FormState, similar: String?, status: HTTPResponse.Status,
                      notice: String? = nil) async throws -> Response {
        let participant = try await votes.participant(conversationID: conversation.id, tokenHash: identity.tokenHash)
        let next = try await votes.next(conversation: conversation, participant: participant)
        let progress = renderer.text(next.statement == nil ? "participate_done" : "participate_progress", context)
            .replacingOccurrences(of: "{answered}", with: next.statement == nil ? NumberFormat(context.locale).integer(next.answered)
                                    : renderer.translations.count("count_statements", next.answered, context.locale, context.voice.addressForm))
            .replacingOccurrences(of: "{remaining}", with: renderer.translations.count("count_statements", next.remaining, context.locale, context.voice.addressForm))
        let body = Body(question: conversation.question, description: conversation.description.isEmpty ? nil : conversation.description, isOpen: conversation.isOpen(at: Clock.now()),
                        statement: next.statement, progress: progress, allowStatements: conversation.allowStatements,
                        votePath: ConversationPaths.vote(conversation.publicToken), statementPath: ConversationPaths.statement(conversation.publicToken),
                        personal: identity.personal.isEmpty ? nil : identity.personal, form: form, statementForm: statementForm, similar: similar,
                        maxLength: ConversationRules.maximumStatementLength)
        var response = renderer.page("participate", title: conversation.question, body: body, request: request, context: context,
                                     status: status, notice: notice.map { renderer.text($0, context) })
        if let token = identity.newCookie {
            response.setCookie(Cookie(name: cookieName, value: token, maxAge: 365 * 86_400, path: "/", secure: services.cookies.secure,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    func limited(_ limiter: RateLimiter, _ context: AppRequestContext, _ what: String) async throws {
        guard await limiter.allow(Secrets.sha256(context.clientAddress) + what) else {
            throw SamenError("participation_rate_limited", kind: .rateLimited)
        }
    }

    func redirectBack(_ conversation: Conversation, _ identity: Identity, notice: String) -> Response {
        let path = ConversationPaths.participate(conversation.publicToken) + (identity.personal.isEmpty ? "" : "?p=" + identity.personal)
        var response = Response.seeOther(path)
        response.setCookie(services.cookies.notice(notice))
        if let token = identity.newCookie {
            response.setCookie(Cookie(name: cookieName, value: token, maxAge: 365 * 86_400, path: "/", secure: services.cookies.secure,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    @Sendable func vote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let conversation = try await conversation(request, context)
        try await limited(voteLimiter, context, ":vote")
        let form = try await request.form(context)
        let identity = identity(request, conversation: conversation, form: form)
        var errors: [SamenError] = []
        let statement = Int(form["statement"])
        if statement == nil { errors.append(.validation("statement_unknown", field: "statement")) }
        let value = ConversationRules.checkVote(form["vote"])
        if case .failure(let error) = value { errors.append(error) }
        if errors.isEmpty, let statement, case .success(let vote) = value {
            do {
                _ = try await services.voteIntake.vote(.init(conversationID: conversation.id, tokenHash: identity.tokenHash,
                                                             kind: identity.kind, statement: statement, value: vote,
                                                             addressHash: AddressHasher.hash(context.clientAddress, conversationID: conversation.id)))
                return redirectBack(conversation, identity, notice: "notice_vote_saved")
            } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
                errors = [error]
            }
        }
        let status: HTTPResponse.Status = errors.contains { $0.kind == .conflict } ? .conflict : .unprocessableContent
        // The organisation's voice only for the page shown again: a saved vote just redirects.
        let voiced = try await services.citizen(context, organisationID: conversation.organisationID)
        return try await page(request, voiced, conversation, identity: identity, form: renderer.form(errors: errors, voiced),
                              statementForm: renderer.form(voiced), similar: nil, status: status)
    }

    @Sendable func addStatement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let conversation = try await conversation(request, context)
        try await limited(statementLimiter, context, ":statement")
        let form = try await request.form(context)
        let identity = identity(request, conversation: conversation, form: form)
        let text = form["statement"].trimmed
        var errors = ConversationRules.checkStatement(text)
        var similar: String?
        if errors.isEmpty && form["confirm"] != "1" {
            let shown = try await store.statements(organisationID: conversation.organisationID, conversationID: conversation.id)
                .filter { $0.isVisible(conversation.moderation) }.map(\.body)
            similar = ConversationRules.nearDuplicate(of: text, among: shown)
            if similar != nil { errors.append(.validation("statement_near_duplicate", field: "statement")) }
        }
        if errors.isEmpty {
            do {
                _ = try await votes.submitStatement(conversationID: conversation.id, tokenHash: identity.tokenHash, kind: identity.kind, body: text,
                                                    addressHash: AddressHasher.hash(context.clientAddress, conversationID: conversation.id))
                return redirectBack(conversation, identity,
                                    notice: conversation.moderation == .pre ? "notice_statement_waiting" : "notice_statement_shown")
            } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
                errors = [error]
            } catch let failed as ValidationErrors {
                errors = failed.errors
            }
        }
        let status: HTTPResponse.Status = errors.contains { $0.kind == .conflict } ? .conflict : .unprocessableContent
        let voiced = try await services.citizen(context, organisationID: conversation.organisationID)
        return try await page(request, voiced, conversation, identity: identity, form: renderer.form(voiced),
                              statementForm: renderer.form(["statement": text], errors: errors, voiced), similar: similar, status: status)
    }
}
