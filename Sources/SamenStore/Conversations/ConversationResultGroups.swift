import SQLKit

/// Each participant's opinion group as of the stored map, for the Pol.is export's group
/// column: a conversation of 100,000 participants then exports without computing its map
/// again. Kept as one compact text ("participant:group,…", ascending) beside the map rather
/// than as a row per participant: it is written and read whole, and only by the export.
extension ConversationStore {
    /// The groups kept with the stored map (participant → group; a participant without a
    /// group, or who voted after the map was computed, is absent), or nil when no map is
    /// stored or it was stored without them.
    public func participantGroups(organisationID: String, conversationID: String) async throws -> [Int: Int]? {
        let text = try await database.read { sql in
            try await sql.raw("""
                SELECT r.participant_groups FROM conversation_results r
                JOIN conversations c ON c.id = r.conversation_id
                WHERE c.organisation_id = \(bind: organisationID) AND r.conversation_id = \(bind: conversationID)
                """).first()?.decode(column: "participant_groups", as: String?.self)
        }
        return text.map(Self.decodeGroups)
    }

    static func encodeGroups(_ groups: [Int: Int]) -> String {
        groups.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
    }

    static func decodeGroups(_ text: String) -> [Int: Int] {
        var groups: [Int: Int] = [:]
        for pair in text.split(separator: ",") {
            guard let colon = pair.firstIndex(of: ":"), let participant = Int(pair[..<colon]),
                  let group = Int(pair[pair.index(after: colon)...]) else { continue }
            groups[participant] = group
        }
        return groups
    }
}
