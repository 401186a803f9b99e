import Foundation
import SamenStore
import SamenTestSupport
import Testing

/// The per (account, address) reading behind login throttling (issue 11, defect 6).
@Suite("Login failures per account and address")
struct LoginFailurePairTests {
    @Test("a pair's failures and the latest one are read within the window; clearing a pair leaves the others",
          arguments: TestDatabase.kinds)
    func pairs(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let failures = LoginFailureStore(database: database)
            let now = Clock.now()
            try await failures.record(accountKey: "acc", clientKey: "ip1", now: now - 1000)
            try await failures.record(accountKey: "acc", clientKey: "ip1", now: now - 10)
            try await failures.record(accountKey: "acc", clientKey: "ip1", now: now - 5)
            try await failures.record(accountKey: "acc", clientKey: "ip2", now: now)
            let pair = try await failures.pair(accountKey: "acc", clientKey: "ip1", since: now - 100)
            #expect(pair.count == 2)
            #expect(pair.latest == now - 5)
            let none = try await failures.pair(accountKey: "acc", clientKey: "ip3", since: 0)
            #expect(none.count == 0 && none.latest == nil)
            try await failures.clear(accountKey: "acc", clientKey: "ip1")
            #expect(try await failures.pair(accountKey: "acc", clientKey: "ip1", since: 0).count == 0)
            #expect(try await failures.pair(accountKey: "acc", clientKey: "ip2", since: 0).count == 1, "another address keeps its count")
        }
    }
}
