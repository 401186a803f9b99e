import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Issue 11, defects 8, 10 and 11: paths with empty segments, security headers on every
/// answer, and who may read `/metrics`.
@Suite("Security headers, canonical paths and metrics access")
struct HeaderAndPathTests {
    static func expectSecurityHeaders(_ response: TestResponse, hsts: Bool, _ what: String) {
        #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "CSP on \(what)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "nosniff on \(what)")
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "X-Frame-Options on \(what)")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "Referrer-Policy on \(what)")
        #expect((response.headers[.strictTransportSecurity] != nil) == hsts, "HSTS \(hsts ? "on" : "not on") \(what)")
    }

    @Test("every kind of answer carries the security headers: pages, redirects, static files, 401/403/404/405/413, problem+json")
    func headersEverywhere() async throws {
        try await withApp(secureCookies: true) { client in
            let browser = Browser(client)
            var samples: [(String, TestResponse)] = []
            samples.append(("page", try await browser.get("/login")))
            samples.append(("redirect to login", try await browser.get("/organisations")))
            samples.append(("static file", try await browser.get("/static/samen.css")))
            samples.append(("static 404", try await browser.get("/static/nope.css")))
            samples.append(("page 404", try await browser.get("/geen-pagina")))
            samples.append(("405 problem+json", try await browser.request(.delete, "/api/v1/me")))
            samples.append(("csrf 403", try await browser.request(.post, "/logout", body: "", contentType: "application/x-www-form-urlencoded")))
            samples.append(("413", try await browser.request(.post, "/login", bytes: Array(repeating: 65, count: 1_100_000),
                                                            contentType: "application/x-www-form-urlencoded")))
            samples.append(("problem+json 401", try await browser.request(.get, "/api/v1/me")))
            samples.append(("problem+json 404", try await browser.request(.get, "/api/v1/nothing-here")))
            samples.append(("healthz", try await browser.get("/healthz")))
            for (what, response) in samples { Self.expectSecurityHeaders(response, hsts: true, what) }
            #expect(samples.map(\.1.status.code) == [200, 303, 200, 404, 404, 405, 403, 413, 401, 404, 200])
        }
    }

    @Test("HSTS only over https: from the base URL, or from a trusted proxy's X-Forwarded-Proto")
    func hstsFromTrustedProxy() async throws {
        try await withApp { client in
            let plain = try await Browser(client).get("/geen-pagina")
            Self.expectSecurityHeaders(plain, hsts: false, "plain http 404")
            let spoofed = try await Browser(client).request(.get, "/login", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(spoofed.headers[.strictTransportSecurity] == nil, "an untrusted peer cannot claim https")
        }
        try await withApp(testing: .live, configure: { $0.trustedProxies = ["127.0.0.0/8", "::1"] }) { client in
            let proxied = try await Browser(client).request(.get, "/geen-pagina", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            Self.expectSecurityHeaders(proxied, hsts: true, "404 behind a trusted https proxy")
        }
    }

    @Test("paths with empty or dot segments never reach a handler", arguments: [
        "//api/v1/me", "/api//v1/me", "/api/v1//me", "//api/v1/organisations/gemeente-voorbeeld/trajectories",
        "/o//gemeente-voorbeeld", "//o/gemeente-voorbeeld", "/api/v1/./me", "/api/v1/../v1/me", "/o/gemeente-voorbeeld/",
    ])
    func emptySegments(path: String) async throws {
        try await withApp { client in
            // A logged-in browser: the page rules would take its session cookie.
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let response = try await browser.get(path)
            #expect(response.status == .notFound, "\(path) answered \(response.status)")
            #expect(!response.text.contains("ilse@voorbeeld.nl"))
            let post = try await browser.request(.post, path, body: "{}", contentType: "application/json")
            #expect(post.status == .notFound)
        }
    }

    @Test("/metrics: 404 to others, open to loopback and to the configured bearer token")
    func metricsAccess() async throws {
        try await withApp(configure: { $0.metricsToken = "geheim-token" }) { client in
            // In-process requests have no peer address: not loopback.
            #expect(try await Browser(client).get("/metrics").status == .notFound)
            let wrong = try await Browser(client).request(.get, "/metrics", headers: [.authorization: "Bearer fout"])
            #expect(wrong.status == .notFound)
            let right = try await Browser(client).request(.get, "/metrics", headers: [.authorization: "Bearer geheim-token"])
            #expect(right.status == .ok)
        }
        try await withApp { client in
            let empty = try await Browser(client).request(.get, "/metrics", headers: [.authorization: "Bearer "])
            #expect(empty.status == .notFound, "without a configured token no token opens it")
        }
        try await withApp(testing: .live) { client in
            let local = try await Browser(client).get("/metrics")
            #expect(local.status == .ok, "loopback may scrape")
            #expect(local.text.contains("hb_requests") || local.text.contains("http_requests"))
            let proxied = try await Browser(client).request(.get, "/metrics", headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            #expect(proxied.status == .notFound, "a request forwarded by a local proxy is not local")
        }
    }
}
