import Foundation
import SamenCore
import SamenStore

/// Moderation of statements: the facilitator's decision, its rules, the state change and one
/// audit entry per statement (state and reason as changed field names, never the text).
extension ConversationWrites {
    @discardableResult
    public func moderate(_ actor: WriteActor, _ conversation: Conversation, _ input: ModerationInput) async throws -> Int {
        try actor.require(.runTrajectory)
        let decision = try input.validated()
        return try await database.transaction { sql in
            let changed = try await ConversationStore.moderate(sql: sql, organisationID: actor.organisationID, conversationID: conversation.id,
                                                               numbers: decision.numbers, state: decision.state, reason: decision.reason)
            for number in decision.numbers {
                try await AuditStore.record(sql: sql, actor: actor, trajectoryID: conversation.trajectoryID, entity: Self.statementEntity,
                                            entityID: "\(conversation.id)/\(number)", action: .update, fields: ["state", "reason"])
            }
            return changed
        }
    }
}
