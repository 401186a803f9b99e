import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import Testing

/// Writers that meet each other: PostgreSQL transactions that lose a deadlock are run again
/// rather than reaching the caller, and the vote path and the map's recompute take the shared
/// counter rows in one order.
@Suite("Conflicting transactions")
struct TransactionConflictTests {
    /// PostgreSQL only (SQLite has one writer, so its transactions never cross).
    static var postgres: [DatabaseKind] { TestDatabase.kinds.filter { $0 == .postgres } }

    @Test("two transactions locking two rows in opposite order both commit: the deadlock's loser is run again", arguments: postgres)
    func deadlockIsRetried(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { database, _ in
            try await database.transaction { sql in
                try await sql.raw("CREATE TABLE probe (id INT PRIMARY KEY, n INT NOT NULL)").run()
                try await sql.raw("INSERT INTO probe VALUES (1, 0), (2, 0)").run()
            }
            let attempts = Attempts()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (first, second) in [(1, 2), (2, 1)] {
                    group.addTask {
                        try await database.transaction { sql in
                            await attempts.count()
                            try await sql.raw("UPDATE probe SET n = n + 1 WHERE id = \(bind: first)").run()
                            // Both hold their first row before either asks for the second (a retry finds both counted and goes on).
                            try await attempts.waitForBoth()
                            try await sql.raw("UPDATE probe SET n = n + 1 WHERE id = \(bind: second)").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await database.read { sql in
                try await sql.raw("SELECT n FROM probe ORDER BY id").all().map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(counts == [2, 2], "both transactions' updates are stored, once each")
            #expect(await attempts.value >= 3, "PostgreSQL chose a loser, which was run again")
        }
    }

    @Test("first votes on many statements from concurrent batches, with recomputes in between: every vote counted once",
          arguments: TestDatabase.kinds)
    func votesAndSplits(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await ConversationStoreTests.fixture(database)
            let id = f.conversation.id
            let statements = try await f.store.statements(organisationID: f.orgA.id, conversationID: id).map(\.number)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for participant in 0..<12 {
                    // Half vote in statement order, half in reverse: the order locks would be taken in before.
                    let order = participant.isMultiple(of: 2) ? statements : statements.reversed()
                    group.addTask {
                        let outcomes = await f.votes.voteBatch(order.map {
                            .init(conversationID: id, tokenHash: "p\(participant)", statement: $0, value: .agree)
                        })
                        for outcome in outcomes { _ = try outcome.get() }
                    }
                    group.addTask {
                        try await f.votes.saveSplits(conversationID: id, splits: Dictionary(uniqueKeysWithValues: statements.map { ($0, participant) }))
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await f.store.statements(organisationID: f.orgA.id, conversationID: id).map(\.voteCount)
            #expect(counts == statements.map { _ in 12 })
        }
    }
}

private actor Attempts {
    var value = 0
    var locked = 0
    func count() { value += 1 }
    func lock() { locked += 1 }

    /// Returns once two transactions have taken their first row (at most 10 s, however loaded the machine).
    nonisolated func waitForBoth() async throws {
        await lock()
        for _ in 0..<1000 where await locked < 2 { try await Task.sleep(for: .milliseconds(10)) }
    }
}
