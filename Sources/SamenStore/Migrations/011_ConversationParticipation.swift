extension Migration {
    /// 011: who may join a conversation (open, personal links only, or a cap on new
    /// participants per address per hour), the participant's address as a keyed hash only
    /// (never the address itself), and the facilitator's choice to leave participants from
    /// crowded addresses out of the map.
    public static let conversationParticipation = Migration(version: 11, name: "conversation participation and address hashes") { _ in
        [
            "ALTER TABLE conversations ADD COLUMN participation TEXT NOT NULL DEFAULT 'open'",
            "ALTER TABLE conversations ADD COLUMN address_cap BIGINT",
            "ALTER TABLE conversations ADD COLUMN leave_out_crowded BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE conversation_participants ADD COLUMN address_hash TEXT",
            "CREATE INDEX conversation_participants_address ON conversation_participants(conversation_id, address_hash, created_at)",
        ]
    }
}
