import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Editing and deleting a trajectory's records through the pages and the API: the same
/// use-case behind both, versions against lost updates, a confirmation page before a
/// delete, and no controls (and 403) for a viewer.
@Suite("Trajectory records: edit and delete (web and API)")
struct TrajectoryEditWebTests {
    static func token(_ browser: Browser) async throws -> String {
        let created = try await browser.post("/account/tokens", ["name": "api"])
        return try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
    }

    /// The first link on a page that matches a pattern.
    static func link(_ page: TestResponse, _ pattern: Regex<Substring>) throws -> String {
        try #require(page.text.firstMatch(of: pattern).map { String($0.output) })
    }

    static func hidden(_ page: TestResponse, _ name: String) -> String? {
        page.text.firstMatch(of: try! Regex<(Substring, Substring)>("name=\"\(name)\" value=\"([^\"]*)\"")).map { String($0.output.1) }
    }

    @Test("an activity is edited through its form; a second, stale save shows both values, keeps what was typed and saves nothing")
    func editAndStale() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let activities = try await ilse.get(trajectory + "/activities")
            let activity = try Self.link(activities, /\/o\/gemeente-voorbeeld\/trajectories\/[a-f0-9-]{36}\/activities\/[a-f0-9-]{36}/)
            let detail = try await ilse.get(activity)
            #expect(detail.text.contains(activity + "/edit"), "an editor sees the edit link")
            let form = try await ilse.get(activity + "/edit")
            #expect(form.status == .ok)
            let version = try #require(Self.hidden(form, "version"))
            let title = "Kick-off met cliënten en partners"
            let date = try #require(form.text.firstMatch(of: /id="date" name="date" type="date" value="([0-9-]+)"/).map { String($0.output.1) })
            let saved = try await ilse.post(activity + "/edit", ["version": version, "title": title, "date": date,
                "phase": "co_initiation", "kind": "session", "place": "Wijkcentrum De Brug", "facilitator": "Ilse", "notes": ""])
            #expect(saved.status == .seeOther)
            #expect(try await ilse.get(activity).text.contains(title))
            // A colleague still has the old form open and saves over it.
            let stale = try await ilse.post(activity + "/edit", ["version": version, "title": "Oude titel van collega", "date": date,
                                                                 "phase": "co_initiation", "kind": "session", "place": "Elders"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Iemand anders heeft dit intussen gewijzigd"))
            #expect(stale.text.contains("Oude titel van collega"), "what was typed is kept")
            #expect(stale.text.contains(title), "the stored value is shown beside it")
            #expect(try await ilse.get(activity).text.contains(title), "nothing was overwritten")
            let bad = try await ilse.post(activity + "/edit", ["version": "2", "title": " ", "date": "1999-01-01", "phase": "x", "kind": "session"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("aria-invalid=\"true\""))
        }
    }

    @Test("a delete asks first on a page of its own, listing what goes with it")
    func deleteConfirmation() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let activities = try await ilse.get(trajectory + "/activities")
            let activity = try Self.link(activities, /\/o\/gemeente-voorbeeld\/trajectories\/[a-f0-9-]{36}\/activities\/[a-f0-9-]{36}/)
            let confirm = try await ilse.get(activity + "/delete")
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("7 × deelnames"), "the kick-off had seven participants")
            #expect(try await ilse.get(activity).status == .ok, "asking deletes nothing")
            let done = try await ilse.post(activity + "/delete", ["version": try #require(Self.hidden(confirm, "version"))])
            #expect(done.status == .seeOther)
            #expect(try await ilse.get(activity).status == .notFound)
            let audit = try await ilse.get("/o/\(Demo.orgA)/audit?kind=activity")
            #expect(audit.status == .ok)
            #expect(audit.text.contains("verwijderd"))
        }
    }

    @Test("a viewer sees no edit or delete controls and gets 403 when trying; nothing changes")
    func viewer() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let participants = try await ilse.get(trajectory + "/participants")
            let edit = try Self.link(participants, /\/o\/gemeente-voorbeeld\/trajectories\/[a-f0-9-]{36}\/participants\/[a-f0-9-]{36}\/edit/)
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let seen = try await marco.get(trajectory + "/participants")
            #expect(seen.status == .ok && !seen.text.contains("/edit\""), "no edit links for a viewer")
            #expect(!(try await marco.get(trajectory + "/decisions")).text.contains("/edit\""))
            #expect(try await marco.get(edit).status == .forbidden)
            let attempt = try await marco.post(edit, ["code": "X-99", "group": "citizen"])
            #expect(attempt.status == .forbidden)
            #expect(try await marco.post(edit.replacingOccurrences(of: "/edit", with: "/delete"), [:]).status == .forbidden)
            #expect(!(try await ilse.get(trajectory + "/participants")).text.contains("X-99"))
            #expect(try await marco.get("/o/\(Demo.orgA)/audit").status == .forbidden, "the audit trail is for administrators")
        }
    }

    @Test("the API edits with ETag and If-Match: a stale version is 412, a delete is 204, and the rules are the web's")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let token = try await Self.token(ilse)
            let id = String(try await TrajectoryWebTests.demoTrajectory(ilse).split(separator: "/").last!)
            let base = "/api/v1/organisations/\(Demo.orgA)/trajectories/\(id)"
            let list = try await ilse.json(.get, base + "/participants?limit=5&sort=-code", token: token)
            #expect(list.status == .ok)
            let rows = try #require(list.jsonObject["participants"] as? [[String: Any]])
            #expect(rows.count == 5 && rows.first?["code"] as? String == "T-01")
            #expect(list.jsonObject["total"] as? Int == 12 && list.jsonObject["next_cursor"] as? String == "5")
            let person = try #require(rows.first?["id"] as? String)
            let one = try await ilse.json(.get, base + "/participants/\(person)", token: token)
            let etag = try #require(one.headers[.eTag])
            var patch = HTTPFields()
            patch[.authorization] = "Bearer \(token)"
            patch[.ifMatch] = etag
            let changed = try await ilse.request(.patch, base + "/participants/\(person)", body: #"{"district":"Haven"}"#,
                                                 contentType: "application/json", headers: patch)
            #expect(changed.status == .ok)
            #expect(changed.jsonObject["district"] as? String == "Haven" && changed.jsonObject["version"] as? Int == 2)
            let stale = try await ilse.request(.patch, base + "/participants/\(person)", body: #"{"district":"Dok"}"#,
                                               contentType: "application/json", headers: patch)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.jsonObject["code"] as? String == "stale_version")
            #expect(stale.headers[.contentType] == "application/problem+json")
            // Same rule, same code, both doors: a code that is taken.
            let taken = try await ilse.json(.patch, base + "/participants/\(person)", token: token, body: #"{"code":"C-01"}"#)
            #expect(taken.status == .conflict && taken.jsonObject["code"] as? String == "participant_code_taken")
            let page = try await ilse.get(TrajectoryWebTests.demoTrajectory(ilse) + "/participants/\(person)/edit")
            let web = try await ilse.post(TrajectoryWebTests.demoTrajectory(ilse) + "/participants/\(person)/edit",
                                          ["version": try #require(Self.hidden(page, "version")), "code": "C-01", "group": "manager"])
            #expect(web.status == .unprocessableContent && web.text.contains("Deze code is al in gebruik"))
            // A number of the wrong type names its field; an unknown enum value is a rule the schema states.
            let wrongType = try await ilse.json(.post, base + "/stakeholders", token: token, body: #"{"name":"Raad","group":"citizen","power":"veel"}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect((wrongType.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "power")
            let created = try await ilse.json(.post, base + "/decisions", token: token,
                                              body: #"{"date":"2026-04-01","summary":"Formulier op B1-niveau","reason":"Uit de sessies"}"#)
            #expect(created.status == .created && created.headers[.location] != nil)
            let decision = try #require(created.jsonObject["id"] as? String)
            #expect(try await ilse.json(.delete, base + "/decisions/\(decision)", token: token).status == .noContent)
            #expect(try await ilse.json(.get, base + "/decisions/\(decision)", token: token).status == .notFound)
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewerToken = try await Self.token(marco)
            let refused = try await marco.json(.patch, base + "/participants/\(person)", token: viewerToken, body: #"{"district":"X"}"#)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("an undeclared method answers 405 with an Allow header")
    func methodNotAllowed() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let token = try await Self.token(ilse)
            let response = try await ilse.json(.put, "/api/v1/organisations/\(Demo.orgA)/trajectories", token: token, body: "{}")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD, POST")
            #expect(response.jsonObject["code"] as? String == "method_not_allowed")
            #expect(try await ilse.json(.delete, "/api/v1/organisations/\(Demo.orgA)/nope", token: token).status == .notFound)
        }
    }

    @Test("deleting the demo trajectory keeps its survey and conversation, without the link")
    func deleteTrajectoryUnlinks() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let confirm = try await ilse.get(trajectory + "/delete")
            #expect(confirm.text.contains("vragenlijsten blijven bestaan"))
            let done = try await ilse.post(trajectory + "/delete", ["version": try #require(Self.hidden(confirm, "version"))])
            #expect(done.status == .seeOther)
            #expect(try await ilse.get(trajectory).status == .notFound)
            let token = try await Self.token(ilse)
            let surveys = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/surveys", token: token)
            let list = try #require(surveys.jsonObject["surveys"] as? [[String: Any]])
            #expect(!list.isEmpty && list.allSatisfy { $0["trajectory_id"] == nil || $0["trajectory_id"] is NSNull })
        }
    }
}
