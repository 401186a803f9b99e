import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// `samen bench pages` at a tiny scale: every catalogue GET route is requested at both
/// sizes, none fails with a server error, and the last line has the shape a script reads.
@Suite("Page benchmark")
struct PageBenchTests {
    @Test("every catalogue GET route is requested at demo size and at 1/1000; the last line reads as promised",
          arguments: TestDatabase.kinds)
    func tinyRun(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let execute: PageBench.Execute = { method, uri, headers, body in
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                return (response.status, response.headers, response.body)
            }
            let demo = try await PageBench.measure(database: database, requests: 2, execute: execute)
            _ = try await LargeDataWebTests.fill(database)
            let large = try await PageBench.measure(database: database, requests: 2, execute: execute)
            let expected = Set(RouteCatalog.getRoutes.map(\.description))
            #expect(expected.count >= 40, "the catalogue has its GET routes")
            #expect(Set(demo.map(\.route.description)) == expected)
            #expect(Set(large.map(\.route.description)) == expected)
            #expect(large.allSatisfy { $0.milliseconds.count == 2 })
            let failed = (demo + large).filter { $0.status >= 500 }.map { "\($0.route) \($0.path) → \($0.status)" }
            #expect(failed == [], "no route fails on the generated data")
            let ok = large.filter { $0.status == 200 }.count
            #expect(ok * 10 >= large.count * 8, "most routes find a real record: \(large.filter { $0.status != 200 }.map { "\($0.route) \($0.status)" })")
            let lines = PageBench.report(demo: demo, large: large)
            let last = try #require(lines.last)
            #expect(last.wholeMatch(of: /pages: worst p95 [0-9]+\.[0-9] ms \(GET \/[^)]*\), worst growth [0-9]+\.[0-9]{2}× \(GET \/[^)]*\)/) != nil, "\(last)")
            #expect(lines.contains("worst ten (p95 at the larger size):"))
        }
    }
}
