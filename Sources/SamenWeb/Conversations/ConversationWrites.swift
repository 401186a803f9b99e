import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to a conversation and its seed statements, shared by the web pages, the
/// API and the command line: plain values in, the stored record or a `SamenError` out. Each
/// use-case checks the role, applies the rules of `ConversationInput`, and stores the
/// change and its audit entry in one transaction. `expected` is the row version the caller read.
public struct ConversationWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let entity = "conversation"
    static let statementEntity = "conversation_statement"

    /// Seeds are checked with the same statement rule as later ones, all errors at once.
    public func create(_ actor: WriteActor, _ input: ConversationInput, seeds: [String] = []) async throws -> Conversation {
        try actor.require(.runTrajectory)
        var errors: [SamenError] = []
        var draft: ConversationDraft?
        do { draft = try input.validated() } catch let failed as ValidationErrors { errors = failed.errors }
        let cleanSeeds = seeds.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if let bad = cleanSeeds.lazy.flatMap({ ConversationRules.checkStatement($0, field: "seeds") }).first { errors.append(bad) }
        try ValidationErrors.check(errors)
        guard let draft else { throw ValidationErrors(errors) }
        return try await database.transaction { sql in
            let created = try await ConversationRecordWrites.create(sql: sql, organisationID: actor.organisationID, draft: draft, seeds: cleanSeeds)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: created.trajectoryID, entity: Self.entity, entityID: created.id,
                                        action: .create)
            return created
        }
    }

    public func update(_ actor: WriteActor, id: String, _ input: ConversationInput, expected: Int?) async throws -> Conversation {
        try actor.require(.runTrajectory)
        let draft = try input.validated()
        return try await database.transaction { sql in
            let current = try await ConversationRecordWrites.find(sql: sql, organisationID: actor.organisationID, id: id)
            _ = try await ConversationRecordWrites.update(sql: sql, organisationID: actor.organisationID, id: id, draft: draft, expected: expected)
            let saved = try await ConversationRecordWrites.find(sql: sql, organisationID: actor.organisationID, id: id)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: saved.trajectoryID ?? current.trajectoryID, entity: Self.entity,
                                        entityID: id, action: .update,
                                        fields: AuditEntry.changes(before: Self.fields(current), after: Self.fields(saved)))
            return saved
        }
    }

    public func delete(_ actor: WriteActor, id: String, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            let current = try await ConversationRecordWrites.find(sql: sql, organisationID: actor.organisationID, id: id)
            try await ConversationRecordWrites.delete(sql: sql, organisationID: actor.organisationID, id: id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: Self.entity, entityID: id, action: .delete)
        }
    }

    public func impact(_ actor: WriteActor, id: String) async throws -> DeletionImpact {
        try await database.read { sql in try await ConversationRecordWrites.impact(sql: sql, organisationID: actor.organisationID, id: id) }
    }

    // MARK: seed statements

    public func addSeed(_ actor: WriteActor, conversationID: String, _ input: StatementInput) async throws -> ConversationStatement {
        try actor.require(.runTrajectory)
        let body = try input.validated()
        return try await database.transaction { sql in
            let added = try await ConversationRecordWrites.addSeed(sql: sql, organisationID: actor.organisationID, conversationID: conversationID,
                                                                   body: body)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.statementEntity,
                                        entityID: Self.statementID(conversationID, added.number), action: .create)
            return added
        }
    }

    public func seed(_ actor: WriteActor, conversationID: String, number: Int) async throws -> ConversationStatement {
        try await database.read { sql in
            try await ConversationRecordWrites.seed(sql: sql, organisationID: actor.organisationID, conversationID: conversationID, number: number)
        }
    }

    /// Only while nobody voted on it (409 `statement_has_votes`).
    public func updateSeed(_ actor: WriteActor, conversationID: String, number: Int, _ input: StatementInput,
                           expected: Int?) async throws -> ConversationStatement {
        try actor.require(.runTrajectory)
        let body = try input.validated()
        return try await database.transaction { sql in
            var statement = try await ConversationRecordWrites.seed(sql: sql, organisationID: actor.organisationID,
                                                                    conversationID: conversationID, number: number)
            let changed = statement.body != body
            statement.version = try await ConversationRecordWrites.updateSeed(sql: sql, organisationID: actor.organisationID,
                                                                              conversationID: conversationID, number: number, body: body,
                                                                              expected: expected)
            statement.body = body
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.statementEntity,
                                        entityID: Self.statementID(conversationID, number), action: .update, fields: changed ? ["body"] : [])
            return statement
        }
    }

    public func deleteSeed(_ actor: WriteActor, conversationID: String, number: Int, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            _ = try await ConversationRecordWrites.seed(sql: sql, organisationID: actor.organisationID, conversationID: conversationID, number: number)
            try await ConversationRecordWrites.deleteSeed(sql: sql, organisationID: actor.organisationID, conversationID: conversationID,
                                                          number: number, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.statementEntity,
                                        entityID: Self.statementID(conversationID, number), action: .delete)
        }
    }

    public func seedImpact(_ actor: WriteActor, conversationID: String, number: Int) async throws -> DeletionImpact {
        try await database.read { sql in
            _ = try await ConversationRecordWrites.seed(sql: sql, organisationID: actor.organisationID, conversationID: conversationID, number: number)
            return DeletionImpact([.init(key: "impact_votes",
                                         count: try await ConversationRecordWrites.votes(sql: sql, conversationID: conversationID, number: number))])
        }
    }

    /// The audited fields by their API names (values only compared here, never stored).
    static func fields(_ c: Conversation) -> [String: String] {
        let input = ConversationInput(c)
        return ["question": input.question, "description": input.description, "moderation": input.moderation,
                "allow_statements": String(input.allowStatements), "opens_on": input.opensOn, "closes_on": input.closesOn,
                "trajectory_id": input.trajectoryID, "phase": input.phase, "participation": input.participation,
                "address_cap": input.addressCap]
    }

    /// A statement is keyed by conversation and number; the trail names both.
    static func statementID(_ conversationID: String, _ number: Int) -> String { "\(conversationID)#\(number)" }
}
