import Foundation
import HummingbirdTesting
import Testing
@testable import SamenWeb

/// What a person meets when a form fails or a page names something: the title says "Fout:",
/// the summary takes the focus and names each field, and nothing points at an empty id.
@Suite("Form feedback and plain labels")
struct FormFeedbackTests {
    @Test("a failed form: the title starts with Fout:, the summary has the focus and names the field; a good page does not")
    func failedForm() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let bad = try await ilse.post("/o/\(Demo.orgA)/trajectories", ["title": "", "service": "Schuldhulp", "goal": "Sneller",
                                                                          "start_date": "2026-05-01", "end_date": "2026-04-01"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<title>Fout: "), "the title says so first")
            #expect(bad.text.contains(#"class="error-summary" role="alert" tabindex="-1" autofocus"#), "focus moves to the summary without JavaScript")
            #expect(bad.text.contains(">Titel: vul dit veld in.</a>"), "the summary names the field")
            #expect(bad.text.contains(">Einddatum (mag leeg): de einddatum ligt vóór de startdatum.</a>"))
            let good = try await ilse.get("/o/\(Demo.orgA)/trajectories")
            #expect(!good.text.contains("<title>Fout: "))

            ilse.acceptLanguage = "en"
            try await ilse.post("/language", ["lang": "en", "return_to": "/"])
            let english = try await ilse.post("/o/\(Demo.orgA)/trajectories", ["title": "", "service": "x", "goal": "y", "start_date": "2026-05-01"])
            #expect(english.text.contains("<title>Error: "), "\(english.text.prefix(400))")
        }
    }

    @Test("the summary keeps a capitalised word (CSV) and a whole-form message as it is")
    func namedMessages() {
        #expect(FormState.named("Vul dit veld in.", label: "Naam", field: "name") == "Naam: vul dit veld in.")
        #expect(FormState.named("CSV zonder kopregel.", label: "Bestand", field: "csv") == "Bestand: CSV zonder kopregel.")
        #expect(FormState.named("Iemand anders heeft dit gewijzigd.", label: nil, field: "form") == "Iemand anders heeft dit gewijzigd.")
        #expect(FormState.named("Vul dit veld in.", label: "x_field", field: "x_field") == "Vul dit veld in.", "no label: the message alone")
        #expect(FormState.named("votes.csv, rij 12: onbekende stelling", label: "votes.csv", field: "votes_csv")
                == "votes.csv, rij 12: onbekende stelling", "a message that names its field already")
        #expect(FormState.named("Deze uitspraak mag niet.", label: "citaten", field: "quotes") == "Deze uitspraak mag niet.",
                "a lower-case word (an audit field name) is no label")
    }

    @Test("no empty aria-describedby on the citizen's story form; the participation role is a hint, not a prefilled word")
    func describedByAndRole() async throws {
        try await withApp { client in
            let citizen = Browser(client)
            let form = try await citizen.get(StoryWebTests.link)
            #expect(form.status == .ok)
            #expect(!form.text.contains(#"aria-describedby="""#))
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let activities = try await ilse.get(trajectory + "/activities")
            let activity = try #require(activities.text.firstMatch(of: /href="([^"]*\/activities\/[A-Za-z0-9-]+)"/).map { String($0.output.1) })
            let page = try await ilse.get(activity)
            #expect(page.text.contains(#"<input id="role" name="role" type="text" value="""#), "the role starts empty")
            #expect(page.text.contains("Bijvoorbeeld: deelnemer, mantelzorger"))
            #expect(!page.text.contains(#"aria-describedby="""#))
        }
    }

    @Test("the blueprint names the stage alone when a step has no actor")
    func blueprintWithoutActor() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let persona = try await ilse.get(trajectory + "/personas")
            let personaPath = try #require(persona.text.firstMatch(of: /\/personas\/[A-Za-z0-9-]+/).map { trajectory + String($0.output) })
            let journeyPath = try #require(try await ilse.get(personaPath).text.firstMatch(of: /\/journeys\/[A-Za-z0-9-]+/)
                .map { trajectory + String($0.output) })
            let added = try await ilse.post(journeyPath + "/steps", ["stage": "Nazorg", "position": "9", "touchpoint": "Terugbelafspraak",
                                                                      "channel": "phone", "actor": "", "emotion": "1"])
            #expect(added.status == .seeOther, "\(added.text.prefix(600))")
            let blueprint = try await ilse.get(journeyPath + "?view=blueprint")
            #expect(blueprint.text.contains("<td>Nazorg</td>"))
            #expect(!blueprint.text.contains("<td>: "))
        }
    }
}
