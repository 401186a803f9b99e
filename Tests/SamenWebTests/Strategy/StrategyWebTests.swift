import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Capabilities and scenarios through the pages and the API: the demo's shortfalls and
/// robustness matrix, forms with their field messages, stale edits, viewers, another
/// organisation's records, and the CSV exports.
@Suite("Capabilities and scenarios on the web and in the API")
struct StrategyWebTests {
    static let capabilities = "/o/\(Demo.orgA)/capabilities"
    static let api = "/api/v1/organisations/\(Demo.orgA)"

    static func rows(_ page: TestResponse, table: String) -> [String] {
        guard let body = page.text.firstMatch(of: try! Regex(#"id="\#(table)"(?s:.)*?<tbody>((?s:.)*?)</tbody>"#)) else { return [] }
        let inner = String(body.output[1].substring ?? "")
        return inner.matches(of: /<tr[^>]*>((?s:.)*?)<\/tr>/).map { String($0.output.1) }
    }

    /// Ilse signed in, the demo trajectory, and one of its pages.
    static func demoPage(_ client: any TestClientProtocol, _ suffix: String) async throws -> (Browser, String, TestResponse) {
        let ilse = Browser(client)
        try await ilse.logIn(Demo.ilse)
        let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
        let page = try await ilse.get(trajectory + suffix)
        #expect(page.status == .ok, "\(suffix)")
        return (ilse, trajectory, page)
    }

    @Test("the demo: capabilities ranked by shortfall; four scenarios; robust and fragile interventions named; CSVs")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let page = try await ilse.get(Self.capabilities)
            #expect(page.status == .ok && page.text.contains(#"id="capability-form""#) && page.text.contains(#"id="shortfall-help""#))
            let rows = Self.rows(page, table: "capabilities")
            #expect(rows.count == 5)
            #expect(rows.first?.contains("Eén gezamenlijk klantbeeld") == true, "the capability five interventions need at level 3–5, now 1")
            #expect(rows.first?.contains("<td>15 <span") == true, "(3−1)+(4−1)+(4−1)+(5−1)+(4−1) = 15")
            #expect(rows.last?.contains("Schrijven in gewone taal (B1)") == true, "needed at 4, now 3: the smallest shortfall")

            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let scenarios = try await ilse.get(trajectory + "/portfolio/scenarios")
            #expect(scenarios.status == .ok)
            for name in ["Wantrouwen aan de balie", "De vertrouwde buurtconsulent", "Digitaal op afstand", "De meedenkende gemeente", #"id="robustness-help""#] {
                #expect(scenarios.text.contains(name), "\(name)")
            }
            let robust = try #require(scenarios.text.firstMatch(of: /id="robust-list">((?s:.)*?)<\/ul>/).map { String($0.output.1) })
            let fragile = try #require(scenarios.text.firstMatch(of: /id="fragile-list">((?s:.)*?)<\/ul>/).map { String($0.output.1) })
            #expect(robust.contains("Wijkteam en inkomensteam aan één tafel") && robust.contains("Eén dossier dat de inwoner zelf inziet en beheert"))
            #expect(fragile.contains("Proactief aanbieden bij levensgebeurtenissen") && !fragile.contains("Wijkteam"))
            #expect(try await ilse.get(trajectory).text.contains(#"href="\#(trajectory)/portfolio/scenarios""#), "a tab on every trajectory page")

            let csv = try await ilse.get(trajectory + "/portfolio/scenarios/robustness.csv")
            #expect(csv.status == .ok && csv.text.hasPrefix("intervention_id,intervention,rating_a1_b1"))
            #expect(csv.text.contains("Proactief aanbieden bij levensgebeurtenissen,-1,1,-2,2,fragile"))
            for table in ["capability_needs", "scenarios", "robustness_matrix"] {
                let export = try await ilse.get(trajectory + "/export/\(table).csv")
                #expect(export.status == .ok && export.text.split(whereSeparator: \.isNewline).count > 2, "\(table)")
            }
            let catalogue = try await ilse.get(Self.capabilities + "/export.csv")
            #expect(catalogue.text.split(whereSeparator: \.isNewline).dropFirst().first?.contains("Eén gezamenlijk klantbeeld,way_of_working") == true)
        }
    }

    @Test("the portfolio page: the matrix beside the measured gaps, the three-horizons chart with its table, the shortfalls")
    func portfolioViews() async throws {
        try await withApp { client in
            let (_, trajectory, page) = try await Self.demoPage(client, "/portfolio")
            let chart = try #require(page.text.firstMatch(of: /<svg class="survey-chart horizon-chart"(?s:.)*?<\/svg>/).map { String($0.output) })
            #expect(chart.contains(#"role="img""#) && chart.contains("<title id=\"horizon-chart-title\">Drie horizonnen</title>"))
            #expect(chart.contains("Kort (&lt; 1 jaar): 2; Middellang (1 – 3 jaar): 2; Lang (&gt; 3 jaar): 3."), "the text alternative gives the figures")
            let table = Self.rows(page, table: "horizon-table")
            #expect(table.count == 3 && table[2].contains("<td>3</td>"), "three open long-horizon interventions, as in the chart")
            let matrix = Self.rows(page, table: "portfolio-matrix")
            #expect(matrix.count == 8)
            let trust = try #require(matrix.first { $0.contains("Betrouwbaarheid en vertrouwen") })
            #expect(trust.contains("geen interventie"), "a dimension no open intervention aims at is called out")
            let known = try #require(matrix.first { $0.contains("Gekend worden") })
            #expect(known.firstMatch(of: /<td>[0-9],[0-9]{2} \([0-9],[0-9]{2} – [0-9],[0-9]{2}\)<\/td>/) != nil, "the measured gap with its interval")
            let shortfalls = Self.rows(page, table: "portfolio-shortfalls")
            #expect(shortfalls.first?.contains("Eén gezamenlijk klantbeeld") == true && shortfalls.first?.contains("<td>15</td>") == true)
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get(trajectory + "/portfolio").text.contains(#"id="horizon-figure""#), "viewers see the views too")
        }
    }

    @Test("the capability form: errors per field keep the typing; a stale edit is 409 with the typing kept; delete says what goes with it")
    func capabilityForms() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let bad = try await ilse.post(Self.capabilities, ["name": "Data-analyse", "kind": "budget", "current_level": "7", "description": "Cijfers lezen"])
            #expect(bad.status == .unprocessableContent)
            for id in ["kind-error", "current_level-error"] { #expect(bad.text.contains(#"id="\#(id)""#), "\(id)") }
            #expect(bad.text.contains(#"value="Data-analyse""#) && bad.text.contains("Cijfers lezen"), "what was typed stays")
            let taken = try await ilse.post(Self.capabilities, ["name": "doorvragen naar de situatie", "kind": "skill", "current_level": "2"])
            #expect(taken.status == .conflict && taken.text.contains(#"id="name-error""#))
            #expect(try await ilse.post(Self.capabilities, ["name": "Data-analyse", "kind": "skill", "current_level": "2"]).status == .seeOther)

            let page = try await ilse.get(Self.capabilities)
            let edit = try #require(page.text.firstMatch(of: /href="(\/o\/gemeente-voorbeeld\/capabilities\/[^"\/]+\/edit)">Wijzigen<span class="visually-hidden"> Data-analyse/)
                .map { String($0.output.1) })
            let form = try await ilse.get(edit)
            let version = try #require(StoryEditWebTests.version(form))
            #expect(try await ilse.post(edit, ["name": "Data-analyse", "kind": "skill", "current_level": "3", "version": version]).status == .seeOther)
            let stale = try await ilse.post(edit, ["name": "Cijfers", "kind": "tool", "current_level": "4", "version": version])
            #expect(stale.status == .conflict && stale.text.contains(#"value="Cijfers""#), "someone saved first; the typing stays")
            let delete = try await ilse.get(edit.replacingOccurrences(of: "/edit", with: "/delete"))
            #expect(delete.status == .ok && delete.text.contains("Data-analyse"))
        }
    }

    @Test("needs on the web: a capability of another organisation is 409 and stores nothing; a valid need shows its shortfall")
    func needForms() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let sanne = Browser(client)
            let sanneToken = try await APITests.token(sanne, Demo.sanne)
            let theirs = try await sanne.json(.post, "/api/v1/organisations/\(Demo.orgB)/capabilities", token: sanneToken,
                                              body: #"{"name":"Van B","kind":"tool","current_level":1}"#)
            let foreignID = try #require(theirs.jsonObject["id"] as? String)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/interventions?sort=title", token: token)
            let intervention = try #require((list.jsonObject["interventions"] as? [[String: Any]])?.first { ($0["title"] as? String)?.hasPrefix("Brieven") == true })
            let path = trajectory + "/portfolio/interventions/\(try #require(intervention["id"] as? String))/capabilities"
            let before = Self.rows(try await ilse.get(path), table: "capability-needs").count
            let foreign = try await ilse.post(path, ["capability_id": foreignID, "needed_level": "3"])
            #expect(foreign.status == .conflict && foreign.text.contains(#"id="capability_id-error""#))
            let level = try await ilse.post(path, ["capability_id": foreignID, "needed_level": "8"])
            #expect(level.status == .unprocessableContent && level.text.contains(#"id="needed_level-error""#))
            #expect(Self.rows(try await ilse.get(path), table: "capability-needs").count == before, "nothing stored")
            let catalogue = try await ilse.json(.get, Self.api + "/capabilities?sort=name", token: token)
            let zaak = try #require((catalogue.jsonObject["capabilities"] as? [[String: Any]])?.first { $0["name"] as? String == "Zaaksysteem dat de status toont" })
            #expect(try await ilse.post(path, ["capability_id": try #require(zaak["id"] as? String), "needed_level": "5"]).status == .seeOther)
            let after = Self.rows(try await ilse.get(path), table: "capability-needs")
            #expect(after.count == before + 1 && after.contains { $0.contains("Zaaksysteem") && $0.contains("<td>5</td><td>3</td>") }, "needed 5, now 2: short 3")
        }
    }

    @Test("scenarios on the web: a set without both axes and a rating outside −2..+2 are refused per field, nothing saved; a stale rating is 409")
    func scenarioForms() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let ratings = try await ilse.get(trajectory + "/portfolio/scenarios/ratings")
            let version = try #require(StoryEditWebTests.version(ratings))
            let cells = ratings.text.matches(of: /<select id="(rating_[^"]+)"/).map { String($0.output.1) }
            #expect(cells.count == 12, "three long-horizon interventions × four scenarios")
            var sent = Dictionary(uniqueKeysWithValues: cells.map { ($0, "1") })
            sent[cells[0]] = "5"
            sent["version"] = version
            let bad = try await ilse.post(trajectory + "/portfolio/scenarios/ratings", sent)
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="\#(cells[0])-error""#))
            #expect(bad.text.contains(#"<option value="1" selected>"#), "the other choices stay")
            let matrix = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/scenario-set/ratings", token: token)
            #expect((matrix.jsonObject["interventions"] as? [[String: Any]])?.contains { $0["robustness"] as? String == "fragile" } == true, "nothing saved")
            sent[cells[0]] = "1"
            #expect(try await ilse.post(trajectory + "/portfolio/scenarios/ratings", sent).status == .seeOther)
            let stale = try await ilse.post(trajectory + "/portfolio/scenarios/ratings", sent)
            #expect(stale.status == .conflict && stale.text.contains(#"id="ratings-stale""#))
            let page = try await ilse.get(trajectory + "/portfolio/scenarios")
            #expect(page.text.firstMatch(of: /id="fragile-list"/) == nil, "all rated +1 now: nothing fragile")

            let edit = try await ilse.get(trajectory + "/portfolio/scenarios/edit")
            let setVersion = try #require(StoryEditWebTests.version(edit))
            let noAxis = try await ilse.post(trajectory + "/portfolio/scenarios/edit", ["axis_a_name": "", "axis_a_pole1": "", "axis_a_pole2": "",
                                                                                        "axis_b_name": "Vertrouwen", "name_a1_b1": "Nieuw", "version": setVersion])
            #expect(noAxis.status == .unprocessableContent && noAxis.text.contains(#"id="axis_a_name-error""#) && noAxis.text.contains(#"value="Nieuw""#))
            let delete = try await ilse.get(trajectory + "/portfolio/scenarios/delete")
            #expect(delete.status == .ok && delete.text.contains("scenario&#39;s") || delete.text.contains("scenario's"))
        }
    }

    @Test("viewers see no controls and get 403 on every write; the API answers 412 on a stale If-Match and 422 on a rating out of range")
    func viewerAndAPI() async throws {
        try await withApp { client in
            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            let page = try await marco.get(Self.capabilities)
            #expect(page.status == .ok && !page.text.contains(#"id="capability-form""#) && !page.text.contains("/edit\""))
            let scenarios = try await marco.get(trajectory + "/portfolio/scenarios")
            #expect(scenarios.status == .ok && !scenarios.text.contains(#"id="ratings-link""#) && !scenarios.text.contains(#"id="scenarios-edit-link""#))
            for path in [trajectory + "/portfolio/scenarios/ratings", trajectory + "/portfolio/scenarios/edit", trajectory + "/portfolio/scenarios/delete"] {
                #expect(try await marco.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await marco.post(Self.capabilities, ["name": "X", "kind": "skill", "current_level": "1"]).status == .forbidden)
            #expect(try await marco.json(.post, Self.api + "/capabilities", token: viewer, body: #"{"name":"X","kind":"skill","current_level":1}"#).status
                == .forbidden)

            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = StoryEditWebTests.api(trajectory)
            let set = try await ilse.json(.get, base + "/scenario-set", token: token)
            #expect(set.status == .ok && (set.jsonObject["scenarios"] as? [String: Any])?.keys.sorted() == ["a1_b1", "a1_b2", "a2_b1", "a2_b2"])
            let etag = try #require(set.headers[.eTag])
            let matrix = try await ilse.json(.get, base + "/scenario-set/ratings", token: token)
            let line = try #require((matrix.jsonObject["interventions"] as? [[String: Any]])?.first { $0["robustness"] as? String == "fragile" })
            let id = try #require(line["intervention_id"] as? String)
            let range = try await ilse.json(.patch, base + "/scenario-set/ratings", token: token,
                                            body: #"{"ratings":[{"intervention_id":"\#(id)","quadrant":"a1_b1","rating":3}]}"#)
            #expect(range.status == .unprocessableContent)
            let unnamed = try await ilse.json(.patch, base + "/scenario-set/ratings", token: token,
                                              body: #"{"ratings":[{"intervention_id":"\#(id)","quadrant":"a1_b1"}]}"#)
            #expect([.badRequest, .unprocessableContent].contains(unnamed.status), "a cell without its rating is refused, not read as a clear")
            let fixed = try await ilse.request(.patch, base + "/scenario-set/ratings",
                                               body: #"{"ratings":[{"intervention_id":"\#(id)","quadrant":"a1_b1","rating":2},{"intervention_id":"\#(id)","quadrant":"a2_b1","rating":0}]}"#,
                                               contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: etag])
            #expect(fixed.status == .ok)
            #expect((fixed.jsonObject["interventions"] as? [[String: Any]])?.first { $0["intervention_id"] as? String == id }?["robustness"] as? String == "robust")
            let cleared = try await ilse.json(.patch, base + "/scenario-set/ratings", token: token,
                                              body: #"{"ratings":[{"intervention_id":"\#(id)","quadrant":"a2_b1","rating":null}]}"#)
            let clearedLine = (cleared.jsonObject["interventions"] as? [[String: Any]])?.first { $0["intervention_id"] as? String == id }
            #expect(cleared.status == .ok && (clearedLine?["ratings"] as? [String: Any])?["a2_b1"] == nil, "null clears the cell")
            let stale = try await ilse.request(.patch, base + "/scenario-set", body: #"{"axis_a":{"name":"X","pole1":"a","pole2":"b"}}"#,
                                               contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            let twice = try await ilse.json(.post, base + "/scenario-set", token: token, body: #"""
                {"axis_a":{"name":"A","pole1":"a","pole2":"b"},"axis_b":{"name":"B","pole1":"c","pole2":"d"},
                 "scenarios":{"a1_b1":{"name":"1","narrative":"x"},"a1_b2":{"name":"2","narrative":"x"},"a2_b1":{"name":"3","narrative":"x"},"a2_b2":{"name":"4","narrative":"x"}}}
                """#)
            #expect(twice.status == .conflict && twice.jsonObject["code"] as? String == "rule_conflict")
            let missing = try await ilse.json(.post, base + "/scenario-set", token: token, body: #"{"axis_a":{"name":"A","pole1":"a","pole2":"b"},"scenarios":{}}"#)
            #expect(missing.status == .unprocessableContent, "a set without both axes")
        }
    }
}
