import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("JSON API")
struct APITests {
    /// Logs in through the page and creates a personal API token, as a person would.
    static func token(_ browser: Browser, _ email: String) async throws -> String {
        try await browser.logIn(email)
        let page = try await browser.post("/account/tokens", ["name": "analyse"])
        #expect(page.text.contains("u ziet hem maar één keer"))
        return try #require(page.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
    }

    @Test("a personal token reads the account and its organisations; a revoked one does not")
    func tokenLifecycle() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let token = try await Self.token(browser, Demo.ilse)
            let me = try await browser.json(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.jsonObject["email"] as? String == Demo.ilse)
            let orgs = try await browser.json(.get, "/api/v1/organisations", token: token)
            let list = try #require(orgs.jsonObject["organisations"] as? [[String: Any]])
            #expect(list.map { $0["slug"] as? String } == [Demo.orgA])
            let account = try await browser.get("/account")
            #expect(!account.text.contains(token), "the secret is shown only once")
            let revokePath = try #require(account.text.firstMatch(of: /\/account\/tokens\/[a-f0-9-]+\/revoke/).map { String($0.output) })
            #expect(try await browser.post(revokePath, [:]).status == .seeOther)
            let after = try await browser.json(.get, "/api/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.jsonObject["code"] as? String == "invalid_token")
        }
    }

    @Test("no token or a wrong token: 401 problem+json with a stable code")
    func unauthenticated() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let none = try await browser.get("/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType] == "application/problem+json")
            #expect(none.jsonObject["code"] as? String == "unauthenticated")
            #expect(none.jsonObject["type"] as? String == "urn:samen:problem:unauthenticated")
            let wrong = try await browser.json(.get, "/api/v1/me", token: "samen_nope")
            #expect(wrong.jsonObject["code"] as? String == "invalid_token")
            // A session cookie does not authenticate the API (so the API needs no CSRF token).
            try await browser.logIn(Demo.ilse)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("malformed JSON, wrong media type and invalid fields are refused and change nothing")
    func badInput() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let token = try await Self.token(browser, Demo.ilse)
            let path = "/api/v1/organisations/\(Demo.orgA)/members"
            let malformed = try await browser.json(.post, path, token: token, body: #"{"email": "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.jsonObject["code"] as? String == "malformed_json")
            let wrongType = try await browser.request(.post, path, body: "email=x", contentType: "text/plain",
                                                      headers: [.authorization: "Bearer \(token)"])
            #expect(wrongType.jsonObject["code"] as? String == "unsupported_media_type")
            let invalid = try await browser.json(.post, path, token: token, body: #"{"email":"nope","role":"king"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.jsonObject["code"] as? String == "validation_failed")
            let fields = (invalid.jsonObject["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(Set(fields) == ["email", "role", "display_name", "password"], "a new account needs a name and a password")
            let english = try await browser.request(.post, path, body: #"{"email":"nope","role":"king"}"#, contentType: "application/json",
                                                    headers: [.authorization: "Bearer \(token)", .acceptLanguage: "en"])
            #expect((english.jsonObject["detail"] as? String)?.contains("not filled in correctly") == true)
            let members = try await browser.json(.get, path, token: token)
            #expect((members.jsonObject["members"] as? [[String: Any]])?.count == 5, "nothing was added")
        }
    }

    @Test("administrators add, change and remove members; viewers get 403")
    func memberLifecycle() async throws {
        try await withApp { client in
            let admin = Browser(client)
            let token = try await Self.token(admin, Demo.ilse)
            let path = "/api/v1/organisations/\(Demo.orgA)/members"
            let created = try await admin.json(.post, path, token: token,
                                               body: #"{"email":"Kees@Voorbeeld.nl","display_name":"Kees","role":"viewer","password":"lang-genoeg-123"}"#)
            #expect(created.status == .created)
            #expect(created.jsonObject["email"] as? String == "kees@voorbeeld.nl")
            let id = try #require(created.jsonObject["id"] as? String)
            let changed = try await admin.json(.patch, "\(path)/\(id)", token: token, body: #"{"role":"member"}"#)
            #expect(changed.jsonObject["role"] as? String == "member")
            let viewer = Browser(client)
            let viewerToken = try await Self.token(viewer, Demo.marco)
            let refused = try await viewer.json(.delete, "\(path)/\(id)", token: viewerToken)
            #expect(refused.status == .forbidden)
            #expect(refused.jsonObject["code"] as? String == "forbidden")
            #expect(try await admin.json(.delete, "\(path)/\(id)", token: token).status == .noContent)
            #expect(try await admin.json(.delete, "\(path)/\(id)", token: token).status == .notFound)
        }
    }

    @Test("the OpenAPI document describes exactly the API routes that exist")
    func openAPIInStep() async throws {
        try await withApp { client in
            let response = try await Browser(client).get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = response.jsonObject
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let routed = Set(RouteCatalog.api.map { entry in
                let path = "/" + entry.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(entry.method.rawValue) \(path)"
            })
            #expect(documented == routed, "undocumented: \(routed.subtracting(documented)), stale: \(documented.subtracting(routed))")
        }
    }
}
