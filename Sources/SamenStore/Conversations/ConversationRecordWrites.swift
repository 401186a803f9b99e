import SamenCore
import SQLKit

/// Creates, edits and deletes of conversations and their seed statements, on the
/// connection of the caller's transaction (the use-case opens it and writes the audit entry
/// in it). Every statement checks the organisation in SQL and names the row version it read.
public enum ConversationRecordWrites {
    static func owned(_ organisationID: String) -> SQLQueryString { "organisation_id = \(bind: organisationID)" }

    static func requireTrajectory(sql: any SQLDatabase, organisationID: String, _ trajectoryID: String?) async throws {
        guard let trajectoryID else { return }
        if try await sql.raw("""
            SELECT id FROM trajectories WHERE id = \(bind: trajectoryID) AND organisation_id = \(bind: organisationID)
            """).first() == nil { throw ValidationErrors([SamenError("trajectory_unknown", kind: .conflict, field: "trajectory_id")]) }
    }

    public static func create(sql: any SQLDatabase, organisationID: String, draft: ConversationDraft, seeds: [String]) async throws -> Conversation {
        try await requireTrajectory(sql: sql, organisationID: organisationID, draft.trajectoryID)
        let now = Clock.now()
        var conversation = Conversation(
            id: Identifier.make(), organisationID: organisationID, trajectoryID: draft.trajectoryID, phase: draft.phase,
            question: draft.question, description: draft.description, moderation: draft.moderation,
            allowStatements: draft.allowStatements, opensAt: draft.opensAt, closesAt: draft.closesAt,
            publicToken: ConversationStore.publicToken(), createdAt: now, updatedAt: now)
        conversation.participation = draft.participation
        conversation.addressCap = draft.addressCap
        try await sql.raw("""
            INSERT INTO conversations (id, organisation_id, trajectory_id, phase, question, description, moderation,
                allow_statements, opens_at, closes_at, public_token, created_at, updated_at, participation, address_cap)
            VALUES (\(bind: conversation.id), \(bind: organisationID), \(bind: draft.trajectoryID), \(bind: draft.phase),
                \(bind: draft.question), \(bind: draft.description), \(bind: draft.moderation.rawValue),
                \(bind: draft.allowStatements ? 1 : 0), \(bind: draft.opensAt), \(bind: draft.closesAt),
                \(bind: conversation.publicToken), \(bind: now), \(bind: now), \(bind: draft.participation.rawValue), \(bind: draft.addressCap))
            """).run()
        for seed in seeds {
            _ = try await ConversationStore.insertStatement(sql: sql, conversationID: conversation.id, body: seed, author: nil,
                                                            isSeed: true, state: .approved)
        }
        return conversation
    }

    public static func find(sql: any SQLDatabase, organisationID: String, id: String) async throws -> Conversation {
        guard let found = try await ConversationStore.find(sql: sql, organisationID: organisationID, id: id) else { throw SamenError.notFound }
        return found
    }

    public static func update(sql: any SQLDatabase, organisationID: String, id: String, draft: ConversationDraft,
                              expected: Int?) async throws -> Int {
        try await requireTrajectory(sql: sql, organisationID: organisationID, draft.trajectoryID)
        return try await VersionedWrites.update(
            sql: sql, table: "conversations", key: "id = \(bind: id)", owned: owned(organisationID),
            set: """
                question = \(bind: draft.question), description = \(bind: draft.description),
                moderation = \(bind: draft.moderation.rawValue), allow_statements = \(bind: draft.allowStatements ? 1 : 0),
                opens_at = \(bind: draft.opensAt), closes_at = \(bind: draft.closesAt),
                trajectory_id = \(bind: draft.trajectoryID), phase = \(bind: draft.phase), updated_at = \(bind: Clock.now()),
                participation = \(bind: draft.participation.rawValue), address_cap = \(bind: draft.addressCap)
                """, expected: expected)
    }

    /// Statements, participants, votes and the computed map go with it (the schema cascades).
    public static func delete(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "conversations", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }

    public static func impact(sql: any SQLDatabase, organisationID: String, id: String) async throws -> DeletionImpact {
        _ = try await find(sql: sql, organisationID: organisationID, id: id)
        return DeletionImpact([
            .init(key: "impact_statements", count: try await VersionedWrites.count(sql: sql, "conversation_statements WHERE conversation_id = \(bind: id)")),
            .init(key: "impact_conversation_participants",
                  count: try await VersionedWrites.count(sql: sql, "conversation_participants WHERE conversation_id = \(bind: id)")),
            .init(key: "impact_votes", count: try await VersionedWrites.count(sql: sql, "conversation_votes WHERE conversation_id = \(bind: id)")),
        ])
    }

    // MARK: seed statements

    public static func addSeed(sql: any SQLDatabase, organisationID: String, conversationID: String, body: String) async throws -> ConversationStatement {
        _ = try await find(sql: sql, organisationID: organisationID, id: conversationID)
        return try await ConversationStore.insertStatement(sql: sql, conversationID: conversationID, body: body, author: nil,
                                                           isSeed: true, state: .approved)
    }

    static func statementKey(_ conversationID: String, _ number: Int) -> SQLQueryString {
        "conversation_id = \(bind: conversationID) AND number = \(bind: number)"
    }

    static func statementOwned(_ organisationID: String) -> SQLQueryString {
        "conversation_id IN (SELECT id FROM conversations WHERE organisation_id = \(bind: organisationID))"
    }

    /// A seed statement of this organisation's conversation; participants' statements are moderated, not edited.
    public static func seed(sql: any SQLDatabase, organisationID: String, conversationID: String, number: Int) async throws -> ConversationStatement {
        _ = try await find(sql: sql, organisationID: organisationID, id: conversationID)
        guard let statement = try await ConversationStore.statements(sql: sql, conversationID: conversationID, states: nil)
            .first(where: { $0.number == number }) else { throw SamenError.notFound }
        guard statement.isSeed else { throw SamenError("statement_not_seed", kind: .conflict) }
        return statement
    }

    public static func votes(sql: any SQLDatabase, conversationID: String, number: Int) async throws -> Int {
        try await VersionedWrites.count(sql: sql, "conversation_vote_events WHERE conversation_id = \(bind: conversationID) AND statement = \(bind: number)")
    }

    /// Refused once someone voted on it: the votes were cast on the text as it stood.
    public static func updateSeed(sql: any SQLDatabase, organisationID: String, conversationID: String, number: Int, body: String,
                                  expected: Int?) async throws -> Int {
        if try await votes(sql: sql, conversationID: conversationID, number: number) > 0 {
            throw SamenError("statement_has_votes", kind: .conflict)
        }
        return try await VersionedWrites.update(sql: sql, table: "conversation_statements", key: statementKey(conversationID, number),
                                                owned: statementOwned(organisationID), set: "body = \(bind: body)", expected: expected)
    }

    /// The statement and the votes on it go.
    public static func deleteSeed(sql: any SQLDatabase, organisationID: String, conversationID: String, number: Int,
                                  expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "conversation_statements", key: statementKey(conversationID, number),
                                         owned: statementOwned(organisationID), expected: expected)
        for table in ["conversation_votes", "conversation_vote_events"] {
            try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE conversation_id = \(bind: conversationID) AND statement = \(bind: number)").run()
        }
    }
}
