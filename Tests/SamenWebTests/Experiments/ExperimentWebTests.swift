import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenWeb
import Testing

/// Experiments and the learning log through the pages and the API: the demo, the forms with
/// their field messages, versions, roles, foreign links, the chain both ways and the effect.
@Suite("Experiments on the web and in the API")
struct ExperimentWebTests {
    static func api(_ trajectory: String) -> String { StoryEditWebTests.api(trajectory) }

    static func interventions(_ b: Browser, _ trajectory: String, _ token: String) async throws -> [[String: Any]] {
        try #require(try await b.json(.get, api(trajectory) + "/interventions", token: token).jsonObject["interventions"] as? [[String: Any]])
    }

    @Test("the demo shows two experiments, the overdue one flagged, a learning card, the chain to citizens' words and three lessons")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let overview = try await ilse.get(trajectory).text
            #expect(overview.contains(#"href="\#(trajectory)/experiments""#), "a tab on every trajectory page")
            #expect(overview.contains("Experimenten (test- en leerkaarten)") && overview.contains("Leerlogboek"), "both exports offered by name")
            let list = try await ilse.get(trajectory + "/experiments")
            #expect(list.status == .ok && list.text.contains(#"id="experiment-form""#) && list.text.contains(#"id="experiments-overdue""#))
            let rows = try #require(list.text.firstMatch(of: /<tbody>(?s:.*?)<\/tbody>/).map { String($0.output) })
            #expect(rows.contains("Proefbrief in gewone taal aan de balie") && rows.contains("Vaste consulent voor twintig aanvragers"))
            #expect(rows.components(separatedBy: "leerkaart ontbreekt").count == 2, "exactly the experiment past its end is flagged")
            func link(_ title: String) throws -> String {
                try #require(rows.firstMatch(of: try Regex(#"href="([^"]+/experiments/[a-f0-9-]+)">"# + title)).map { String($0.output[1].substring ?? "") })
            }
            let decided = try await ilse.get(try link("Proefbrief")), overdue = try await ilse.get(try link("Vaste consulent"))
            #expect(decided.text.contains(#"id="learning-card""#) && decided.text.contains("Doorgaan"))
            #expect(decided.text.contains(#"id="experiment-chain""#) && decided.text.contains("/stories/"), "the chain reaches the stories")
            #expect(overdue.text.contains(#"id="experiment-overdue""#) && overdue.text.contains(#"id="learning-card-empty""#))
            let log = try await ilse.get(trajectory + "/learning-log")
            #expect(log.status == .ok && log.text.contains(#"id="lesson-form""#))
            let lessons = try #require(log.text.firstMatch(of: /<tbody>(?s:.*?)<\/tbody>/).map { String($0.output) })
            #expect(lessons.components(separatedBy: "<tr>").count - 1 == 3)
            let csv = try await ilse.get(trajectory + "/export/experiments.csv")
            #expect(csv.status == .ok && csv.text.contains("learning_overdue") && csv.text.contains("Proefbrief in gewone taal"))
            #expect(try await ilse.get(trajectory + "/export/learning_log.csv").text.contains("did_not_work"))
        }
    }

    @Test("an implemented intervention's page shows its effect section and its experiments; an idea's page says it is not yet measurable")
    func effectOnIntervention() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let all = try await Self.interventions(ilse, trajectory, token)
            let implemented = try #require(all.first { $0["status"] as? String == "implemented" })
            let idea = try #require(all.first { $0["status"] as? String == "idea" })
            let page = try await ilse.get(trajectory + "/portfolio/interventions/\(try #require(implemented["id"] as? String))")
            let section = try #require(page.text.firstMatch(of: /id="intervention-effect"(?s:.*?)<\/section>/).map { String($0.output) })
            #expect(section.contains("Ingevoerd op"))
            // The demo implements today: the survey's waves all lie before it, so there is no wave after.
            #expect(section.contains("Er is nog geen meting van na de invoering"), "says plainly that there is no wave after")
            #expect(section.contains("Proefbrief in gewone taal aan de balie") && section.contains("Gewone taal helpt"), "its experiment and learning")
            let other = try await ilse.get(trajectory + "/portfolio/interventions/\(try #require(idea["id"] as? String))")
            #expect(other.text.contains("Het effect wordt getoond als de interventie is ingevoerd"))
        }
    }

    @Test("with a wave before and one after the implementation, the page shows the gap change with the survey's interval per dimension")
    func effectTable() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let trajectoryID = String(trajectory.split(separator: "/").last!)
            let created = try await ilse.post("/o/\(Demo.orgA)/surveys", [
                "title": "Voor en na", "trajectory": trajectoryID, "dimension_set": "default-8", "scale": "7", "items_per_dimension": "1",
                "levels_channel": "balie", "levels_age_band": ""])
            let path = try #require(created.location)
            let today = CalendarDate(unixTime: Int64(Date().timeIntervalSince1970)).description
            for (name, start) in [("Voor", "2026-03-01"), ("Na", today)] {
                #expect(try await ilse.post(path + "/waves", ["name": name, "starts_on": start]).status == .seeOther)
            }
            let detail = try await ilse.get(path).text
            var waves: [String: String] = [:]
            for match in detail.matches(of: /<option value="([a-f0-9-]{36})">([^<]+)<\/option>/) { waves[String(match.output.2)] = String(match.output.1) }
            // Gekend worden: a gap of 3 or 4 before (mean 3,5), of 1 or 2 after (mean 1,5).
            for (name, gap) in [("Voor", 3), ("Na", 1)] {
                let rows = (0..<12).map { "\(6 + $0 % 2);\(6 - gap);balie" }
                let imported = try await ilse.post(path + "/import", ["wave": try #require(waves[name]),
                                                                      "csv": (["need.known.1;experience.known.1;channel"] + rows).joined(separator: "\n")])
                #expect(imported.status == .seeOther)
            }
            let all = try await Self.interventions(ilse, trajectory, token)
            let consultant = try #require(all.first { ($0["title"] as? String)?.hasPrefix("Eén vaste consulent") == true })
            let id = try #require(consultant["id"] as? String)
            let moved = try await ilse.json(.post, Self.api(trajectory) + "/interventions/\(id)/status", token: token, body: #"{"status":"implemented"}"#)
            #expect(moved.status == .ok)
            let page = try await ilse.get(trajectory + "/portfolio/interventions/\(id)")
            let table = try #require(page.text.firstMatch(of: /id="effect-table"(?s:.*?)<\/table>/).map { String($0.output) })
            let known = try #require(table.firstMatch(of: /Gekend worden(?s:.*?)<\/tr>/).map { String($0.output) })
            #expect(known.contains("3,50") && known.contains("1,50") && known.contains("-2,00 ["), "before, after and the change with its interval")
            #expect(known.contains("De kloof werd kleiner"))
            #expect(table.contains("Bereikbaarheid en continuïteit"), "every dimension of the intervention has a row")
            #expect(page.text.contains("<strong>Voor</strong>") && page.text.contains("<strong>Na</strong>"))
        }
    }

    @Test("a learning card before the test card, no decision and an end before the start: field messages, the typing kept, nothing saved")
    func formErrors() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let bad = try await ilse.post(trajectory + "/experiments", pairs: [
                ("title", "Terugbellen binnen een dag"), ("belief", "Mensen bellen minder vaak terug"), ("observed", "Minder telefoontjes"),
                ("starts_on", "2026-05-10"), ("ends_on", "2026-05-01"),
            ])
            #expect(bad.status == .conflict, "rules between fields are conflicts, as in the API")
            for id in ["observed-error", "decision-error", "learned-error", "ends_on-error"] { #expect(bad.text.contains(#"id="\#(id)""#), "\(id)") }
            #expect(bad.text.contains(#"value="Terugbellen binnen een dag""#) && bad.text.contains("Minder telefoontjes"), "what was typed stays")
            #expect(!(try await ilse.get(trajectory + "/experiments").text.contains("Terugbellen binnen een dag")), "nothing saved")
            let lesson = try await ilse.post(trajectory + "/learning-log", ["learned_on": "2026-02-30", "phase": "co_design", "kind": "worked",
                                                                            "lesson": "Korte sessies werken"])
            #expect(lesson.status == .unprocessableContent && lesson.text.contains(#"id="learned_on-error""#)
                    && lesson.text.contains(#"value="Korte sessies werken""#))
        }
    }

    @Test("a stale edit is refused with both values; a link to another trajectory's record is a conflict (409)")
    func staleAndForeign() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let saved = try await ilse.post(trajectory + "/experiments", ["title": "Spreekuur in de wijk"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let form = try await ilse.get(location + "/edit")
            let version = try #require(StoryEditWebTests.version(form))
            #expect(try await ilse.post(location + "/edit", ["title": "Spreekuur in de bibliotheek", "version": version]).status == .seeOther)
            let stale = try await ilse.post(location + "/edit", ["title": "Spreekuur op het stadhuis", "version": version])
            #expect(stale.status == .conflict && stale.text.contains("Spreekuur in de bibliotheek") && stale.text.contains("Spreekuur op het stadhuis"))
            let foreign = try await ilse.post(trajectory + "/experiments", ["title": "Vreemd", "intervention_id": "00000000-0000-0000-0000-000000000000"])
            #expect(foreign.status == .conflict && foreign.text.contains(#"id="intervention_id-error""#))
            let delete = try await ilse.get(location + "/delete")
            #expect(delete.status == .ok && delete.text.contains("Spreekuur in de bibliotheek"))
            let deleteVersion = try #require(StoryEditWebTests.version(delete))
            #expect(try await ilse.post(location + "/delete", ["version": deleteVersion]).status == .seeOther)
            #expect(try await ilse.get(location).status == .notFound)
        }
    }

    @Test("viewers see no controls and get 403 on every write, on the pages and in the API")
    func viewer() async throws {
        try await withApp { client in
            let marco = Browser(client)
            let token = try await APITests.token(marco, Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            let list = try await marco.get(trajectory + "/experiments")
            #expect(list.status == .ok && !list.text.contains(#"id="experiment-form""#))
            let link = try #require(list.text.firstMatch(of: /href="([^"]+\/experiments\/[a-f0-9-]+)"/).map { String($0.output.1) })
            let page = try await marco.get(link)
            #expect(page.status == .ok && !page.text.contains(#"id="experiment-edit-link""#))
            #expect(try await marco.get(link + "/edit").status == .forbidden)
            #expect(try await marco.post(link + "/delete", ["version": "1"]).status == .forbidden)
            #expect(try await marco.post(trajectory + "/experiments", ["title": "x"]).status == .forbidden)
            let log = try await marco.get(trajectory + "/learning-log")
            #expect(log.status == .ok && !log.text.contains(#"id="lesson-form""#) && !log.text.contains("/edit\""))
            #expect(try await marco.post(trajectory + "/learning-log", ["lesson": "x"]).status == .forbidden)
            #expect(try await marco.json(.post, Self.api(trajectory) + "/experiments", token: token, body: #"{"title":"x"}"#).status == .forbidden)
            #expect(try await marco.json(.post, Self.api(trajectory) + "/lessons", token: token,
                                         body: #"{"learned_on":"2026-01-05","phase":"co_design","kind":"worked","lesson":"x"}"#).status == .forbidden)
        }
    }

    @Test("API: create with ETag, If-Match 412, the learning-card rules 409, a blank title 422, a foreign link 409, lessons, and the chain from a story")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let base = Self.api(trajectory)
            let intervention = try #require(try await Self.interventions(ilse, trajectory, token).first?["id"] as? String)
            let created = try await ilse.json(.post, base + "/experiments", token: token, body: """
                {"title":"Terugbelbelofte","intervention_id":"\(intervention)","belief":"a","test":"b","metric":"c","criterion":"d","ends_on":null}
                """)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            let id = try #require(created.jsonObject["id"] as? String)
            #expect(created.jsonObject["decision"] is NSNull && created.jsonObject["learning_overdue"] as? Bool == false)
            let noDecision = try await ilse.json(.patch, base + "/experiments/\(id)", token: token, body: #"{"observed":"x","learned":"y"}"#)
            #expect(noDecision.status == .conflict && noDecision.text.contains("experiment_decision_required"), "a rule between fields is a conflict")
            let early = try await ilse.json(.post, base + "/experiments", token: token, body: #"{"title":"x","observed":"x","learned":"y","decision":"stop"}"#)
            #expect(early.status == .conflict && early.text.contains("experiment_test_card_incomplete"))
            let blank = try await ilse.json(.post, base + "/experiments", token: token, body: #"{"title":" "}"#)
            #expect(blank.status == .unprocessableContent, "a field error is 422")
            let blankLink = try await ilse.json(.patch, base + "/experiments/\(id)", token: token, body: #"{"survey_wave_id":" "}"#)
            #expect(blankLink.status == .unprocessableContent && blankLink.text.contains("survey_wave_id"), "a blank link is refused, not read as null")
            let foreign = try await ilse.json(.patch, base + "/experiments/\(id)", token: token, body: #"{"story_ids":["nope"]}"#)
            #expect(foreign.status == .conflict)
            let learned = try await ilse.request(.patch, base + "/experiments/\(id)", body: #"{"observed":"x","learned":"y","decision":"pivot"}"#,
                                                 contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(learned.status == .ok && learned.jsonObject["decision"] as? String == "pivot" && learned.headers[.eTag] == "\"2\"")
            let stale = try await ilse.request(.patch, base + "/experiments/\(id)", body: #"{"title":"z"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            let filtered = try await ilse.json(.get, base + "/experiments?intervention=\(intervention)", token: token)
            #expect((filtered.jsonObject["experiments"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)

            let lesson = try await ilse.json(.post, base + "/lessons", token: token,
                                             body: #"{"learned_on":"2026-01-05","phase":"co_design","kind":"worked","lesson":"Kort en vaak"}"#)
            #expect(lesson.status == .created && lesson.jsonObject["lesson"] as? String == "Kort en vaak")
            let future = try await ilse.json(.post, base + "/lessons", token: token,
                                             body: #"{"learned_on":"2199-01-05","phase":"co_design","kind":"worked","lesson":"x"}"#)
            #expect(future.status == .conflict)

            // From a story forward: the demo's interventions rest on insights from its stories.
            let stories = try #require(try await ilse.json(.get, base + "/stories", token: token).jsonObject["stories"] as? [[String: Any]])
            var found: (story: String, intervention: String)?
            for story in stories {
                let storyID = try #require(story["id"] as? String)
                let ledTo = try await ilse.json(.get, base + "/stories/\(storyID)/led-to", token: token)
                #expect(ledTo.status == .ok)
                if let first = (ledTo.jsonObject["interventions"] as? [[String: Any]])?.first?["title"] as? String { found = (storyID, first); break }
            }
            let chain = try #require(found, "some demo story led to an intervention")
            let storyPage = try await ilse.get(trajectory + "/stories/\(chain.story)")
            let section = try #require(storyPage.text.firstMatch(of: /id="story-led-to"(?s:.*?)<\/section>/).map { String($0.output) })
            #expect(section.contains(chain.intervention))
            #expect(try await ilse.json(.delete, base + "/experiments/\(id)", token: token).status == .noContent)
        }
    }
}
