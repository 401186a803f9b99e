import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Issue 11, defect 7: `return_to=/%09/host/…` passed the filter (Chromium reads it as `//host`).
@Suite("Return paths are local")
struct ReturnPathTests {
    static let hostile = [
        "//evil.example/x", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/%09/evil.example",
        "/\r\n/evil.example", "/%0d%0a/evil.example", "/%0a/evil.example", "/%2F%2Fevil.example", "/%2f/evil.example",
        "/%5Cevil.example", "/%5C%5Cevil.example", "/%252F%252Fevil.example", "/%25%30%39/evil.example",
        "https://evil.example", "http:/evil.example", "//", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
        "evil.example", "", " /o/x", "/ /evil.example", "/\u{7F}/evil.example", "/%00/evil.example", "/%E3%80%82evil",
        "/%zz", "///evil.example", "/a%20b",
    ]
    static let local = ["/", "/o/gemeente-voorbeeld", "/o/gemeente-voorbeeld/trajectories/abc?tab=1", "/account/tokens", "/o/x%2Dy"]

    @Test("hostile return paths are refused, local ones kept", arguments: hostile)
    func hostilePaths(raw: String) {
        #expect(!LocalPath.isSafe(raw), "\(raw.debugDescription) must not pass")
        #expect(Paths.safeReturn(raw) == "/")
    }

    @Test("local paths pass unchanged", arguments: local)
    func localPaths(raw: String) {
        #expect(LocalPath.isSafe(raw))
        #expect(Paths.safeReturn(raw) == raw)
    }

    @Test("logging in with a hostile return_to lands on the home page; the login page does not echo it")
    func loginRedirect() async throws {
        try await withApp { client in
            for raw in ["/%09/evil.example/x", "/\t/evil.example", "/\\evil.example", "//evil.example"] {
                let browser = Browser(client)
                let page = try await browser.get("/login?return_to=" + Browser.encode(raw))
                #expect(!page.text.contains("evil.example"), "the form's hidden field keeps only a local path")
                let response = try await browser.post("/login", ["email": Demo.ilse, "password": DemoData.loginPassword, "return_to": raw])
                #expect(response.status == .seeOther)
                #expect(response.location == "/", "\(raw.debugDescription)")
            }
            let browser = Browser(client)
            let response = try await browser.post("/login", ["email": Demo.ilse, "password": DemoData.loginPassword, "return_to": "/account"])
            #expect(response.location == "/account")
        }
    }

    @Test("the language switch only returns to a local path")
    func languageRedirect() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let response = try await browser.post("/language", ["lang": "en", "return_to": "/%09/evil.example"])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
        }
    }
}
