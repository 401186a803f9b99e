import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Issue 11, defect 9: the CSRF token was only a double-submit cookie, not tied to the
/// session, so a token from one session (planted in the cookie too) worked in another.
@Suite("CSRF tokens belong to one session")
struct CSRFSessionTests {
    @Test("a token from session A is refused in session B, even with the cookie set to it")
    func tokenFromOtherSession() async throws {
        try await withApp { client in
            let a = Browser(client)
            try await a.logIn(Demo.marco)
            _ = try await a.get("/account")
            let tokenA = try #require(a.cookies["samen_csrf"])
            let b = Browser(client)
            try await b.logIn(Demo.ilse)
            _ = try await b.get("/account")
            #expect(b.cookies["samen_csrf"] != tokenA, "every session has its own token")
            // B's browser carries A's token both in the cookie and in the field: double-submit alone would accept it.
            b.cookies["samen_csrf"] = tokenA
            let forged = try await b.post("/account/tokens", ["name": "geplant"])
            #expect(forged.status == .forbidden)
            // B's own token works.
            let own = Browser(client)
            try await own.logIn(Demo.ilse)
            #expect(try await own.post("/account/tokens", ["name": "eigen"]).status == .ok)
        }
    }

    @Test("a token from before the login is worthless afterwards")
    func tokenFromBeforeLogin() async throws {
        try await withApp { client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            let anonymous = try #require(browser.cookies["samen_csrf"])
            try await browser.logIn(Demo.ilse)
            browser.cookies["samen_csrf"] = anonymous
            #expect(try await browser.post("/account/tokens", ["name": "oud"]).status == .forbidden)
        }
    }

    @Test("anonymous forms keep the double-submit token: login and the language switch work without a session")
    func anonymousForms() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let switched = try await browser.post("/language", ["lang": "en", "return_to": "/login"])
            #expect(switched.location == "/login")
            #expect(try await browser.post("/login", ["email": Demo.ilse, "password": "fout"], csrf: false).status == .forbidden)
            #expect(try await browser.logIn(Demo.ilse).status == .seeOther)
        }
    }
}
