import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Outcomes and indicators through the pages and the API: the demo's outcomes, one reading
/// the survey; an indicator linked to a survey dimension gains a reading when a wave comes in.
@Suite("Value outcomes on the web and in the API")
struct ValueOutcomeWebTests {
    /// A survey of the trajectory with a wave of 12 answers whose gap on "known" is `gap`.
    static func survey(_ ilse: Browser, trajectoryID: String) async throws -> String {
        let created = try await ilse.post("/o/\(Demo.orgA)/surveys", [
            "title": "Uitkomstmeting", "trajectory": trajectoryID, "dimension_set": "default-8", "scale": "7", "items_per_dimension": "1",
            "levels_channel": "balie\nwebsite", "levels_age_band": ""])
        return try #require(created.location)
    }

    static func wave(_ ilse: Browser, survey path: String, name: String, ends: String, gap: Int) async throws {
        #expect(try await ilse.post(path + "/waves", ["name": name, "starts_on": ends, "ends_on": ends]).status == .seeOther)
        let detail = try await ilse.get(path).text
        let wave = try #require(detail.matches(of: /<option value="([a-f0-9-]{36})">([^<]+)<\/option>/)
            .first { $0.output.2 == name }.map { String($0.output.1) })
        let rows = (0..<12).map { _ in "6;\(6 - gap);balie" }
        let imported = try await ilse.post(path + "/import", ["wave": wave, "csv": (["need.known.1;experience.known.1;channel"] + rows).joined(separator: "\n")])
        #expect(imported.status == .seeOther, "\(imported.text.prefix(300))")
    }

    @Test("the demo lists outcomes per intervention with baseline and measurements, one reading the survey; a viewer sees no forms")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            #expect(try await ilse.get(trajectory + "/value").text.contains(#"href="\#(trajectory)/value/outcomes""#))
            let page = try await ilse.get(trajectory + "/value/outcomes")
            #expect(page.status == .ok)
            for text in ["Telefoontjes met vragen over een brief", "140 per maand (2026-01-31)", "97 per maand", "Kloof uit de enquête",
                         #"id="value-outcome-form""#, #"class="value-measure""#, "Enquêteronde", "/measurements/", "Uitkomst wijzigen"] {
                #expect(page.text.contains(text), "\(text)")
            }
            // A survey reading has no edit links of its own (it is computed, not stored).
            let survey = try #require(page.text.firstMatch(of: /<tr><td>[0-9-]+<\/td><td>[^<]*<\/td><td>Enquêteronde[^<]*<\/td><td>(.*?)<\/td><\/tr>/))
            #expect(survey.output.1.isEmpty, "no edit link on a survey reading")
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewed = try await marco.get(trajectory + "/value/outcomes")
            #expect(viewed.status == .ok && !viewed.text.contains(#"id="value-outcome-form""#) && !viewed.text.contains(#"class="value-measure""#)
                    && !viewed.text.contains("/measurements/") && !viewed.text.contains("Uitkomst wijzigen"))
        }
    }

    @Test("page: a new outcome, a measurement with a field error kept by its own form, then saved; edit and delete with confirmation")
    func pages() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let token = try await APITests.token(ilse, Demo.ilse)
            let interventions = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/interventions", token: token)
            let intervention = try #require((interventions.jsonObject["interventions"] as? [[String: Any]])?.last?["id"] as? String)
            let refused = try await ilse.post(trajectory + "/value/outcomes", [
                "intervention_id": intervention, "outcome": "Sneller besluit", "indicator": "Doorlooptijd", "direction": "lower",
                "baseline_value": "21", "baseline_on": ""])
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="baseline_on-error""#))
            let saved = try await ilse.post(trajectory + "/value/outcomes", [
                "intervention_id": intervention, "outcome": "Sneller besluit", "indicator": "Doorlooptijd", "unit": "dagen", "direction": "lower",
                "baseline_value": "21", "baseline_on": "2026-01-15", "survey_id": ""])
            let location = try #require(saved.location)
            let id = try #require(location.firstMatch(of: /#outcome-(.+)$/).map { String($0.output.1) })
            let bad = try await ilse.post(trajectory + "/value/outcomes/\(id)/measurements", ["value": "snel", "measured_on": "2026-02-15"])
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="value-\#(id)-error""#))
            #expect(bad.text.contains(#"value="snel""#), "what was typed stays")
            #expect(try await ilse.post(trajectory + "/value/outcomes/\(id)/measurements", ["value": "14,5", "measured_on": "2026-02-15"]).status == .seeOther)
            let page = try await ilse.get(trajectory + "/value/outcomes").text
            #expect(page.contains("14,5 dagen") && page.contains("21 dagen (2026-01-15)"))
            let edit = try await ilse.get(trajectory + "/value/outcomes/\(id)/edit")
            #expect(edit.status == .ok && edit.text.contains("Doorlooptijd"))
            let confirm = try await ilse.get(trajectory + "/value/outcomes/\(id)/delete")
            #expect(confirm.status == .ok && confirm.text.contains("1 × metingen"))
            #expect(try await ilse.post(trajectory + "/value/outcomes/\(id)/delete", ["version": "1"]).status == .seeOther)
            #expect(try await ilse.get(trajectory + "/value/outcomes/\(id)/edit").status == .notFound)
        }
    }

    @Test("API: an indicator that reads a survey dimension gains a reading when a wave comes in; it takes no measurements by hand")
    func surveyReadings() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let api = StoryEditWebTests.api(trajectory)
            let survey = try await Self.survey(ilse, trajectoryID: String(trajectory.split(separator: "/").last!))
            let surveyID = String(survey.split(separator: "/").last!)
            try await Self.wave(ilse, survey: survey, name: "Nulmeting", ends: "2026-03-01", gap: 3)
            let interventions = try await ilse.json(.get, api + "/interventions", token: token)
            let intervention = try #require((interventions.jsonObject["interventions"] as? [[String: Any]])?.first?["id"] as? String)
            let created = try await ilse.json(.post, api + "/value-outcomes", token: token, body: """
                {"intervention_id":"\(intervention)","outcome":"Gekend worden","indicator":"Kloof gekend","direction":"lower","survey_id":"\(surveyID)","dimension":"known"}
                """)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"" && created.jsonObject["reads_survey"] as? Bool == true)
            let id = try #require(created.jsonObject["id"] as? String)
            func readings() async throws -> [Double] {
                let one = try await ilse.json(.get, api + "/value-outcomes/\(id)", token: token)
                return (one.jsonObject["readings"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Double }
            }
            #expect(try await readings() == [3])
            try await Self.wave(ilse, survey: survey, name: "Na de interventie", ends: "2026-06-01", gap: 1)
            #expect(try await readings() == [3, 1], "the new wave shows without anyone typing it")
            let byHand = try await ilse.json(.post, api + "/value-outcomes/\(id)/measurements", token: token, body: #"{"value":2,"measured_on":"2026-07-01"}"#)
            #expect(byHand.status == .conflict && byHand.jsonObject["code"] as? String == "rule_conflict")

            let unlinked = try await ilse.request(.patch, api + "/value-outcomes/\(id)", body: #"{"survey_id":null,"dimension":""}"#,
                                                  contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(unlinked.status == .ok && unlinked.headers[.eTag] == "\"2\"" && unlinked.jsonObject["reads_survey"] as? Bool == false)
            let stale = try await ilse.request(.patch, api + "/value-outcomes/\(id)", body: #"{"unit":"punten"}"#,
                                               contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")
            let measured = try await ilse.json(.post, api + "/value-outcomes/\(id)/measurements", token: token, body: #"{"value":2,"measured_on":"2026-07-01"}"#)
            #expect(measured.status == .created && measured.jsonObject["value"] as? Double == 2)
            let list = try await ilse.json(.get, api + "/value-outcomes/\(id)/measurements", token: token)
            #expect((list.jsonObject["measurements"] as? [[String: Any]])?.count == 1)
            let sanne = Browser(client)
            let other = try await APITests.token(sanne, Demo.sanne)
            #expect(try await sanne.json(.get, api + "/value-outcomes/\(id)", token: other).status == .notFound)
            #expect(try await ilse.json(.delete, api + "/value-outcomes/\(id)", token: token).status == .noContent)
        }
    }
}
