import Foundation
import SamenCore
import SQLKit

/// Conversations, their statements and moderation. Every read or change made by the
/// organisation's team takes the organisation id and filters by it in SQL; the public
/// participation page finds a conversation by its unguessable token only.
public struct ConversationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        id, organisation_id, trajectory_id, phase, question, description, moderation, allow_statements,
        opens_at, closes_at, public_token, created_at, updated_at, row_version, participation, address_cap, leave_out_crowded
        """

    public func create(organisationID: String, draft: ConversationDraft, seeds: [String] = []) async throws -> Conversation {
        try await database.transaction { sql in
            try await ConversationRecordWrites.create(sql: sql, organisationID: organisationID, draft: draft, seeds: seeds)
        }
    }

    /// Changes the settings whatever the version (the use-case `ConversationWrites.update` checks it).
    public func update(organisationID: String, conversationID: String, draft: ConversationDraft) async throws {
        try await database.transaction { sql in
            _ = try await ConversationRecordWrites.update(sql: sql, organisationID: organisationID, id: conversationID, draft: draft,
                                                          expected: nil)
        }
    }

    public func conversations(organisationID: String) async throws -> [Conversation] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM conversations
                WHERE organisation_id = \(bind: organisationID) ORDER BY created_at DESC, id
                """).all().map(Self.decode)
        }
    }

    public func conversation(organisationID: String, id: String) async throws -> Conversation? {
        try await database.read { sql in try await Self.find(sql: sql, organisationID: organisationID, id: id) }
    }

    /// For the public page: the conversation behind a public link.
    public func conversation(publicToken: String) async throws -> Conversation? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM conversations WHERE public_token = \(bind: publicToken)")
                .first().map(Self.decode)
        }
    }

    static func find(sql: any SQLDatabase, organisationID: String, id: String) async throws -> Conversation? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM conversations WHERE organisation_id = \(bind: organisationID) AND id = \(bind: id)
            """).first().map(decode)
    }

    static func byID(sql: any SQLDatabase, id: String) async throws -> Conversation? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM conversations WHERE id = \(bind: id)").first().map(decode)
    }

    // MARK: statements

    /// Statements of a conversation of this organisation, by number; optionally only some states.
    public func statements(organisationID: String, conversationID: String,
                           states: [StatementState]? = nil) async throws -> [ConversationStatement] {
        try await database.read { sql in
            guard try await Self.find(sql: sql, organisationID: organisationID, id: conversationID) != nil else { return [] }
            return try await Self.statements(sql: sql, conversationID: conversationID, states: states)
        }
    }

    static func statements(sql: any SQLDatabase, conversationID: String,
                           states: [StatementState]?) async throws -> [ConversationStatement] {
        let all = try await sql.raw("""
            SELECT number, body, author, is_seed, state, reason, vote_count, created_at, row_version FROM conversation_statements
            WHERE conversation_id = \(bind: conversationID) ORDER BY number
            """).all().map(decodeStatement)
        guard let states else { return all }
        return all.filter { states.contains($0.state) }
    }

    /// Adds a statement written by the team (approved at once).
    public func addSeed(organisationID: String, conversationID: String, body: String) async throws -> ConversationStatement {
        try ValidationErrors.check(ConversationRules.checkStatement(body))
        return try await database.transaction { sql in
            guard try await Self.find(sql: sql, organisationID: organisationID, id: conversationID) != nil else {
                throw SamenError.notFound
            }
            return try await Self.insertStatement(sql: sql, conversationID: conversationID, body: body, author: nil,
                                                  isSeed: true, state: .approved)
        }
    }

    static func insertStatement(sql: any SQLDatabase, conversationID: String, body: String, author: Int?, isSeed: Bool,
                                state: StatementState) async throws -> ConversationStatement {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        try ValidationErrors.check(ConversationRules.checkStatement(trimmed))
        let number = try await nextNumber(sql: sql, conversationID: conversationID, column: "next_statement")
        let now = Clock.now()
        try await sql.raw("""
            INSERT INTO conversation_statements (conversation_id, number, body, author, is_seed, state, created_at)
            VALUES (\(bind: conversationID), \(bind: number), \(bind: trimmed), \(bind: author), \(bind: isSeed ? 1 : 0),
                    \(bind: state.rawValue), \(bind: now))
            """).run()
        return ConversationStatement(number: number, body: trimmed, author: author, isSeed: isSeed, state: state, reason: "",
                                     voteCount: 0, createdAt: now)
    }

    /// Takes the next number from a counter column of the conversation (inside a transaction).
    static func nextNumber(sql: any SQLDatabase, conversationID: String, column: String) async throws -> Int {
        try await sql.raw("""
            UPDATE conversations SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1 WHERE id = \(bind: conversationID)
            """).run()
        guard let value = try await sql.raw("SELECT \(unsafeRaw: column) AS n FROM conversations WHERE id = \(bind: conversationID)")
            .first()?.decode(column: "n", as: Int.self) else { throw SamenError.notFound }
        return value - 1
    }

    /// Sets the state of several statements at once, keeping the reason. Returns how many changed.
    @discardableResult
    public func moderate(organisationID: String, conversationID: String, numbers: [Int], state: StatementState,
                         reason: String) async throws -> Int {
        guard !numbers.isEmpty else { return 0 }
        return try await database.transaction { sql in
            try await Self.moderate(sql: sql, organisationID: organisationID, conversationID: conversationID, numbers: numbers, state: state,
                                    reason: reason)
        }
    }

    /// Sets the state of the statements (all or none: an unknown number refuses the lot) and
    /// queues the map's recomputation, inside the caller's transaction.
    public static func moderate(sql: any SQLDatabase, organisationID: String, conversationID: String, numbers: [Int], state: StatementState,
                                reason: String) async throws -> Int {
        guard try await find(sql: sql, organisationID: organisationID, id: conversationID) != nil else {
            throw SamenError.notFound
        }
        let existing = Set(try await statements(sql: sql, conversationID: conversationID, states: nil).map(\.number))
        let unknown = numbers.filter { !existing.contains($0) }
        if !unknown.isEmpty { throw SamenError.validation("statement_unknown", field: "statements") }
        for number in Set(numbers) {
            try await sql.raw("""
                UPDATE conversation_statements SET state = \(bind: state.rawValue), reason = \(bind: reason),
                    moderated_at = \(bind: Clock.now())
                WHERE conversation_id = \(bind: conversationID) AND number = \(bind: number)
                """).run()
        }
        try await JobStore.enqueue(sql: sql, kind: JobStore.recomputeConversation, subjectID: conversationID, delay: 0)
        return Set(numbers).count
    }

    public func figures(organisationID: String, conversationID: String) async throws -> ConversationFigures {
        try await database.read { sql in
            guard try await Self.find(sql: sql, organisationID: organisationID, id: conversationID) != nil else {
                throw SamenError.notFound
            }
            return try await Self.figures(sql: sql, conversationID: conversationID)
        }
    }

    static func figures(sql: any SQLDatabase, conversationID: String) async throws -> ConversationFigures {
        func count(_ query: SQLQueryString) async throws -> Int {
            try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let participants = try await count("SELECT COUNT(*) AS n FROM conversation_participants WHERE conversation_id = \(bind: conversationID)")
        let voters = try await count("SELECT COUNT(DISTINCT participant) AS n FROM conversation_votes WHERE conversation_id = \(bind: conversationID)")
        let votes = try await count("SELECT COUNT(*) AS n FROM conversation_votes WHERE conversation_id = \(bind: conversationID)")
        let events = try await count("SELECT COUNT(*) AS n FROM conversation_vote_events WHERE conversation_id = \(bind: conversationID)")
        var byState: [StatementState: Int] = [:]
        for row in try await sql.raw("""
            SELECT state, COUNT(*) AS n FROM conversation_statements WHERE conversation_id = \(bind: conversationID) GROUP BY state
            """).all() {
            if let state = StatementState(rawValue: try row.decode(column: "state", as: String.self)) {
                byState[state] = try row.decode(column: "n", as: Int.self)
            }
        }
        return ConversationFigures(participants: participants, voters: voters, votes: votes, voteEvents: events,
                                   statementsByState: byState)
    }

    // MARK: results

    /// One statement that inserts or replaces: two recomputations finishing together (a job
    /// worker and a facilitator's request, or two servers) must not collide on the key, as a
    /// delete-then-insert does on PostgreSQL. `groups` (participant → opinion group, for the
    /// grouped participants) is kept beside the map for the export (`participantGroups`).
    public func saveResult(conversationID: String, result: StoredResult, groups: [Int: Int]? = nil) async throws {
        let encodedGroups = groups.map(Self.encodeGroups)
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO conversation_results (conversation_id, computed_at, vote_events, duration_ms, body, participant_groups)
                VALUES (\(bind: conversationID), \(bind: result.computedAt), \(bind: result.voteEvents),
                        \(bind: result.durationMilliseconds), \(bind: result.body), \(bind: encodedGroups))
                ON CONFLICT (conversation_id) DO UPDATE SET computed_at = excluded.computed_at, vote_events = excluded.vote_events,
                    duration_ms = excluded.duration_ms, body = excluded.body, participant_groups = excluded.participant_groups
                """).run()
        }
    }

    public func result(organisationID: String, conversationID: String) async throws -> StoredResult? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT r.computed_at, r.vote_events, r.duration_ms, r.body FROM conversation_results r
                JOIN conversations c ON c.id = r.conversation_id
                WHERE c.organisation_id = \(bind: organisationID) AND r.conversation_id = \(bind: conversationID)
                """).first().map { row in
                StoredResult(computedAt: try row.decode(column: "computed_at", as: Int64.self),
                             voteEvents: try row.decode(column: "vote_events", as: Int.self),
                             durationMilliseconds: try row.decode(column: "duration_ms", as: Int.self),
                             body: try row.decode(column: "body", as: String.self))
            }
        }
    }

    // MARK: decoding

    static func publicToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func decode(_ row: any SQLRow) throws -> Conversation {
        var conversation = Conversation(
            id: try row.decode(column: "id", as: String.self),
            organisationID: try row.decode(column: "organisation_id", as: String.self),
            trajectoryID: try row.decode(column: "trajectory_id", as: String?.self),
            phase: try row.decode(column: "phase", as: String.self),
            question: try row.decode(column: "question", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            moderation: ModerationMode(rawValue: try row.decode(column: "moderation", as: String.self)) ?? .post,
            allowStatements: try row.decode(column: "allow_statements", as: Int.self) != 0,
            opensAt: try row.decode(column: "opens_at", as: Int64?.self),
            closesAt: try row.decode(column: "closes_at", as: Int64?.self),
            publicToken: try row.decode(column: "public_token", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            version: try row.decode(column: "row_version", as: Int.self))
        conversation.participation = ParticipationMode(rawValue: try row.decode(column: "participation", as: String.self)) ?? .open
        conversation.addressCap = try row.decode(column: "address_cap", as: Int?.self)
        conversation.leavesOutCrowdedAddresses = try row.decode(column: "leave_out_crowded", as: Int.self) != 0
        return conversation
    }

    static func decodeStatement(_ row: any SQLRow) throws -> ConversationStatement {
        ConversationStatement(
            number: try row.decode(column: "number", as: Int.self),
            body: try row.decode(column: "body", as: String.self),
            author: try row.decode(column: "author", as: Int?.self),
            isSeed: try row.decode(column: "is_seed", as: Int.self) != 0,
            state: StatementState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
            reason: try row.decode(column: "reason", as: String.self),
            voteCount: try row.decode(column: "vote_count", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            version: try row.decode(column: "row_version", as: Int.self))
    }
}

extension ConversationStore {
    /// For the background recompute (which has no organisation context): the statement
    /// numbers that leave the map (rejected or meta).
    public func moderatedOut(conversationID: String) async throws -> Set<Int> {
        try await database.read { sql in
            Set(try await Self.statements(sql: sql, conversationID: conversationID, states: [.rejected, .meta]).map(\.number))
        }
    }
}
