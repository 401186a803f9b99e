import Foundation
import SamenCore
import SQLKit

/// Participation: anonymous participants, votes (the latest per statement counts, every
/// vote is kept as an event) and statements written by participants. A vote and its
/// recompute request are one transaction; the recompute itself runs later, so a failing
/// recompute never loses a vote.
public struct ConversationVoteStore: Sendable {
    let database: Database
    /// Seconds a recompute waits after a vote, so a burst of votes leads to one run.
    public let debounceSeconds: Int64

    public init(database: Database, debounceSeconds: Int64 = 2) {
        self.database = database
        self.debounceSeconds = debounceSeconds
    }

    /// One vote as asked for by a participant.
    public struct VoteRequest: Sendable, Equatable {
        public var conversationID: String
        public var tokenHash: String
        public var kind: String
        public var statement: Int
        public var value: VoteValue
        /// The client address as a keyed hash (never the address): for the per-address cap
        /// and the results page's count of crowded addresses.
        public var addressHash: String?

        public init(conversationID: String, tokenHash: String, kind: String = "cookie", statement: Int, value: VoteValue,
                    addressHash: String? = nil) {
            self.conversationID = conversationID
            self.tokenHash = tokenHash
            self.kind = kind
            self.statement = statement
            self.value = value
            self.addressHash = addressHash
        }
    }

    static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The participant number behind a token hash, if they took part already.
    public func participant(conversationID: String, tokenHash: String) async throws -> Int? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT number FROM conversation_participants
                WHERE conversation_id = \(bind: conversationID) AND token_hash = \(bind: tokenHash)
                """).first()?.decode(column: "number", as: Int.self)
        }
    }

    /// The participant behind the token, made when new if the conversation's participation
    /// rule admits them (checked before anything is written).
    static func ensureParticipant(sql: any SQLDatabase, conversationID: String, tokenHash: String, kind: String,
                                  addressHash: String?, mode: ParticipationMode, cap: Int?) async throws -> Int {
        if let number = try await sql.raw("""
            SELECT number FROM conversation_participants
            WHERE conversation_id = \(bind: conversationID) AND token_hash = \(bind: tokenHash)
            """).first()?.decode(column: "number", as: Int.self) { return number }
        var recent = 0
        if mode == .capped, let addressHash {
            recent = try await recentFromAddress(sql: sql, conversationID: conversationID, addressHash: addressHash)
        }
        if let refused = ParticipationRules.admit(mode: mode, cap: cap, kind: kind, recentFromAddress: recent) { throw refused }
        let number = try await ConversationStore.nextNumber(sql: sql, conversationID: conversationID, column: "next_participant")
        try await sql.raw("""
            INSERT INTO conversation_participants (conversation_id, number, token_hash, kind, created_at, address_hash)
            VALUES (\(bind: conversationID), \(bind: number), \(bind: tokenHash), \(bind: kind), \(bind: Clock.now()), \(bind: addressHash))
            """).run()
        return number
    }

    /// Participants who joined from this address within the cap's window (a capped conversation's rule).
    static func recentFromAddress(sql: any SQLDatabase, conversationID: String, addressHash: String) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM conversation_participants
            WHERE conversation_id = \(bind: conversationID) AND address_hash = \(bind: addressHash)
                AND created_at > \(bind: Clock.now() - ParticipationRules.capWindowSeconds)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func openConversation(sql: any SQLDatabase, conversationID: String) async throws -> Conversation {
        guard let conversation = try await ConversationStore.byID(sql: sql, id: conversationID) else { throw SamenError.notFound }
        guard conversation.isOpen(at: Clock.now()) else { throw SamenError("conversation_closed", kind: .conflict) }
        return conversation
    }

    /// Records a vote. Refused, with nothing stored, when the conversation is closed or the
    /// statement is not shown to participants (rejected, or waiting under pre-moderation).
    @discardableResult
    public func vote(conversationID: String, tokenHash: String, kind: String = "cookie", statement: Int,
                     value: VoteValue, addressHash: String? = nil) async throws -> Int {
        let request = VoteRequest(conversationID: conversationID, tokenHash: tokenHash, kind: kind, statement: statement, value: value,
                                  addressHash: addressHash)
        return try await voteBatch([request])[0].get()
    }

    /// The rows a batch of votes writes, gathered while the votes are checked and written at
    /// the end in two multi-row statements (the latest vote per key as an upsert, every
    /// event in order). On PostgreSQL each statement is a round trip to the server, so this
    /// keeps a batch's cost from growing by two round trips per vote.
    struct VoteWrites {
        struct Key: Hashable {
            let conversationID: String
            let participant: Int
            let statement: Int
        }
        private(set) var latest: [Key: (vote: Int, time: Int64)] = [:]
        private var order: [Key] = []
        private var events: [(Key, Int, Int64)] = []

        mutating func add(_ key: Key, vote: Int, time: Int64) {
            if latest[key] == nil { order.append(key) }
            latest[key] = (vote, time)
            events.append((key, vote, time))
        }

        func write(sql: any SQLDatabase) async throws {
            guard !events.isEmpty else { return }
            let columns = ["conversation_id", "participant", "statement", "vote", "voted_at_ms"]
            func row(_ key: Key, _ vote: Int, _ time: Int64) -> [SQLBind] {
                [SQLBind(key.conversationID), SQLBind(key.participant), SQLBind(key.statement), SQLBind(vote), SQLBind(time)]
            }
            let perStatement = 900 / columns.count
            for start in stride(from: 0, to: order.count, by: perStatement) {
                var upsert = sql.insert(into: "conversation_votes").columns(columns)
                for key in order[start..<min(order.count, start + perStatement)] {
                    let (vote, time) = latest[key]!
                    upsert = upsert.values(row(key, vote, time))
                }
                try await upsert.onConflict(with: ["conversation_id", "participant", "statement"]) {
                    $0.set(excludedValueOf: "vote").set(excludedValueOf: "voted_at_ms")
                }.run()
            }
            try await ConversationVoteStore.insertRows(sql: sql, table: "conversation_vote_events", columns: columns,
                                                         rows: events.map { row($0.0, $0.1, $0.2) })
        }
    }

    /// A statement written by a participant: pending moderation (shown at once under post-moderation).
    public func submitStatement(conversationID: String, tokenHash: String, kind: String = "cookie",
                                body: String, addressHash: String? = nil) async throws -> ConversationStatement {
        try ValidationErrors.check(ConversationRules.checkStatement(body))
        return try await database.transaction { sql in
            let conversation = try await Self.openConversation(sql: sql, conversationID: conversationID)
            guard conversation.allowStatements else { throw SamenError("statements_not_allowed", kind: .conflict, field: "statement") }
            let participant = try await Self.ensureParticipant(sql: sql, conversationID: conversationID, tokenHash: tokenHash, kind: kind,
                                                               addressHash: addressHash, mode: conversation.participation,
                                                               cap: conversation.addressCap)
            return try await ConversationStore.insertStatement(sql: sql, conversationID: conversationID, body: body,
                                                               author: participant, isSeed: false, state: .pending)
        }
    }

    /// What a participant sees next: a shown statement they have not voted on, favouring
    /// statements with few votes and statements that split the opinion groups (votes
    /// divided by 1 + split, where split ∈ [0, 1] comes from the last computed map; one of
    /// the three first, at random). Also returns how
    /// many they answered and how many remain.
    public func next(conversation: Conversation, participant: Int?) async throws
        -> (statement: ConversationStatement?, answered: Int, remaining: Int) {
        let candidates = try await queue(conversation: conversation, participant: participant)
        let answered = try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM conversation_votes
                WHERE conversation_id = \(bind: conversation.id) AND participant = \(bind: participant ?? -1)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return (candidates.prefix(3).randomElement(), answered, candidates.count)
    }

    /// The statements a participant has not voted on yet, most wanted first.
    public func queue(conversation: Conversation, participant: Int?) async throws -> [ConversationStatement] {
        try await database.read { sql in
            let states = conversation.moderation == .post ? ["approved", "meta", "pending"] : ["approved", "meta"]
            let stateList = SQLList(states.map { SQLBind($0) })
            return try await sql.raw("""
                SELECT s.number, s.body, s.author, s.is_seed, s.state, s.reason, s.vote_count, s.created_at, s.row_version
                FROM conversation_statements s
                WHERE s.conversation_id = \(bind: conversation.id) AND s.state IN (\(stateList))
                  AND NOT EXISTS (SELECT 1 FROM conversation_votes v WHERE v.conversation_id = s.conversation_id
                                  AND v.participant = \(bind: participant ?? -1) AND v.statement = s.number)
                ORDER BY (s.vote_count * 1000) / (1000 + s.split), s.number
                """).all().map(ConversationStore.decodeStatement)
        }
    }

    /// Stores how much each statement splits the groups (0...1000, per mille), from the last map.
    public func saveSplits(conversationID: String, splits: [Int: Int]) async throws {
        try await database.transaction { sql in
            // In statement order, as the vote path takes them, so the two never deadlock.
            for (number, split) in splits.sorted(by: { $0.key < $1.key }) {
                try await sql.raw("""
                    UPDATE conversation_statements SET split = \(bind: max(0, min(1000, split)))
                    WHERE conversation_id = \(bind: conversationID) AND number = \(bind: number)
                    """).run()
            }
        }
    }

    /// Every vote event of a conversation, in the order they happened.
    public func events(conversationID: String) async throws -> [StoredVoteEvent] {
        try await database.read { sql in
            try await VoteEventRows.read(sql, """
                SELECT participant, statement, vote, voted_at_ms FROM conversation_vote_events
                WHERE conversation_id = \(bind: conversationID) ORDER BY voted_at_ms, seq
                """)
        }
    }

    /// Who has a vote in the conversation (the summary's voters), without reading the votes.
    public func voters(conversationID: String) async throws -> Set<Int> {
        try await database.read { sql in
            Set(try await sql.raw("SELECT DISTINCT participant FROM conversation_votes WHERE conversation_id = \(bind: conversationID)")
                .all().map { try $0.decode(column: "participant", as: Int.self) })
        }
    }

    /// The latest vote per participant and statement.
    public func latestVotes(conversationID: String) async throws -> [StoredVoteEvent] {
        try await database.read { sql in
            try await VoteEventRows.read(sql, """
                SELECT participant, statement, vote, voted_at_ms FROM conversation_votes
                WHERE conversation_id = \(bind: conversationID) ORDER BY participant, statement
                """)
        }
    }

    /// Agree and disagree counts of every statement's latest votes, in one GROUP BY.
    public func tallies(conversationID: String) async throws -> [Int: VoteTally] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT statement, SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END) AS agree,
                       SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END) AS disagree
                FROM conversation_votes WHERE conversation_id = \(bind: conversationID) GROUP BY statement
                """).all()
            return Dictionary(try rows.map { row in
                (try row.decode(column: "statement", as: Int.self),
                 VoteTally(agree: try row.decode(column: "agree", as: Int.self), disagree: try row.decode(column: "disagree", as: Int.self)))
            }, uniquingKeysWith: { a, _ in a })
        }
    }
}

/// How many of a statement's latest votes agree and disagree.
public struct VoteTally: Sendable, Equatable {
    public let agree: Int
    public let disagree: Int
}
