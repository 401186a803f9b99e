import Foundation
import PostgresKit
import SamenCore
import SQLiteKit
import SQLKit
import Synchronization

/// Vote rows (participant, statement, vote, voted_at_ms, in that order) read straight from
/// each driver. Through SQLKit every cell went through its Codable decoder: 40 % of writing a
/// conversation's 250,000 votes for its Pol.is export. Any other SQLKit database reads the
/// ordinary way.
enum VoteEventRows {
    static func read(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [StoredVoteEvent] {
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        if let lease = sql as? SQLiteLease {
            let binds = try serializer.binds.map(sqliteBind)
            let found = Mutex<[StoredVoteEvent]>([])
            try await lease.connection.query(serializer.sql, binds) { row in
                let event = StoredVoteEvent(participant: row.integer("participant"), statement: row.integer("statement"),
                                            vote: row.integer("vote"), votedAtMilliseconds: Int64(row.integer("voted_at_ms")))
                found.withLock { $0.append(event) }
            }
            return found.withLock { $0 }
        }
        if let lease = sql as? PostgresLease {
            var binds = PostgresBindings(capacity: serializer.binds.count)
            for bind in serializer.binds {
                switch bind {
                case let text as String: binds.append(text)
                case let number as Int: binds.append(number)
                default: throw UnsupportedBind()
                }
            }
            var events: [StoredVoteEvent] = []
            let rows = try await lease.connection.query(PostgresQuery(unsafeSQL: serializer.sql, binds: binds), logger: sql.logger)
            for try await (participant, statement, vote, at) in rows.decode((Int, Int, Int, Int64).self) {
                events.append(StoredVoteEvent(participant: participant, statement: statement, vote: vote, votedAtMilliseconds: at))
            }
            return events
        }
        return try await sql.raw(query).all().map { row in
            StoredVoteEvent(participant: try row.decode(column: "participant", as: Int.self),
                            statement: try row.decode(column: "statement", as: Int.self),
                            vote: try row.decode(column: "vote", as: Int.self),
                            votedAtMilliseconds: try row.decode(column: "voted_at_ms", as: Int64.self))
        }
    }

    struct UnsupportedBind: Error {}

    static func sqliteBind(_ value: any Encodable & Sendable) throws -> SQLiteData {
        switch value {
        case let text as String: .text(text)
        case let number as Int: .integer(number)
        default: throw UnsupportedBind()
        }
    }
}

private extension SQLiteRow {
    /// The integer in the named column (the query selects integer columns only).
    func integer(_ name: String) -> Int {
        column(name)?.integer ?? 0
    }
}
