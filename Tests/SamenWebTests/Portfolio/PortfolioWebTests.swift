import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The portfolio through the pages and the API: the demo portfolio, the forms with their
/// field messages, status moves, versions, roles and the growth model.
@Suite("Portfolio on the web and in the API")
struct PortfolioWebTests {
    static func api(_ trajectory: String) -> String { StoryEditWebTests.api(trajectory) }

    @Test("the demo portfolio shows interventions on three horizons, the matrix and a growth model")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let page = try await ilse.get(trajectory + "/portfolio")
            #expect(page.status == .ok)
            for text in ["Eén vaste consulent per aanvrager", "Kort (binnen een jaar)", "Lang (meer dan 3 jaar)", #"id="portfolio-matrix""#,
                         #"id="intervention-form""#, "In experiment"] {
                #expect(page.text.contains(text), "\(text)")
            }
            #expect(try await ilse.get(trajectory).text.contains(#"href="\#(trajectory)/portfolio""#), "a tab on every trajectory page")
            let growth = try await ilse.get(trajectory + "/portfolio/growth")
            #expect(growth.status == .ok && growth.text.contains("Gestuurd") && growth.text.contains(#"id="assessment-form""#))
            // The demo rates "Gekend worden" at 4 while the survey's latest wave shows a large gap there.
            let warning = try #require(growth.text.firstMatch(of: /id="growth-warnings"(?s:.)*?<\/div>/).map { String($0.output) })
            #expect(warning.contains("Gekend worden"), "the contradiction is called out")
            #expect(!warning.contains("Proactiviteit"), "a dimension rated low is not")
            #expect(growth.text.contains("n = 150, Najaar 2026"), "the gap of the latest wave in time, with its size")
        }
    }

    @Test("a new intervention through the form: errors per field with the typing kept, then saved and followable to its insight")
    func createThroughForm() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let insights = try await ilse.json(.get, Self.api(trajectory) + "/insights", token: token)
            let insight = try #require((insights.jsonObject["insights"] as? [[String: Any]])?.first)
            let bad = try await ilse.post(trajectory + "/portfolio", pairs: [("title", "Spreekuur in de wijk"), ("horizon", "soon"), ("effort", "low"),
                                                                              ("cost", "veel")])
            #expect(bad.status == .unprocessableContent)
            for id in ["horizon-error", "cost-error", "dimensions-error"] { #expect(bad.text.contains(#"id="\#(id)""#), "\(id)") }
            #expect(bad.text.contains(#"value="Spreekuur in de wijk""#), "what was typed stays")
            let saved = try await ilse.post(trajectory + "/portfolio", pairs: [
                ("title", "Spreekuur in de wijk"), ("horizon", "medium"), ("effort", "low"), ("cost", "2500"), ("dimensions", "empathy"),
                ("dimensions", "continuity"), ("insight_ids", try #require(insight["id"] as? String)),
            ])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let detail = try await ilse.get(location)
            let title = try #require(insight["title"] as? String)
            #expect(detail.text.contains("Spreekuur in de wijk") && detail.text.contains(title))
            #expect(detail.text.contains("€ 2.500"), "amounts in Dutch")
        }
    }

    @Test("status moves on the page: a skipped step is refused with a message; a valid step is stored in the history")
    func statusOnPage() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.json(.get, Self.api(trajectory) + "/interventions?sort=title", token: token)
            let idea = try #require((list.jsonObject["interventions"] as? [[String: Any]])?.first { $0["status"] as? String == "idea" })
            let id = try #require(idea["id"] as? String)
            let path = trajectory + "/portfolio/interventions/\(id)"
            let page = try await ilse.get(path)
            let version = try #require(StoryEditWebTests.version(page))
            let today = try #require(page.text.firstMatch(of: /name="on"[^>]*value="([0-9-]+)"/).map { String($0.output.1) })
            let skip = try await ilse.post(path + "/status", ["status": "implemented", "on": today, "version": version])
            #expect(skip.status == .unprocessableContent && skip.text.contains(#"id="status-error""#))
            let stop = try await ilse.post(path + "/status", ["status": "stopped", "on": today, "version": version])
            #expect(stop.status == .unprocessableContent && stop.text.contains(#"id="reason-error""#))
            #expect(try await ilse.post(path + "/status", ["status": "planned", "on": today, "version": version]).status == .seeOther)
            let stale = try await ilse.post(path + "/status", ["status": "planned", "on": today, "version": version])
            #expect(stale.status == .conflict)
            let history = try await ilse.json(.get, Self.api(trajectory) + "/interventions/\(id)/status", token: token)
            #expect((history.jsonObject["changes"] as? [[String: Any]])?.compactMap { $0["to"] as? String } == ["idea", "planned"])
        }
    }

    @Test("API: create, ETag and If-Match, a skipped status step is 409, bad fields are 422, a foreign insight is 409; viewers get 403")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let base = Self.api(trajectory)
            let created = try await ilse.json(.post, base + "/interventions", token: token,
                                              body: #"{"title":"Terugbelbelofte","dimensions":["trust"],"horizon":"short","effort":"low","cost_eur":null}"#)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            let id = try #require(created.jsonObject["id"] as? String)
            #expect(created.jsonObject["allowed_moves"] as? [String] == ["planned", "stopped"])
            let skip = try await ilse.json(.post, base + "/interventions/\(id)/status", token: token, body: #"{"status":"evaluated"}"#)
            #expect(skip.status == .conflict && skip.jsonObject["code"] as? String == "rule_conflict")
            let bad = try await ilse.json(.post, base + "/interventions", token: token, body: #"{"title":"x","dimensions":[],"horizon":"soon","effort":"low"}"#)
            #expect(bad.status == .unprocessableContent)
            let foreign = try await ilse.json(.patch, base + "/interventions/\(id)", token: token, body: #"{"insight_ids":["nope"]}"#)
            #expect(foreign.status == .conflict)
            let moved = try await ilse.request(.post, base + "/interventions/\(id)/status", body: #"{"status":"planned"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(moved.status == .ok && moved.jsonObject["status"] as? String == "planned")
            let stale = try await ilse.request(.patch, base + "/interventions/\(id)", body: #"{"owner":"Team"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")
            let level = try await ilse.json(.post, base + "/maturity-assessments", token: token,
                                            body: #"{"dimension":"known","level":6,"assessed_on":"2026-01-05","assessors":"Ilse","justification":"x"}"#)
            #expect(level.status == .unprocessableContent)

            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.delete, base + "/interventions/\(id)", token: viewer).status == .forbidden)
            let page = try await marco.get(trajectory + "/portfolio/interventions/\(id)")
            #expect(page.status == .ok && !page.text.contains("/edit\"") && !page.text.contains(#"id="status-form""#))
            #expect(try await marco.get(trajectory + "/portfolio/interventions/\(id)/edit").status == .forbidden)
            #expect(try await marco.post(trajectory + "/portfolio", ["title": "x"]).status == .forbidden)
            #expect(try await ilse.json(.delete, base + "/interventions/\(id)", token: token).status == .noContent)
        }
    }
}
