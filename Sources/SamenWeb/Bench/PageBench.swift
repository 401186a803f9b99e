import Foundation
import Hummingbird
import SamenStore

/// `samen bench pages`: every GET route of the route catalogue (pages and API), filled with
/// real ids, requested in-process as the demo facilitator, N times each. The caller brings
/// the application (a router test client); this measures and reports. A benchmark, never a
/// timed test.
public enum PageBench {
    public typealias Execute = @Sendable (HTTPRequest.Method, String, HTTPFields, ByteBuffer?) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer)

    public static let facilitatorEmail = "fatima@voorbeeld.nl"

    /// One route's figures at one size.
    public struct Timing: Sendable {
        public let route: RouteEntry
        public let path: String
        public let status: Int
        public let milliseconds: [Double]

        public var p50: Double { percentile(0.50) }
        public var p95: Double { percentile(0.95) }
        public var max: Double { milliseconds.max() ?? 0 }

        func percentile(_ fraction: Double) -> Double {
            let sorted = milliseconds.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
    }

    /// Logs in as the facilitator, makes an API token, and times `requests` requests (after
    /// one warm-up) of every catalogue GET route (or of those whose pattern contains one of `only`).
    public static func measure(database: Database, requests: Int, only: [String] = [],
                               execute: @escaping Execute) async throws -> [Timing] {
        let session = BenchSession(execute: execute)
        try await session.logIn(email: facilitatorEmail, password: DemoData.loginPassword)
        let token = try await session.makeToken()
        let values = try await PageBenchIDs.values(database: database, organisationSlug: LargeDemo.organisationSlug)
        var timings: [Timing] = []
        for route in RouteCatalog.getRoutes where only.isEmpty || only.contains(where: { route.path.contains($0) }) {
            let path = RouteCatalog.fill(route.path, values: values)
            let bearer = route.path.hasPrefix("/api/") ? token : nil
            var status = try await session.get(path, bearer: bearer)
            var samples: [Double] = []
            for _ in 0..<Swift.max(1, requests) {
                let start = ContinuousClock.now
                status = try await session.get(path, bearer: bearer)
                let elapsed = ContinuousClock.now - start
                samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            timings.append(Timing(route: route, path: path, status: status, milliseconds: samples))
        }
        return timings
    }

    /// The table, the worst ten at the larger size, and as its last line
    /// `pages: worst p95 N ms (ROUTE), worst growth M× (ROUTE)`. Growth is the larger size's
    /// median over the demo's (the median: one slow request must not make a route "grow").
    public static func report(demo: [Timing], large: [Timing]?) -> [String] {
        let large = large ?? demo
        let demoByRoute = Dictionary(demo.map { ($0.route, $0) }, uniquingKeysWith: { first, _ in first })
        func growth(_ timing: Timing) -> Double {
            guard let base = demoByRoute[timing.route], base.p50 > 0 else { return 1 }
            return timing.p50 / base.p50
        }
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        var lines = ["route | status | demo p50 p95 max ms | large p50 p95 max ms | growth"]
        for timing in large {
            let base = demoByRoute[timing.route]
            lines.append("\(timing.route) | \(timing.status) | \(ms(base?.p50 ?? 0)) \(ms(base?.p95 ?? 0)) \(ms(base?.max ?? 0)) | "
                         + "\(ms(timing.p50)) \(ms(timing.p95)) \(ms(timing.max)) | \(String(format: "%.2f", growth(timing)))×")
        }
        lines.append("worst ten (p95 at the larger size):")
        for timing in large.sorted(by: { $0.p95 > $1.p95 }).prefix(10) {
            lines.append("  \(ms(timing.p95)) ms  \(String(format: "%.2f", growth(timing)))×  \(timing.route)  (\(timing.path))")
        }
        let slowest = large.max { $0.p95 < $1.p95 }
        let fastestGrowing = large.max { growth($0) < growth($1) }
        lines.append("pages: worst p95 \(ms(slowest?.p95 ?? 0)) ms (\(slowest.map { "\($0.route)" } ?? "-")), "
                     + "worst growth \(String(format: "%.2f", fastestGrowing.map(growth) ?? 1))× (\(fastestGrowing.map { "\($0.route)" } ?? "-"))")
        return lines
    }
}

/// A browser for the benchmark: keeps cookies, fills in the CSRF token.
final class BenchSession: @unchecked Sendable {
    let execute: PageBench.Execute
    var cookies: [String: String] = [:]

    init(execute: @escaping PageBench.Execute) { self.execute = execute }

    func send(_ method: HTTPRequest.Method, _ path: String, form: [String: String]? = nil, bearer: String? = nil)
        async throws -> (status: HTTPResponse.Status, body: String) {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        var body: ByteBuffer?
        if var form {
            form["_csrf"] = cookies["samen_csrf"] ?? ""
            headers[.contentType] = "application/x-www-form-urlencoded"
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            body = ByteBuffer(string: form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }
                .joined(separator: "&"))
        }
        let response = try await execute(method, path, headers, body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = line.contains("Max-Age=0") ? nil : String(pair[1])
        }
        return (response.status, String(buffer: response.body))
    }

    func get(_ path: String, bearer: String?) async throws -> Int {
        Int(try await send(.get, path, bearer: bearer).status.code)
    }

    struct Refused: Error, CustomStringConvertible { let description: String }

    func logIn(email: String, password: String) async throws {
        _ = try await send(.get, "/login")
        let answer = try await send(.post, "/login", form: ["email": email, "password": password, "return_to": "/"])
        guard answer.status == .seeOther, cookies.keys.contains(where: { $0.contains("session") }) else {
            throw Refused(description: "logging in as \(email) failed: \(answer.status)")
        }
    }

    func makeToken() async throws -> String {
        let created = try await send(.post, "/account/tokens", form: ["name": "bench"])
        guard let secret = created.body.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/) else {
            throw Refused(description: "no API token: \(created.status)")
        }
        return String(secret.output)
    }
}
