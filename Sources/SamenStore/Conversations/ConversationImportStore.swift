import Foundation
import SamenCore
import SQLKit

extension ConversationVoteStore {
    /// Loads a whole conversation (from a Pol.is export) into an empty conversation of this
    /// organisation, in one transaction: every statement, participant and vote event, and
    /// the latest vote per cell. Imported participants have no token to take part with.
    public func importConversation(organisationID: String, conversationID: String, statements: [ImportedStatement],
                                   events: [StoredVoteEvent]) async throws {
        try await database.transaction { sql in
            guard try await ConversationStore.find(sql: sql, organisationID: organisationID, id: conversationID) != nil else {
                throw SamenError.notFound
            }
            let figures = try await ConversationStore.figures(sql: sql, conversationID: conversationID)
            guard figures.isEmpty else {
                throw SamenError("conversation_not_empty", kind: .conflict, field: "file")
            }
            var latest: [CellKey: (vote: Int, time: Int64)] = [:]
            var voteCounts: [Int: Int] = [:]
            for event in events {
                let key = CellKey(participant: event.participant, statement: event.statement)
                if let seen = latest[key], seen.time > event.votedAtMilliseconds { continue }
                if latest[key] == nil { voteCounts[event.statement, default: 0] += 1 }
                latest[key] = (event.vote, event.votedAtMilliseconds)
            }
            let now = Clock.now()
            try await Self.insertRows(sql: sql, table: "conversation_statements",
                                      columns: ["conversation_id", "number", "body", "author", "is_seed", "state", "vote_count", "created_at"],
                                      rows: statements.map { s in
                                          [SQLBind(conversationID), SQLBind(s.number), SQLBind(s.body), SQLBind(s.author),
                                           SQLBind(s.isSeed ? 1 : 0), SQLBind(s.state.rawValue), SQLBind(voteCounts[s.number] ?? 0),
                                           SQLBind(s.createdAtMilliseconds / 1000)]
                                      })
            let people = Set(events.map(\.participant)).union(statements.compactMap(\.author)).sorted()
            try await Self.insertRows(sql: sql, table: "conversation_participants",
                                      columns: ["conversation_id", "number", "token_hash", "kind", "created_at"],
                                      rows: people.map { [SQLBind(conversationID), SQLBind($0), SQLBind("import:\($0)"), SQLBind("import"), SQLBind(now)] })
            try await Self.insertRows(sql: sql, table: "conversation_votes",
                                      columns: ["conversation_id", "participant", "statement", "vote", "voted_at_ms"],
                                      rows: latest.sorted { ($0.key.participant, $0.key.statement) < ($1.key.participant, $1.key.statement) }.map {
                                          [SQLBind(conversationID), SQLBind($0.key.participant), SQLBind($0.key.statement),
                                           SQLBind($0.value.vote), SQLBind($0.value.time)]
                                      })
            try await Self.insertRows(sql: sql, table: "conversation_vote_events",
                                      columns: ["conversation_id", "participant", "statement", "vote", "voted_at_ms", "seq"],
                                      rows: events.enumerated().map { index, e in
                                          [SQLBind(conversationID), SQLBind(e.participant), SQLBind(e.statement), SQLBind(e.vote),
                                           SQLBind(e.votedAtMilliseconds), SQLBind(index)]
                                      })
            let nextStatement = (statements.map(\.number).max() ?? -1) + 1
            let nextParticipant = (people.max() ?? -1) + 1
            try await sql.raw("""
                UPDATE conversations SET next_statement = \(bind: nextStatement), next_participant = \(bind: nextParticipant),
                    updated_at = \(bind: now)
                WHERE id = \(bind: conversationID)
                """).run()
            try await JobStore.enqueue(sql: sql, kind: JobStore.recomputeConversation, subjectID: conversationID, delay: 0)
        }
    }

    struct CellKey: Hashable {
        var participant: Int
        var statement: Int
    }

    /// Multi-row INSERTs of bound values, a few hundred rows per statement.
    static func insertRows(sql: any SQLDatabase, table: String, columns: [String], rows: [[SQLBind]]) async throws {
        let perStatement = max(1, 900 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var insert = sql.insert(into: table).columns(columns)
            for row in chunk { insert = insert.values(row) }
            try await insert.run()
            start += perStatement
        }
    }
}
