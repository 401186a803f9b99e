import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The value register through the pages: the demo register and value map, a highlight made a
/// record in one step, the form's field messages, edit and delete, a viewer without controls.
@Suite("Value register on the web")
struct ValueWebTests {
    @Test("the demo register shows the value map, where value is lost with the citizens' words, and evidence waiting")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let page = try await ilse.get(trajectory + "/value")
            #expect(page.status == .ok)
            for text in [#"id="value-map""#, #"id="value-lost-cause""#, #"id="value-lost-touchpoint""#, #"id="value-records""#,
                         #"id="value-waiting-list""#, #"id="value-form""#, "Star proces", "<blockquote>"] {
                #expect(page.text.contains(text), "\(text)")
            }
            #expect(try await ilse.get(trajectory).text.contains(#"href="\#(trajectory)/value""#), "a tab on every trajectory page")
            let cell = try #require(page.text.firstMatch(of: /href="([^"]*\?beneficiary=user&amp;kind=in_use#records)"/).map { String($0.output.1) })
            let filtered = try await ilse.get(cell.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(filtered.text.contains("U ziet alleen:"))
            #expect(!filtered.text.contains("Waarde uit meedoen (value-in-production)</td>"), "a cell opens only its own records")
        }
    }

    @Test("a waiting highlight: one click opens it as a record; tagged only in part, the form comes filled in and names the missing tag")
    func oneStep() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let before = try await ilse.get(trajectory + "/value")
            let waiting = before.text.matches(of: /name="highlight_id" value="([^"]+)"><button/).map { String($0.output.1) }
            let first = try #require(waiting.first, "the demo leaves a tagged highlight waiting")
            let count = before.text.matches(of: /<tr id="record-/).count
            // The demo's passages are tagged "value destroyed" only: the form comes back filled in from the passage.
            let opened = try await ilse.post(trajectory + "/value/from-highlight", ["highlight_id": first])
            #expect(opened.status == .unprocessableContent)
            #expect(opened.text.contains(#"id="beneficiary-error""#) && opened.text.contains(#"id="value_type-error""#))
            #expect(opened.text.contains(#"value="\#(first)" selected"#), "the passage is chosen as its evidence")
            #expect(try await ilse.get(trajectory + "/value").text.matches(of: /<tr id="record-/).count == count, "nothing saved yet")
            #expect(opened.text.contains(#"name="description""#) && opened.text.contains("<textarea"))
            let saved = try await ilse.post(trajectory + "/value", pairs: [
                ("polarity", "destroyed"), ("beneficiary", "user"), ("value_type", "in_use"), ("moment", "customer_contact"),
                ("creator", "front_line"), ("description", "Uit het fragment: de aanvraag liep vast"), ("cause", "other"),
                ("highlight_id", first),
            ])
            #expect(saved.status == .seeOther)
            let after = try await ilse.get(trajectory + "/value")
            let still = after.text.matches(of: /name="highlight_id" value="([^"]+)"><button/).map { String($0.output.1) }
            #expect(still == waiting.filter { $0 != first }, "it leaves the waiting list")
            #expect(try await ilse.post(trajectory + "/value/from-highlight", ["highlight_id": "nope"]).status == .notFound)
        }
    }

    @Test("the form: errors per field with the typing kept and nothing saved; then saved, corrected and deleted after confirmation")
    func formEditDelete() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let count = try await ilse.get(trajectory + "/value").text.matches(of: /<tr id="record-/).count
            let bad = try await ilse.post(trajectory + "/value", pairs: [("polarity", "destroyed"), ("beneficiary", "user"),
                                                                         ("value_type", "in_use"), ("moment", "customer_contact"),
                                                                         ("creator", "front_line"), ("description", "Wachten aan de balie")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"id="cause-error""#) && bad.text.contains("Kies bij verloren waarde de oorzaak."))
            #expect(bad.text.contains("Wachten aan de balie"), "what was typed stays")
            #expect(try await ilse.get(trajectory + "/value").text.matches(of: /<tr id="record-/).count == count, "nothing saved")
            let saved = try await ilse.post(trajectory + "/value", pairs: [("polarity", "destroyed"), ("beneficiary", "user"),
                                                                           ("value_type", "in_use"), ("moment", "customer_contact"),
                                                                           ("creator", "front_line"), ("description", "Wachten aan de balie"),
                                                                           ("cause", "inflexible_process"), ("touchpoint", "Balie")])
            #expect(saved.status == .seeOther)
            let list = try await ilse.get(trajectory + "/value")
            let id = try #require(list.text.firstMatch(of: /<tr id="record-([^"]+)"><td><span class="tag warning">[^<]*<\/span><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>Wachten aan de balie/)
                .map { String($0.output.1) })
            let edit = try await ilse.get(trajectory + "/value/records/\(id)/edit")
            #expect(edit.status == .ok && edit.text.contains("Record wijzigen"))
            let deleteForm = try await ilse.get(trajectory + "/value/records/\(id)/delete")
            #expect(deleteForm.status == .ok && deleteForm.text.contains("Record verwijderen"))
            let version = try #require(deleteForm.text.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            #expect(try await ilse.post(trajectory + "/value/records/\(id)/delete", ["version": version]).status == .seeOther)
            #expect(!(try await ilse.get(trajectory + "/value").text.contains("Wachten aan de balie")))
        }
    }

    @Test("a viewer sees the register without controls and cannot write (403)")
    func viewer() async throws {
        try await withApp { client in
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            let page = try await marco.get(trajectory + "/value")
            #expect(page.status == .ok && page.text.contains(#"id="value-map""#))
            for control in [#"id="value-form""#, #"id="value-waiting-list""#, "/edit\"", "/delete\""] {
                #expect(!page.text.contains(control), "\(control)")
            }
            let attempt = try await marco.post(trajectory + "/value", ["polarity": "created", "beneficiary": "user", "value_type": "in_use",
                                                                       "moment": "customer_contact", "creator": "user", "description": "x"])
            #expect(attempt.status == .forbidden)
        }
    }
}
