import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Logging in and out")
struct AuthTests {
    @Test("the login page is Dutch by default and English when the browser asks")
    func loginPageLanguage() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let dutch = try await browser.get("/login")
            #expect(dutch.status == .ok)
            #expect(dutch.text.contains(#"<html lang="nl">"#))
            #expect(dutch.text.contains("Inloggen"))
            #expect(dutch.text.contains(##"href="#main""##), "skip link")
            let english = Browser(client)
            english.acceptLanguage = "en-GB,en;q=0.9"
            let page = try await english.get("/login")
            #expect(page.text.contains(#"<html lang="en">"#))
            #expect(page.text.contains("Log in"))
        }
    }

    @Test("a correct login opens a session with safe cookie flags")
    func logIn() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let response = try await browser.logIn(Demo.ilse)
            #expect(response.status == .seeOther)
            let setCookies = response.headers[values: .setCookie]
            let session = try #require(setCookies.first { $0.hasPrefix("samen_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(!session.contains("Secure"), "plain http in development")
            let home = try await browser.get("/")
            #expect(home.location == "/o/gemeente-voorbeeld", "one organisation: straight to it")
            let page = try await browser.get("/organisations")
            #expect(page.status == .ok)
            #expect(page.text.contains("Gemeente Voorbeeld"))
            #expect(page.text.contains(#"id="logout-form""#))
        }
    }

    @Test("cookies are Secure with the __Host- prefix over https")
    func secureCookies() async throws {
        try await withApp(secureCookies: true) { client in
            let browser = Browser(client)
            let page = try await browser.get("/login")
            let csrf = try #require(page.headers[values: .setCookie].first)
            #expect(csrf.hasPrefix("__Host-samen_csrf="))
            #expect(csrf.contains("Secure"))
            #expect(page.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test("a wrong password and an unknown account get the same answer, and the e-mail stays filled in")
    func wrongPassword() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let wrong = try await browser.logIn(Demo.ilse, "niet-het-wachtwoord")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("error-summary"))
            #expect(wrong.text.contains("Het e-mailadres of het wachtwoord klopt niet."))
            #expect(wrong.text.contains(#"value="ilse@voorbeeld.nl""#))
            #expect(browser.cookies["samen_session"] == nil)
            let unknown = try await browser.logIn("niemand@voorbeeld.nl", "niet-het-wachtwoord")
            #expect(unknown.status == wrong.status)
            #expect(unknown.text.contains("Het e-mailadres of het wachtwoord klopt niet."))
        }
    }

    @Test("empty fields are named one by one")
    func emptyFields() async throws {
        try await withApp { client in
            let response = try await Browser(client).post("/login", ["email": "", "password": ""])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Vul een e-mailadres in."))
            #expect(response.text.contains("Vul uw wachtwoord in."))
            #expect(response.text.contains(#"aria-invalid="true""#))
        }
    }

    @Test("a form without the CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withApp { client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            let response = try await browser.post("/login", ["email": Demo.ilse, "password": "welkom-bij-samen"], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Dit formulier is verlopen"))
            #expect(browser.cookies["samen_session"] == nil)
            var forged = try await browser.post("/login", ["email": Demo.ilse, "password": "welkom-bij-samen", "_csrf": "forged"], csrf: false)
            #expect(forged.status == .forbidden)
            // Logged in, a logout without the token does not log out.
            try await browser.logIn(Demo.ilse)
            forged = try await browser.post("/logout", [:], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/organisations").status == .ok)
        }
    }

    @Test("after five failures from one address, that address waits before its next try, even with the right password")
    func rateLimit() async throws {
        try await withApp { client in
            let browser = Browser(client)
            for _ in 0..<5 {
                #expect(try await browser.logIn(Demo.marco, "fout-wachtwoord").status == .unauthorized)
            }
            let locked = try await browser.logIn(Demo.marco)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Te veel mislukte pogingen"))
            #expect(browser.cookies["samen_session"] == nil)
            // Another account is not affected.
            #expect(try await browser.logIn(Demo.ilse).status == .seeOther)
        }
    }

    @Test("logging out ends the session on the server, not only in the browser")
    func logOut() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let session = try #require(browser.cookies["samen_session"])
            let response = try await browser.post("/logout", [:])
            #expect(response.location == "/login")
            #expect(browser.cookies["samen_session"] == nil)
            let replay = Browser(client)
            replay.cookies["samen_session"] = session
            let page = try await replay.get("/organisations")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login") == true)
        }
    }

    @Test("the language switch changes the page language and remembers it")
    func languageSwitch() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let switched = try await browser.post("/language", ["lang": "en", "return_to": "/organisations"])
            #expect(switched.location == "/organisations")
            #expect(try await browser.get("/organisations").text.contains(#"<html lang="en">"#))
            let bad = try await browser.post("/language", ["lang": "fr", "return_to": "/"])
            #expect(bad.status == .unprocessableContent)
            let offsite = try await browser.post("/language", ["lang": "nl", "return_to": "//evil.example"])
            #expect(offsite.location == "/", "no open redirect")
        }
    }

    @Test("an empty installation asks for the first administrator, once")
    func setup() async throws {
        try await withApp(demo: false) { client in
            let browser = Browser(client)
            #expect(try await browser.get("/").location == "/setup")
            let invalid = try await browser.post("/setup", ["organisation_name": "", "display_name": "Ilse", "email": "ilse@x",
                                                           "password": "kort", "password_confirmation": "anders"])
            #expect(invalid.status == .unprocessableContent)
            for message in ["Vul de naam van de organisatie in.", "Vul een e-mailadres in zoals", "minimaal 10 tekens",
                            "De twee wachtwoorden zijn niet gelijk."] {
                #expect(invalid.text.contains(message), "\(message)")
            }
            #expect(invalid.text.contains(#"value="Ilse""#), "typed values are kept")
            let done = try await browser.post("/setup", ["organisation_name": "Gemeente Nieuwdorp", "display_name": "Ilse",
                                                        "email": "ilse@nieuwdorp.nl", "password": "een lange zin als wachtwoord",
                                                        "password_confirmation": "een lange zin als wachtwoord"])
            #expect(done.location == "/login")
            #expect(try await browser.get("/setup").status == .notFound)
            try await browser.logIn("ilse@nieuwdorp.nl", "een lange zin als wachtwoord")
            #expect(try await browser.get("/").location == "/o/gemeente-nieuwdorp")
        }
    }
}

@Suite("Passwords longer than bcrypt reads")
struct LongPasswordTests {
    @Test("a password past 72 bytes counts in full: one more character at the end makes it wrong")
    func everyCharacterCounts() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let long = String(repeating: "wachtwoord-", count: 8) // 88 bytes; bcrypt alone would read 72
            let added = try await ilse.json(.post, "/api/v1/organisations/\(Demo.orgA)/members", token: token,
                                            body: #"{"email":"lang@voorbeeld.nl","display_name":"Lang","role":"viewer","password":"\#(long)"}"#)
            #expect(added.status == .created)
            let wrong = Browser(client)
            let refused = try await wrong.logIn("lang@voorbeeld.nl", String(long.dropLast()) + "X")
            #expect(refused.status != .seeOther, "a change after byte 72 makes the password wrong")
            let right = Browser(client)
            #expect(try await right.logIn("lang@voorbeeld.nl", long).status == .seeOther)
        }
    }
}
