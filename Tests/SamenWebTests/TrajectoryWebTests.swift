import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Trajectories on the web")
struct TrajectoryWebTests {
    /// The demo trajectory's overview path, found through the list page.
    static func demoTrajectory(_ browser: Browser) async throws -> String {
        let list = try await browser.get("/o/\(Demo.orgA)/trajectories")
        return try #require(list.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/trajectories\/[a-f0-9-]{36}/).map { String($0.output) })
    }

    @Test("the demo trajectory shows coverage gaps, a dominated session and at least three advisor warnings")
    func demoShowsValue() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let warnings = page.text.matches(of: /class="warning"/).count
            #expect(warnings >= 3, "found \(warnings) warnings")
            #expect(page.text.contains("Eén stem overheerst"))
            #expect(page.text.contains("ontbreekt"), "coverage gaps are marked")
            #expect(page.text.contains("Wie hebben we gehoord?"))
            let activities = try await browser.get(path + "/activities")
            #expect(activities.text.contains("één stem overheerst"))
        }
    }

    @Test("create a trajectory; bad dates are named per field and nothing is stored")
    func create() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let bad = try await browser.post("/o/\(Demo.orgA)/trajectories", ["title": "", "service": "Schuldhulp", "goal": "Sneller",
                                                                             "start_date": "2026-05-01", "end_date": "2026-04-01"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Vul dit veld in."))
            #expect(bad.text.contains("De einddatum ligt vóór de startdatum."))
            #expect(bad.text.contains(#"value="Schuldhulp""#))
            #expect(!(try await browser.get("/o/\(Demo.orgA)/trajectories").text.contains(">Schuldhulp<")))
            let good = try await browser.post("/o/\(Demo.orgA)/trajectories", ["title": "Schuldhulp sneller", "service": "Schuldhulp",
                                                                              "goal": "Binnen drie dagen een eerste gesprek", "start_date": "2026-05-01"])
            #expect(good.status == .seeOther)
            let page = try await browser.get(try #require(good.location))
            #expect(page.text.contains("Schuldhulp sneller"))
            #expect(page.text.contains("Moeilijk om te beginnen"), "challenge 1 on an empty trajectory")
        }
    }

    @Test("a goal change needs a reason and lands in the decision log")
    func goalChange() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let fields = ["title": "Bijstand", "service": "Bijzondere bijstand", "goal": "Een nieuw doel", "start_date": "2026-01-01"]
            let missing = try await browser.post(path + "/edit", fields)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Schrijf op waarom het doel verandert."))
            var withReason = fields
            withReason["goal_reason"] = "Raad vroeg om focus"
            #expect(try await browser.post(path + "/edit", withReason).status == .seeOther)
            let log = try await browser.get(path + "/decisions")
            #expect(log.text.contains("Een nieuw doel"))
            #expect(log.text.contains("Raad vroeg om focus"))
        }
    }

    @Test("no activity in a closed phase; no participant twice at one activity")
    func activityRules() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            let closed = try await browser.post(path + "/activities", ["title": "Extra kick-off", "date": today, "phase": "co_initiation",
                                                                       "kind": "session"])
            #expect(closed.status == .unprocessableContent)
            #expect(closed.text.contains("Deze fase is afgesloten."))
            let created = try await browser.post(path + "/activities", ["title": "Werksessie 3", "date": today, "phase": "co_design",
                                                                        "kind": "session", "place": "Bibliotheek"])
            let activityPath = try #require(created.location)
            let page = try await browser.get(activityPath)
            let participant = try #require(page.text.firstMatch(of: /<option value="([a-f0-9-]{36})"/).map { String($0.output.1) })
            let log = ["participant": participant, "role": "deelnemer", "consent": "internal", "contributions": "3"]
            #expect(try await browser.post(activityPath + "/participation", log).status == .seeOther)
            let twice = try await browser.post(activityPath + "/participation", log)
            #expect(twice.status == .unprocessableContent)
            #expect(twice.text.contains("al vastgelegd bij deze activiteit"))
            let badCount = try await browser.post(activityPath + "/participation", ["participant": participant, "consent": "internal", "contributions": "-2"])
            #expect(badCount.text.contains("Vul een heel getal in"))
        }
    }

    @Test("shares outside 0–100 or not summing to 100 are refused; good shares give a representation score")
    func representation() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let over = try await browser.post(path + "/representation", ["variable": "group", "share_citizen": "120", "share_manager": "-20"])
            #expect(over.status == .unprocessableContent)
            #expect(over.text.contains("Vul een percentage in tussen 0 en 100."))
            let sum = try await browser.post(path + "/representation", ["variable": "group", "share_citizen": "60", "share_manager": "30"])
            #expect(sum.text.contains("De percentages moeten samen 100 zijn."))
            #expect(try await browser.post(path + "/representation", ["variable": "group", "share_citizen": "90", "share_manager": "10"]).status == .seeOther)
            let page = try await browser.get(path + "/representation")
            #expect(page.text.contains("Vertegenwoordigingsscore"))
            #expect(page.text.contains("90,0\u{00A0}%"), "a Dutch percentage")
        }
    }

    @Test("a viewer reads but cannot change a trajectory")
    func viewer() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(ilse)
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let page = try await marco.get(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains("Wegzetten"), "no dismiss buttons for a viewer")
            #expect(try await marco.post(path + "/participants", ["code": "X-1", "group": "citizen"]).status == .forbidden)
            #expect(try await marco.post(path + "/challenges/3/dismiss", ["reason": "nee"]).status == .forbidden)
            #expect(try await marco.post("/o/\(Demo.orgA)/trajectories", ["title": "x"]).status == .forbidden)
            #expect(!(try await marco.get(path + "/participants").text.contains("X-1")))
        }
    }

    @Test("a dismissed warning moves aside with its reason")
    func dismiss() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let empty = try await browser.post(path + "/challenges/8/dismiss", ["reason": " "])
            #expect(empty.status == .unprocessableContent)
            #expect(try await browser.post(path + "/challenges/8/dismiss", ["reason": "UWV doet mee via de stuurgroep"]).status == .seeOther)
            let page = try await browser.get(path)
            #expect(page.text.contains("UWV doet mee via de stuurgroep"))
            #expect(!page.text.contains(#"id="challenge-8""#))
        }
    }

    @Test("CSV exports hold codes, not names; the API lists trajectories with warnings")
    func exportsAndAPI() async throws {
        try await withApp { client in
            let browser = Browser(client)
            try await browser.logIn(Demo.ilse)
            let path = try await Self.demoTrajectory(browser)
            let csv = try await browser.get(path + "/export/participation.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("activity_date,activity,phase,kind,participant_code,group,role,consent,contributions"))
            #expect(csv.text.contains("C-01"))
            #expect(try await browser.get(path + "/export/secrets.csv").status == .notFound)
            let created = try await browser.post("/account/tokens", ["name": "api"])
            let token = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let list = try await browser.json(.get, "/api/v1/organisations/\(Demo.orgA)/trajectories", token: token)
            #expect((list.jsonObject["trajectories"] as? [[String: Any]])?.count == 1)
            let id = String(path.split(separator: "/").last!)
            let one = try await browser.json(.get, "/api/v1/organisations/\(Demo.orgA)/trajectories/\(id)", token: token)
            #expect(one.jsonObject["current_phase"] as? String == "co_design")
            #expect(((one.jsonObject["warnings"] as? [[String: Any]])?.count ?? 0) >= 3)
            let other = try await browser.json(.get, "/api/v1/organisations/\(Demo.orgB)/trajectories/\(id)", token: token)
            #expect(other.status == .notFound)
        }
    }
}
