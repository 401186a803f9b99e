import Foundation
import SamenCore
import SQLKit

/// A batch of votes (group commit, see `VoteGroupCommit`) in a fixed number of statements,
/// however many votes it holds: one read for every vote's conversation, statement,
/// participant and previous vote; the new participants numbered and inserted together; the
/// votes and events as multi-row statements; one counter update per conversation. On
/// PostgreSQL every statement is a round trip while the batch holds its locks, so a batch
/// that cost a handful of round trips per vote made the servers wait on each other.
///
/// Locks are taken in one order everywhere — a conversation's counter row, then its
/// statement rows by number, then its job — the order `saveSplits` and the recompute take
/// them too, so two batches, or a batch and a recompute, wait instead of deadlocking.
extension ConversationVoteStore {

    /// Records several votes in one transaction: one outcome per vote, in order. A refused
    /// vote (closed conversation, unknown or hidden statement, participation rule) gets its
    /// error and leaves no trace, because every check comes before the batch's first write;
    /// the others are stored. If the transaction itself fails, every vote gets that error
    /// and none is stored.
    public func voteBatch(_ requests: [VoteRequest]) async -> [Result<Int, any Error>] {
        do {
            return try await database.transaction { sql in
                try await Self.writeBatch(sql: sql, requests, debounceSeconds: debounceSeconds)
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    /// What the batch's read found for one vote.
    struct VoteContext {
        let moderation: ModerationMode
        let opensAt: Int64?
        let closesAt: Int64?
        let participation: ParticipationMode
        let addressCap: Int?
        let state: StatementState
        let participant: Int?
        let previous: Int64?
    }

    /// A checked vote: its participant is stored already or is the batch's n-th newcomer.
    enum Voter {
        case known(Int)
        case newcomer(Int)
    }

    struct StatementKey: Hashable {
        let conversationID: String
        let statement: Int
    }

    static func writeBatch(sql: any SQLDatabase, _ requests: [VoteRequest], debounceSeconds: Int64) async throws
        -> [Result<Int, any Error>] {
        let contexts = try await readContexts(sql: sql, requests)
        var outcomes = [Result<Int, any Error>?](repeating: nil, count: requests.count)
        var accepted: [(index: Int, voter: Voter, previous: Int64?)] = []
        var newcomers = VoteNewcomers()
        for (index, request) in requests.enumerated() {
            do {
                guard let context = contexts[index] else {
                    _ = try await openConversation(sql: sql, conversationID: request.conversationID)
                    throw SamenError.validation("statement_unknown", field: "statement")
                }
                try check(context, statement: request.statement)
                let voter: Voter = if let number = context.participant { .known(number) }
                    else { .newcomer(try await newcomers.admit(sql: sql, request, context)) }
                accepted.append((index, voter, context.previous))
            } catch let refused as SamenError {
                outcomes[index] = .failure(refused)
            }
        }
        let numbers = try await newcomers.store(sql: sql)
        var writes = VoteWrites()
        var firstVotes: [StatementKey: Int] = [:]
        // Never earlier than the batch's previous vote, so its events keep their arrival order.
        var clock: Int64 = 0
        for entry in accepted {
            let request = requests[entry.index]
            let participant = switch entry.voter {
            case .known(let number): number
            case .newcomer(let position): numbers[position]
            }
            let key = VoteWrites.Key(conversationID: request.conversationID, participant: participant, statement: request.statement)
            // An earlier vote of this batch on the same statement is newer than the stored one.
            let previous = writes.latest[key]?.time ?? entry.previous
            // Strictly later than the vote it replaces, so "latest wins" never depends on a clock tie.
            clock = max(clock, nowMilliseconds(), (previous ?? 0) + 1)
            writes.add(key, vote: request.value.rawValue, time: clock)
            if previous == nil {
                firstVotes[StatementKey(conversationID: request.conversationID, statement: request.statement), default: 0] += 1
            }
            outcomes[entry.index] = .success(participant)
        }
        try await writes.write(sql: sql)
        try await countFirstVotes(sql: sql, firstVotes)
        for conversationID in Set(accepted.map { requests[$0.index].conversationID }).sorted() {
            try await JobStore.enqueue(sql: sql, kind: JobStore.recomputeConversation, subjectID: conversationID, delay: debounceSeconds)
        }
        return outcomes.map { $0 ?? .failure(SamenError.notFound) }
    }

    /// The conversation's state, the statement, the participant and their previous vote on
    /// it, for every vote of the batch in one query (by the vote's position in the batch;
    /// no entry when the statement does not exist).
    static func readContexts(sql: any SQLDatabase, _ requests: [VoteRequest]) async throws -> [Int: VoteContext] {
        var contexts: [Int: VoteContext] = [:]
        let perQuery = 200 // four parameters a vote, under SQLite's and PostgreSQL's limits
        for start in stride(from: 0, to: requests.count, by: perQuery) {
            let values = (start..<min(requests.count, start + perQuery)).map { index -> SQLQueryString in
                let request = requests[index]
                return "(\(bind: index), \(bind: request.conversationID), \(bind: request.tokenHash), \(bind: request.statement))"
            }
            let rows = try await sql.raw("""
                WITH req (i, conversation_id, token_hash, statement) AS (VALUES \(values.joined(separator: ", ")))
                SELECT req.i, c.moderation, c.opens_at, c.closes_at, c.participation, c.address_cap, s.state,
                       p.number AS participant, v.voted_at_ms AS previous
                FROM req
                JOIN conversation_statements s ON s.conversation_id = req.conversation_id AND s.number = req.statement
                JOIN conversations c ON c.id = s.conversation_id
                LEFT JOIN conversation_participants p ON p.conversation_id = s.conversation_id AND p.token_hash = req.token_hash
                LEFT JOIN conversation_votes v ON v.conversation_id = s.conversation_id AND v.participant = p.number
                    AND v.statement = s.number
                """).all()
            for row in rows {
                contexts[try row.decode(column: "i", as: Int.self)] = VoteContext(
                    moderation: ModerationMode(rawValue: try row.decode(column: "moderation", as: String.self)) ?? .post,
                    opensAt: try row.decode(column: "opens_at", as: Int64?.self),
                    closesAt: try row.decode(column: "closes_at", as: Int64?.self),
                    participation: ParticipationMode(rawValue: try row.decode(column: "participation", as: String.self)) ?? .open,
                    addressCap: try row.decode(column: "address_cap", as: Int?.self),
                    state: StatementState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
                    participant: try row.decode(column: "participant", as: Int?.self),
                    previous: try row.decode(column: "previous", as: Int64?.self))
            }
        }
        return contexts
    }

    /// Open now, and the statement shown to participants (not rejected, not waiting under pre-moderation).
    static func check(_ context: VoteContext, statement: Int) throws {
        let now = Clock.now()
        if let opensAt = context.opensAt, now < opensAt { throw SamenError("conversation_closed", kind: .conflict) }
        if let closesAt = context.closesAt, now >= closesAt { throw SamenError("conversation_closed", kind: .conflict) }
        let shown = ConversationStatement(number: statement, body: "", author: nil, isSeed: false, state: context.state, reason: "",
                                          voteCount: 0, createdAt: 0)
        guard shown.isVisible(context.moderation) else { throw SamenError("statement_not_votable", kind: .conflict, field: "statement") }
    }

    /// Adds each statement's first votes to its counter: per conversation, the rows locked in
    /// statement order (PostgreSQL; SQLite has one writer) and updated in one statement.
    static func countFirstVotes(sql: any SQLDatabase, _ counts: [StatementKey: Int]) async throws {
        let byConversation = Dictionary(grouping: counts, by: \.key.conversationID)
        for conversationID in byConversation.keys.sorted() {
            let entries = byConversation[conversationID, default: []].sorted { $0.key.statement < $1.key.statement }
            for start in stride(from: 0, to: entries.count, by: 250) {
                let chunk = entries[start..<min(entries.count, start + 250)]
                let numbers = SQLList(chunk.map { SQLBind($0.key.statement) })
                if sql.dialect.name == "postgresql" {
                    _ = try await sql.raw("""
                        SELECT number FROM conversation_statements WHERE conversation_id = \(bind: conversationID)
                            AND number IN (\(numbers)) ORDER BY number FOR UPDATE
                        """).all()
                }
                let cases = chunk.map { entry -> SQLQueryString in "WHEN \(bind: entry.key.statement) THEN \(bind: entry.value)" }
                try await sql.raw("""
                    UPDATE conversation_statements SET vote_count = vote_count + CASE number \(cases.joined(separator: " ")) ELSE 0 END
                    WHERE conversation_id = \(bind: conversationID) AND number IN (\(numbers))
                    """).run()
            }
        }
    }
}

/// Participants first seen in a batch: admitted one by one by the conversation's
/// participation rule (before anything is written), then numbered and inserted together.
struct VoteNewcomers {
    private struct Newcomer {
        let conversationID: String
        let tokenHash: String
        let kind: String
        let addressHash: String?
    }

    private struct TokenKey: Hashable {
        let conversationID: String
        let tokenHash: String
    }

    private var entries: [Newcomer] = []
    private var positions: [TokenKey: Int] = [:]

    /// The newcomer's position in the batch (the same for a second vote of theirs), or the
    /// participation rule's refusal.
    mutating func admit(sql: any SQLDatabase, _ request: ConversationVoteStore.VoteRequest,
                        _ context: ConversationVoteStore.VoteContext) async throws -> Int {
        let key = TokenKey(conversationID: request.conversationID, tokenHash: request.tokenHash)
        if let position = positions[key] { return position }
        var recent = 0
        if context.participation == .capped, let addressHash = request.addressHash {
            recent = try await ConversationVoteStore.recentFromAddress(sql: sql, conversationID: request.conversationID,
                                                                      addressHash: addressHash)
            recent += entries.filter { $0.conversationID == request.conversationID && $0.addressHash == addressHash }.count
        }
        if let refused = ParticipationRules.admit(mode: context.participation, cap: context.addressCap, kind: request.kind,
                                                  recentFromAddress: recent) { throw refused }
        entries.append(Newcomer(conversationID: request.conversationID, tokenHash: request.tokenHash, kind: request.kind,
                                addressHash: request.addressHash))
        positions[key] = entries.count - 1
        return entries.count - 1
    }

    /// Numbers and inserts the newcomers; returns their numbers by position. Per conversation
    /// the counter is taken first (which locks the conversation's row until commit), then the
    /// tokens are looked up again: another app server may have stored one of them since the
    /// batch's read, and that participant keeps their number. Numbers the race left unused are
    /// given back while the row is still locked, so the numbering has no gaps.
    func store(sql: any SQLDatabase) async throws -> [Int] {
        guard !entries.isEmpty else { return [] }
        var numbers = [Int](repeating: 0, count: entries.count)
        var rows: [[SQLBind]] = []
        let now = Clock.now()
        let byConversation = Dictionary(grouping: entries.indices, by: { entries[$0].conversationID })
        for conversationID in byConversation.keys.sorted() {
            let members = byConversation[conversationID, default: []]
            guard let end = try await sql.raw("""
                UPDATE conversations SET next_participant = next_participant + \(bind: members.count)
                WHERE id = \(bind: conversationID) RETURNING next_participant
                """).first()?.decode(column: "next_participant", as: Int.self) else { throw SamenError.notFound }
            let stored = try await storedNumbers(sql: sql, conversationID: conversationID, tokens: members.map { entries[$0].tokenHash })
            var next = end - members.count
            for member in members {
                let entry = entries[member]
                if let number = stored[entry.tokenHash] {
                    numbers[member] = number
                } else {
                    numbers[member] = next
                    rows.append([SQLBind(conversationID), SQLBind(next), SQLBind(entry.tokenHash), SQLBind(entry.kind),
                                 SQLBind(now), SQLBind(entry.addressHash)])
                    next += 1
                }
            }
            if next < end {
                try await sql.raw("UPDATE conversations SET next_participant = \(bind: next) WHERE id = \(bind: conversationID)").run()
            }
        }
        try await ConversationVoteStore.insertRows(
            sql: sql, table: "conversation_participants",
            columns: ["conversation_id", "number", "token_hash", "kind", "created_at", "address_hash"], rows: rows)
        return numbers
    }

    private func storedNumbers(sql: any SQLDatabase, conversationID: String, tokens: [String]) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        for slice in tokens.boundSlices() {
            let list = SQLList(slice.map { SQLBind($0) })
            for row in try await sql.raw("""
                SELECT token_hash, number FROM conversation_participants
                WHERE conversation_id = \(bind: conversationID) AND token_hash IN (\(list))
                """).all() {
                found[try row.decode(column: "token_hash", as: String.self)] = try row.decode(column: "number", as: Int.self)
            }
        }
        return found
    }
}
