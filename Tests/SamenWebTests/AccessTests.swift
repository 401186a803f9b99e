import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Roles, tenancy and bad input")
struct AccessTests {
    /// Fills a route template with organisation B's slug and one of B's member ids.
    static func path(_ template: String, org: String, user: String, trajectory: String = "x") -> String {
        RouteCatalog.fill(template, values: [":org": org, ":user": user, ":trajectory": trajectory, ":challenge": "3",
                                             ":file": "participants.csv"])
    }

    @Test("a member of organisation A gets 404 for every organisation-B route that exists")
    func tenantIsolation() async throws {
        try await withApp { client in
            // Sanne (B) finds her own user id through the API; A's users then try every route.
            let sanne = Browser(client)
            try await sanne.logIn(Demo.sanne)
            let created = try await sanne.post("/account/tokens", ["name": "test"])
            let secret = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let me = try await sanne.json(.get, "/api/v1/me", token: secret)
            let sanneID = try #require(me.jsonObject["id"] as? String)
            let bList = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/trajectories", token: secret)
            let bTrajectory = try #require((bList.jsonObject["trajectories"] as? [[String: Any]])?.first?["id"] as? String)

            let routes = RouteCatalog.organisationScoped
            #expect(routes.count >= 30, "the catalogue lists the organisation routes")
            for email in [Demo.ilse, Demo.marco] {
                let browser = Browser(client)
                try await browser.logIn(email)
                let created = try await browser.post("/account/tokens", ["name": "probe"])
                let probeToken = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
                for route in routes {
                    let path = Self.path(route.path, org: Demo.orgB, user: sanneID, trajectory: bTrajectory)
                    let response: TestResponse
                    if route.path.hasPrefix("/api/") {
                        let body = [.post, .patch].contains(route.method) ? #"{"email":"x@y.nl","display_name":"X","role":"viewer","password":"lang-genoeg-123"}"# : nil
                        response = try await browser.json(route.method, path, token: probeToken, body: body)
                    } else if route.method == .get {
                        response = try await browser.get(path)
                    } else {
                        response = try await browser.post(path, ["role": "viewer", "email": "x@y.nl", "display_name": "X"])
                    }
                    #expect(response.status == .notFound, "\(email): \(route) → \(response.status)")
                    #expect(!response.text.contains("Sanne"), "\(route) leaks B's data")
                }
                // B's records through A's own organisation routes: also not found.
                #expect(try await browser.get("/o/\(Demo.orgA)/members/\(sanneID)").status == .notFound)
                // A viewer may get 403 on an editing page, but then the same as for an id that does not exist:
                // the answer never tells whether B's record exists.
                for route in routes where route.path.contains(":trajectory") && route.method == .get {
                    func status(_ trajectory: String) async throws -> HTTPResponse.Status {
                        let path = Self.path(route.path, org: Demo.orgA, user: sanneID, trajectory: trajectory)
                        return route.path.hasPrefix("/api/") ? try await browser.json(.get, path, token: probeToken).status
                            : try await browser.get(path).status
                    }
                    let forB = try await status(bTrajectory)
                    let forNothing = try await status(UUID().uuidString.lowercased())
                    #expect(forB == forNothing && [.notFound, .forbidden].contains(forB), "\(email): \(route) with B's trajectory → \(forB)")
                }
            }
            // Nothing changed in B.
            let members = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/members", token: secret)
            #expect((members.jsonObject["members"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("a viewer cannot manage members; nothing changes")
    func viewerCannotManage() async throws {
        try await withApp { client in
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let page = try await marco.get("/o/\(Demo.orgA)/members")
            #expect(page.status == .ok)
            #expect(!page.text.contains(#"id="member-form""#), "no add form for a viewer")
            let attempt = try await marco.post("/o/\(Demo.orgA)/members", ["email": "nieuw@voorbeeld.nl", "display_name": "Nieuw",
                                                                           "role": "administrator", "password": "lang-genoeg-123"])
            #expect(attempt.status == .forbidden)
            #expect(attempt.text.contains("Uw rol in deze organisatie geeft geen toestemming"))
            #expect(!(try await marco.get("/o/\(Demo.orgA)/members").text.contains("nieuw@voorbeeld.nl")))
        }
    }

    @Test("an administrator adds a member; bad input is shown per field and stores nothing")
    func addMember() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let bad = try await ilse.post("/o/\(Demo.orgA)/members", ["email": "geen-adres", "display_name": "<b>Piet</b>", "role": "baas"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Vul een e-mailadres in zoals"))
            #expect(bad.text.contains("Kies een rol uit de lijst."))
            #expect(bad.text.contains("&lt;b&gt;Piet&lt;/b&gt;"), "typed text comes back escaped")
            #expect(!bad.text.contains("<b>Piet</b>"))
            let good = try await ilse.post("/o/\(Demo.orgA)/members", ["email": "piet@voorbeeld.nl", "display_name": "Piet Pieters",
                                                                      "role": "member", "password": "lang-genoeg-123"])
            #expect(good.status == .seeOther)
            let list = try await ilse.get("/o/\(Demo.orgA)/members")
            #expect(list.text.contains("piet@voorbeeld.nl"))
            #expect(list.text.contains("Het teamlid is toegevoegd."))
            let again = try await ilse.post("/o/\(Demo.orgA)/members", ["email": "piet@voorbeeld.nl", "display_name": "Piet", "role": "member"])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("Deze persoon is al lid van deze organisatie."))
        }
    }

    @Test("unknown routes get a localised 404 page; the API answers problem+json")
    func notFound() async throws {
        try await withApp { client in
            let browser = Browser(client)
            let page = try await browser.get("/bestaat-niet")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Pagina niet gevonden"))
            browser.acceptLanguage = "en"
            #expect(try await browser.get("/nope").text.contains("Page not found"))
            let api = try await browser.get("/api/v1/nope")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(api.jsonObject["code"] as? String == "not_found")
            #expect(api.jsonObject["status"] as? Int == 404)
        }
    }

    @Test("an oversized body is refused with 413 and stores nothing")
    func oversized() async throws {
        try await withApp { client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            let huge = "email=" + String(repeating: "a", count: 1_200_000)
            let response = try await browser.request(.post, "/login", body: huge, contentType: "application/x-www-form-urlencoded")
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("te veel gegevens"))
        }
    }

    @Test("pages carry security headers; health and metrics answer")
    func headersHealthMetrics() async throws {
        try await withApp(configure: { $0.metricsToken = "metrics-secret" }) { client in
            let browser = Browser(client)
            let page = try await browser.get("/login")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.jsonObject["status"] as? String == "ok")
            let metrics = try await browser.request(.get, "/metrics", headers: [.authorization: "Bearer metrics-secret"])
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hb_requests") || metrics.text.contains("http_requests"), "request metrics are exported")
            #expect(try await browser.get("/static/samen.css").headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await browser.get("/static/nope.css").status == .notFound)
        }
    }

    @Test("the last administrator cannot be demoted through the page")
    func lastAdministrator() async throws {
        try await withApp { client in
            let sanne = Browser(client)
            try await sanne.logIn(Demo.sanne)
            let created = try await sanne.post("/account/tokens", ["name": "t"])
            let secret = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let id = try #require(try await sanne.json(.get, "/api/v1/me", token: secret).jsonObject["id"] as? String)
            let response = try await sanne.post("/o/\(Demo.orgB)/members/\(id)/role", ["role": "viewer"])
            #expect(response.status == .conflict)
            #expect(response.text.contains("Rol: dit is de laatste beheerder."), "the summary names the field")
            #expect(try await sanne.get("/o/\(Demo.orgB)/members/\(id)").text.contains("Beheerder"))
        }
    }
}
