import SamenCore
import SQLKit

/// Participants who share a client address. Only a keyed hash of the address is stored,
/// so this can count people per address without knowing any address.
public struct ConversationAddressStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Participant numbers whose address has at least `threshold` participants in the conversation.
    public func crowdedParticipants(conversationID: String, threshold: Int = ParticipationRules.manyPerAddress) async throws -> [Int] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT number FROM conversation_participants
                WHERE conversation_id = \(bind: conversationID) AND address_hash IN (
                    SELECT address_hash FROM conversation_participants
                    WHERE conversation_id = \(bind: conversationID) AND address_hash IS NOT NULL
                    GROUP BY address_hash HAVING COUNT(*) >= \(bind: threshold))
                ORDER BY number
                """).all().map { try $0.decode(column: "number", as: Int.self) }
        }
    }

    /// The participants the map leaves out: those from crowded addresses when the facilitator chose so, else none.
    public func leftOutOfMap(conversationID: String) async throws -> Set<Int> {
        let leaveOut = try await database.read { sql in
            try await sql.raw("SELECT leave_out_crowded FROM conversations WHERE id = \(bind: conversationID)")
                .first()?.decode(column: "leave_out_crowded", as: Int.self) ?? 0
        }
        return leaveOut == 0 ? [] : Set(try await crowdedParticipants(conversationID: conversationID))
    }

    /// Leaves participants from crowded addresses out of the map, or takes them back, and asks
    /// for a recompute, in one transaction.
    public func setLeaveOutCrowded(organisationID: String, conversationID: String, _ leaveOut: Bool) async throws {
        try await database.transaction { sql in
            guard try await ConversationStore.find(sql: sql, organisationID: organisationID, id: conversationID) != nil else {
                throw SamenError.notFound
            }
            try await sql.raw("""
                UPDATE conversations SET leave_out_crowded = \(bind: leaveOut ? 1 : 0)
                WHERE id = \(bind: conversationID) AND organisation_id = \(bind: organisationID)
                """).run()
            try await JobStore.enqueue(sql: sql, kind: JobStore.recomputeConversation, subjectID: conversationID, delay: 0)
        }
    }
}
