import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// Conversations in the JSON API: list, create, read, results, Pol.is import and export.
/// Described in `Resources/openapi/conversations.json`.
struct ConversationAPIRoutes {
    let services: AppServices
    var store: ConversationStore { ConversationStore(database: services.database) }

    static let entries = [
        RouteEntry(.get, "/api/v1/organisations/:org/conversations"),
        RouteEntry(.post, "/api/v1/organisations/:org/conversations"),
        RouteEntry(.get, "/api/v1/organisations/:org/conversations/:conversation"),
        RouteEntry(.get, "/api/v1/organisations/:org/conversations/:conversation/results"),
        RouteEntry(.post, "/api/v1/organisations/:org/conversations/:conversation/import"),
        RouteEntry(.get, "/api/v1/organisations/:org/conversations/:conversation/export"),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [list, create, detail, results, importPolis, exportPolis] as [Handler])))
    }

    struct ConversationJSON: Encodable {
        let id: String
        let question: String
        let description: String
        let moderation: String
        let allowStatements: Bool
        let opensAt: Int64?
        let closesAt: Int64?
        let isOpen: Bool
        let trajectoryId: String?
        let phase: String
        let publicPath: String
        let createdAt: Int64
    }

    struct StatementJSON: Encodable {
        let number: Int
        let body: String
        let state: String
        let reason: String
        let isSeed: Bool
        let voteCount: Int
    }

    struct DetailJSON: Encodable {
        let conversation: ConversationJSON
        let participants: Int
        let votes: Int
        let statements: [StatementJSON]
    }

    static func json(_ c: Conversation) -> ConversationJSON {
        ConversationJSON(id: c.id, question: c.question, description: c.description, moderation: c.moderation.rawValue,
                         allowStatements: c.allowStatements, opensAt: c.opensAt, closesAt: c.closesAt, isOpen: c.isOpen(at: Clock.now()),
                         trajectoryId: c.trajectoryID, phase: c.phase, publicPath: ConversationPaths.participate(c.publicToken),
                         createdAt: c.createdAt)
    }

    func conversation(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Conversation {
        guard let conversation = try await store.conversation(organisationID: membership.organisation.id,
                                                              id: try request.parameter("conversation", context)) else {
            throw SamenError.notFound
        }
        return conversation
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try APIRoutes.json(["conversations": try await store.conversations(organisationID: membership.organisation.id).map(Self.json)])
    }

    struct NewConversationJSON: Decodable {
        let question: String
        let description: String?
        let moderation: String?
        let allowStatements: Bool?
        let opensAt: Int64?
        let closesAt: Int64?
        let seeds: [String]?
        let trajectoryId: String?
        let phase: String?
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let input = try await APIRoutes.decode(NewConversationJSON.self, request, context)
        var errors = ConversationRules.checkQuestion(input.question) + ConversationRules.checkDescription(input.description ?? "")
            + ConversationRules.checkDates(opensAt: input.opensAt, closesAt: input.closesAt)
        let moderation = ModerationMode(rawValue: input.moderation ?? "post")
        if moderation == nil { errors.append(.validation("conversation_moderation_invalid", field: "moderation")) }
        for seed in input.seeds ?? [] { errors += ConversationRules.checkStatement(seed, field: "seeds") }
        try ValidationErrors.check(errors)
        let draft = ConversationDraft(question: input.question.trimmed, description: (input.description ?? "").trimmed,
                                      moderation: moderation ?? .post, allowStatements: input.allowStatements ?? true,
                                      opensAt: input.opensAt, closesAt: input.closesAt, trajectoryID: input.trajectoryId, phase: input.phase ?? "")
        let created = try await store.create(organisationID: membership.organisation.id, draft: draft, seeds: input.seeds ?? [])
        return try APIRoutes.json(Self.json(created), status: .created)
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await conversation(request, context, membership)
        let figures = try await store.figures(organisationID: membership.organisation.id, conversationID: conversation.id)
        let statements = try await store.statements(organisationID: membership.organisation.id, conversationID: conversation.id)
        return try APIRoutes.json(DetailJSON(
            conversation: Self.json(conversation), participants: figures.participants, votes: figures.votes,
            statements: statements.map { StatementJSON(number: $0.number, body: $0.body, state: $0.state.rawValue, reason: $0.reason,
                                                       isSeed: $0.isSeed, voteCount: $0.voteCount) }))
    }

    /// The last computed opinion map (`computed_at` in epoch seconds), or 404 `results_not_ready`.
    @Sendable func results(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await conversation(request, context, membership)
        guard let stored = try await store.result(organisationID: membership.organisation.id, conversationID: conversation.id) else {
            throw SamenError("results_not_ready", kind: .notFound)
        }
        let text = "{\"computed_at\":\(stored.computedAt),\"vote_events\":\(stored.voteEvents),\"report\":\(stored.body)}"
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    struct ImportJSON: Decodable {
        let commentsCsv: String
        let votesCsv: String?
        let participantsVotesCsv: String?
    }

    /// Loads a Pol.is export into an empty conversation, all or nothing; errors name file, row and reason.
    @Sendable func importPolis(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await conversation(request, context, membership)
        let input = try await APIRoutes.decode(ImportJSON.self, request, context)
        do {
            guard input.votesCsv != nil || input.participantsVotesCsv != nil else {
                throw PolisImportError(file: "votes.csv", row: 0, code: "file_missing", detail: "votes_csv or participants_votes_csv")
            }
            let parsed = try await PolisTransfer.importFiles(
                comments: input.commentsCsv, votes: input.votesCsv, participantsVotes: input.participantsVotesCsv, summary: nil,
                database: services.database, organisationID: membership.organisation.id, conversationID: conversation.id)
            return try APIRoutes.json(["statements": parsed.statements.count, "votes": parsed.events.count], status: .created)
        } catch let error as PolisImportError {
            let body: [String: Any] = [
                "type": "urn:samen:problem:polis_import_invalid", "title": services.renderer.text("error_title_422", context),
                "status": 422, "code": "polis_import_invalid", "detail": services.renderer.text("error_polis_import_invalid", context),
                "instance": request.uri.path,
                "errors": [["file": error.file, "row": error.row, "code": error.code, "detail": error.detail]],
            ]
            let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            return Response(status: .unprocessableContent, headers: [.contentType: "application/problem+json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The Pol.is export files as one JSON object (file name → CSV text).
    @Sendable func exportPolis(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await conversation(request, context, membership)
        return try APIRoutes.json(try await PolisTransfer.export(database: services.database, organisationID: membership.organisation.id,
                                                                 conversation: conversation))
    }
}
