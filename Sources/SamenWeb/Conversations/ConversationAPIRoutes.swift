import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// Conversations in the JSON API: list, create, read, results, Pol.is import and export.
/// Described in `Resources/openapi/conversations.json`.
struct ConversationAPIRoutes: RouteGroup {
    let services: AppServices
    var store: ConversationStore { ConversationStore(database: services.database) }
    var writes: ConversationWrites { ConversationWrites(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ConversationPath.api.get, { $0.list }), (ConversationPath.api.post, { $0.create }),
            (ConversationPath.apiOne.get, { $0.detail }), (ConversationPath.apiOne.patch, { $0.update }),
            (ConversationPath.apiOne.delete, { $0.delete }),
            (ConversationPath.apiOne.appending("results").get, { $0.results }),
            (ConversationPath.apiOne.appending("import").post, { $0.importPolis }),
            (ConversationPath.apiOne.appending("export").get, { $0.exportPolis }),
            (ConversationPath.apiSeeds.post, { $0.addSeed }), (ConversationPath.apiSeed.patch, { $0.updateSeed }),
            (ConversationPath.apiSeed.delete, { $0.deleteSeed }),
        ]
    }

    struct ConversationJSON: Encodable {
        let id: String
        let question: String
        let description: String
        let moderation: String
        let allowStatements: Bool
        let opensAt: Int64?
        let closesAt: Int64?
        /// The days as a person enters them: open from the start of `opens_on` to the end of `closes_on`.
        let opensOn: String?
        let closesOn: String?
        let isOpen: Bool
        let trajectoryId: String?
        let phase: String
        let publicPath: String
        let createdAt: Int64
        let version: Int
        /// `open`, `personal_links` or `capped`; the cap counts new participants per address per hour.
        let participation: String
        let addressCap: Int?
        let leavesOutCrowdedAddresses: Bool
    }

    struct StatementJSON: Encodable {
        let number: Int
        let body: String
        let state: String
        let reason: String
        let isSeed: Bool
        let voteCount: Int
        let version: Int
    }

    struct DetailJSON: Encodable {
        let conversation: ConversationJSON
        let participants: Int
        let votes: Int
        let statements: [StatementJSON]
    }

    static func json(_ c: Conversation) -> ConversationJSON {
        let input = ConversationInput(c)
        return ConversationJSON(
            id: c.id, question: c.question, description: c.description, moderation: c.moderation.rawValue,
            allowStatements: c.allowStatements, opensAt: c.opensAt, closesAt: c.closesAt,
            opensOn: input.opensOn.isEmpty ? nil : input.opensOn, closesOn: input.closesOn.isEmpty ? nil : input.closesOn,
            isOpen: c.isOpen(at: Clock.now()), trajectoryId: c.trajectoryID, phase: c.phase,
            publicPath: ConversationPaths.participate(c.publicToken), createdAt: c.createdAt, version: c.version,
            participation: c.participation.rawValue, addressCap: c.addressCap, leavesOutCrowdedAddresses: c.leavesOutCrowdedAddresses)
    }

    static func json(_ s: ConversationStatement) -> StatementJSON {
        StatementJSON(number: s.number, body: s.body, state: s.state.rawValue, reason: s.reason, isSeed: s.isSeed, voteCount: s.voteCount,
                      version: s.version)
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

    /// A new conversation (all fields but the question optional) or a change (any fields).
    /// Days are `YYYY-MM-DD`, with the same meaning as the web form's.
    struct ConversationBody: Decodable {
        var question, description, moderation, opensOn, closesOn, trajectoryId, phase, participation: String?
        var allowStatements: Bool?
        var addressCap: Int?
        var seeds: [String]?

        func merged(onto input: ConversationInput) -> ConversationInput {
            var out = input
            if let question { out.question = question }; if let description { out.description = description }
            if let moderation { out.moderation = moderation }; if let allowStatements { out.allowStatements = allowStatements }
            if let opensOn { out.opensOn = opensOn }; if let closesOn { out.closesOn = closesOn }
            if let trajectoryId { out.trajectoryID = trajectoryId }; if let phase { out.phase = phase }
            if let participation { out.participation = participation }; if let addressCap { out.addressCap = String(addressCap) }
            return out
        }
    }

    /// A writer: the role is checked before the body is read, so a viewer gets 403 whatever it sends (the use-case checks again).
    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership) {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        return (try RecordFlow.actor(membership, context), membership)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let body = try await APIWrites.decode(ConversationBody.self, request, context)
        let created = try await writes.create(actor, body.merged(onto: ConversationInput()), seeds: body.seeds ?? [])
        var response = try APIWrites.json(Self.json(created), version: created.version, status: .created)
        response.headers[.location] = ConversationPath.apiOne.link(membership.organisation.slug, created.id)
        return response
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let current = try await conversation(request, context, membership)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(ConversationBody.self, request, context)
        if body.seeds != nil { throw ValidationErrors([.validation("seeds_on_create_only", field: "seeds")]) }
        let saved = try await writes.update(actor, id: current.id, body.merged(onto: ConversationInput(current)), expected: expected)
        return try APIWrites.json(Self.json(saved), version: saved.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let current = try await conversation(request, context, membership)
        try await writes.delete(actor, id: current.id, expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }

    struct StatementBody: Decodable {
        let body: String
    }

    func number(_ request: Request, _ context: AppRequestContext) throws -> Int {
        guard let number = Int(try request.parameter("number", context)) else { throw SamenError.notFound }
        return number
    }

    @Sendable func addSeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let current = try await conversation(request, context, membership)
        let body = try await APIWrites.decode(StatementBody.self, request, context)
        let added = try await writes.addSeed(actor, conversationID: current.id, StatementInput(body: body.body))
        var response = try APIWrites.json(Self.json(added), version: added.version, status: .created)
        response.headers[.location] = ConversationPath.apiSeed.link(membership.organisation.slug, current.id, String(added.number))
        return response
    }

    @Sendable func updateSeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let current = try await conversation(request, context, membership)
        let number = try number(request, context)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(StatementBody.self, request, context)
        let saved = try await writes.updateSeed(actor, conversationID: current.id, number: number, StatementInput(body: body.body),
                                                expected: expected)
        return try APIWrites.json(Self.json(saved), version: saved.version)
    }

    @Sendable func deleteSeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership) = try await actor(request, context)
        let current = try await conversation(request, context, membership)
        try await writes.deleteSeed(actor, conversationID: current.id, number: try number(request, context),
                                    expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await conversation(request, context, membership)
        let figures = try await store.figures(organisationID: membership.organisation.id, conversationID: conversation.id)
        let statements = try await store.statements(organisationID: membership.organisation.id, conversationID: conversation.id)
        return try APIWrites.json(DetailJSON(
            conversation: Self.json(conversation), participants: figures.participants, votes: figures.votes,
            statements: statements.map(Self.json)), version: conversation.version)
    }

    /// The last computed opinion map (`computed_at` in epoch seconds); before the first
    /// computation `computed_at` and `report` are null (the conversation exists, its map not yet).
    @Sendable func results(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await conversation(request, context, membership)
        guard let stored = try await store.result(organisationID: membership.organisation.id, conversationID: conversation.id) else {
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"computed_at":null,"report":null,"vote_events":0}"#)))
        }
        // Through the current shape, so a result stored before common ground existed reads the same.
        let report = String(decoding: try OpinionReport.decode(Data(stored.body.utf8)).encoded(), as: UTF8.self)
        let text = "{\"computed_at\":\(stored.computedAt),\"vote_events\":\(stored.voteEvents),\"report\":\(report)}"
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
