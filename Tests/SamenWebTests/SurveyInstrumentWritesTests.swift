import Foundation
import HTTPTypes
import HummingbirdTesting
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Wave edits, item edits, links and imports through the web form and through the API: one
/// use-case each (`SurveyWrites`), so the same stored result, the same error codes, the
/// version check and an audit entry, on SQLite and PostgreSQL.
@Suite("Survey instrument writes through the form and the API")
struct SurveyInstrumentWritesTests {
    struct Context {
        let ilse: Browser
        let token: String
        let path: String
        let api: String
    }

    static func setUp(_ client: any TestClientProtocol) async throws -> Context {
        let ilse = Browser(client)
        try await ilse.logIn(Demo.ilse)
        let path = try await SurveyWebTests.smallSurvey(ilse)
        let token = try await APITests.token(ilse, Demo.ilse)
        return Context(ilse: ilse, token: token, path: path,
                       api: "/api/v1/organisations/\(Demo.orgA)/surveys/" + path.split(separator: "/").last!)
    }

    static func detail(_ c: Context) async throws -> [String: Any] {
        try await c.ilse.json(.get, c.api, token: c.token).jsonObject
    }

    static func patch(_ c: Context, _ path: String, _ body: String, version: String) async throws -> TestResponse {
        try await c.ilse.request(.patch, path, body: body, contentType: "application/json",
                                 headers: [.authorization: "Bearer \(c.token)", .ifMatch: "\"\(version)\""])
    }

    static func firstErrorCode(_ response: TestResponse) -> String? {
        (response.jsonObject["errors"] as? [[String: Any]])?.first?["code"] as? String
    }

    /// The audit entries of one kind of record, oldest first, as (action, fields).
    static func audit(_ c: Context, entity: String) async throws -> [(String, [String])] {
        let page = try await c.ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?limit=200", token: c.token).jsonObject
        return (page["entries"] as? [[String: Any]] ?? []).filter { $0["entity"] as? String == entity }.reversed()
            .map { ($0["action"] as? String ?? "", $0["fields"] as? [String] ?? []) }
    }

    @Test("a wave's name and period: the same stored result, version check and error codes on the page and in the API",
          arguments: TestDatabase.kinds)
    func waveEdits(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let c = try await Self.setUp(client)
            #expect(try await c.ilse.post(c.path + "/waves", ["name": "Ronde 2"]).status == .seeOther)
            let waves = try #require(try await Self.detail(c)["waves"] as? [[String: Any]])
            let first = try #require(waves.first { $0["name"] as? String == "Ronde 1" })
            let second = try #require(waves.first { $0["name"] as? String == "Ronde 2" })
            let firstID = try #require(first["id"] as? String), secondID = try #require(second["id"] as? String)
            #expect(first["version"] as? Int == 1)

            // The page: the form holds the stored values; a save with the version read stores them.
            let edit = c.path + "/waves/\(firstID)/edit"
            let form = try await c.ilse.get(edit)
            #expect(form.status == .ok && form.text.contains("value=\"Ronde 1\"") && form.text.contains("value=\"2026-01-01\""))
            #expect(try await c.ilse.get(c.path).text.contains("href=\"\(edit)\""), "the wave table links to the edit form")
            let saved = try await c.ilse.post(edit, ["name": "Voormeting", "starts_on": "2026-01-05", "ends_on": "", "version": "1"])
            #expect(saved.status == .seeOther)
            // The API: the same use-case, If-Match and ETag.
            let apiSaved = try await Self.patch(c, c.api + "/waves/\(secondID)", #"{"name": "Nameting", "ends_on": "2026-06-30"}"#, version: "1")
            #expect(apiSaved.status == .ok && apiSaved.headers[.eTag] == "\"2\"")
            #expect(apiSaved.jsonObject["name"] as? String == "Nameting" && apiSaved.jsonObject["version"] as? Int == 2)
            let stored = try #require(try await Self.detail(c)["waves"] as? [[String: Any]])
            #expect(stored.map { $0["name"] as? String } == ["Voormeting", "Nameting"], "time order: a dated wave before an undated one")
            #expect(stored[0]["starts_on"] as? String == "2026-01-05" && !(stored[0]["ends_on"] is String) && stored[0]["version"] as? Int == 2)
            #expect(stored[1]["ends_on"] as? String == "2026-06-30")

            // Someone saved first: the page shows both values (409), the API answers 412; nothing changes.
            let stale = try await c.ilse.post(edit, ["name": "Oud", "starts_on": "", "ends_on": "", "version": "1"])
            #expect(stale.status == .conflict && stale.text.contains("Iemand anders heeft dit intussen gewijzigd") && stale.text.contains("Oud"))
            #expect(try await Self.patch(c, c.api + "/waves/\(secondID)", #"{"name": "Oud"}"#, version: "1").status == .preconditionFailed)
            // The same rules and codes: a name another wave has, an end before the start.
            let taken = try await c.ilse.post(edit, ["name": "Nameting", "starts_on": "", "ends_on": "", "version": "2"])
            #expect(taken.status == .unprocessableContent && taken.text.contains("Deze vragenlijst heeft al een meetronde met deze naam."))
            let apiTaken = try await Self.patch(c, c.api + "/waves/\(secondID)", #"{"name": "Voormeting"}"#, version: "2")
            #expect(apiTaken.status == .conflict && apiTaken.jsonObject["code"] as? String == "wave_name_taken")
            let reversed = try await c.ilse.post(edit, ["name": "Voormeting", "starts_on": "2026-05-01", "ends_on": "2026-04-01", "version": "2"])
            #expect(reversed.status == .unprocessableContent && reversed.text.contains("De einddatum ligt voor de begindatum."))
            let apiReversed = try await Self.patch(c, c.api + "/waves/\(secondID)", #"{"starts_on": "2026-05-01", "ends_on": "2026-04-01"}"#,
                                                   version: "2")
            #expect(apiReversed.status == .conflict && apiReversed.jsonObject["code"] as? String == "rule_conflict")
            #expect(Self.firstErrorCode(apiReversed) == "wave_period_reversed")
            let unchanged = try #require(try await Self.detail(c)["waves"] as? [[String: Any]])
            #expect(unchanged.map { $0["name"] as? String } == ["Voormeting", "Nameting"] && unchanged.map { $0["version"] as? Int } == [2, 2])

            // A viewer gets 403 on the page and in the API.
            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.get(edit).status == .forbidden)
            #expect(try await marco.post(edit, ["name": "X", "version": "2"]).status == .forbidden)
            let forbidden = try await marco.request(.patch, c.api + "/waves/\(secondID)", body: #"{"name": "X"}"#, contentType: "application/json",
                                                    headers: [.authorization: "Bearer \(viewer)"])
            #expect(forbidden.status == .forbidden)

            let trail = try await Self.audit(c, entity: "survey_wave")
            #expect(trail.map(\.0) == ["create", "create", "update", "update"])
            #expect(trail[2].1 == ["ends_on", "name", "starts_on"] && trail[3].1 == ["ends_on", "name"])
        }
    }

    @Test("item wording: the same result and codes on the page and in the API; stale versions refused; fixed once answered; audited",
          arguments: TestDatabase.kinds)
    func itemEdits(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let c = try await Self.setUp(client)
            let survey = try await Self.detail(c)
            let items = try #require(survey["items"] as? [[String: Any]])
            let ids = items.compactMap { $0["id"] as? String }
            #expect(ids.count == 8)
            let version = try #require(survey["version"] as? Int)
            var fields = ["version": String(version)]
            for (index, id) in ids.enumerated() { fields["text_nl_\(id)"] = "Vraag \(index + 1)" }
            fields["reverse_\(ids[1])"] = "1"
            #expect(try await c.ilse.post(c.path + "/items", fields).status == .seeOther)
            let afterWeb = try await Self.detail(c)
            let webItems = try #require(afterWeb["items"] as? [[String: Any]])
            #expect(webItems[1]["text_nl"] as? String == "Vraag 2" && webItems[1]["text_en"] as? String == "Vraag 2"
                    && webItems[1]["reverse_coded"] as? Bool == true)
            #expect(afterWeb["version"] as? Int == version + 1)

            let body = #"{"items": [{"id": "\#(ids[0])", "text_nl": "Ze kennen mijn situatie."}]}"#
            let apiSaved = try await Self.patch(c, c.api + "/items", body, version: String(version + 1))
            #expect(apiSaved.status == .ok && apiSaved.headers[.eTag] == "\"\(version + 2)\"")
            let apiItems = try #require(apiSaved.jsonObject["items"] as? [[String: Any]])
            #expect(apiItems[0]["text_nl"] as? String == "Ze kennen mijn situatie." && apiItems[0]["text_en"] as? String == "Ze kennen mijn situatie.")
            #expect(apiItems[1]["text_nl"] as? String == "Vraag 2" && apiItems[1]["reverse_coded"] as? Bool == true, "unlisted items stay")

            // Stale: 409 page with what is stored now; 412 in the API.
            fields["text_nl_\(ids[0])"] = "Oud"
            let stale = try await c.ilse.post(c.path + "/items", fields)
            #expect(stale.status == .conflict && stale.text.contains("Iemand anders heeft de vragen of de vragenlijst intussen gewijzigd"))
            #expect(stale.text.contains("value=\"Ze kennen mijn situatie.\""))
            #expect(try await Self.patch(c, c.api + "/items", body, version: String(version)).status == .preconditionFailed)
            // The same rule and code for a missing Dutch text.
            fields["version"] = String(version + 2)
            fields["text_nl_\(ids[0])"] = " "
            let empty = try await c.ilse.post(c.path + "/items", fields)
            #expect(empty.status == .unprocessableContent)
            let unknown = try await Self.patch(c, c.api + "/items", #"{"items": [{"id": "nope", "text_nl": "x"}]}"#, version: String(version + 2))
            #expect(unknown.status == .conflict && Self.firstErrorCode(unknown) == "item_unknown")

            // Links and an import (audited), then the items are fixed: 409 on the page, 409 rule_conflict in the API.
            let waves = try #require(try await Self.detail(c)["waves"] as? [[String: Any]])
            let wave = try #require(waves.first?["id"] as? String)
            let links = try await c.ilse.post(c.path + "/waves/\(wave)/links", ["count": "2"])
            #expect(links.status == .ok && links.text.contains("/s/"))
            #expect(try await c.ilse.post(c.path + "/import", ["wave": wave, "csv": "need.known.1;experience.known.1\n5;3\n"]).status == .seeOther)
            fields["text_nl_\(ids[0])"] = "Te laat"
            let locked = try await c.ilse.post(c.path + "/items", fields)
            #expect(locked.status == .conflict && locked.text.contains("Er zijn al antwoorden gegeven op deze vragen."))
            let apiLocked = try await Self.patch(c, c.api + "/items", body, version: String(version + 2))
            #expect(apiLocked.status == .conflict && apiLocked.jsonObject["code"] as? String == "rule_conflict"
                    && Self.firstErrorCode(apiLocked) == "survey_has_answers")
            #expect((try await Self.detail(c)["items"] as? [[String: Any]])?.first?["text_nl"] as? String == "Ze kennen mijn situatie.")

            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.post(c.path + "/items", fields).status == .forbidden)
            let forbidden = try await marco.request(.patch, c.api + "/items", body: body, contentType: "application/json",
                                                    headers: [.authorization: "Bearer \(viewer)"])
            #expect(forbidden.status == .forbidden)

            #expect(try await Self.audit(c, entity: "survey_items").map(\.0) == ["update", "update"])
            #expect(try await Self.audit(c, entity: "survey").map(\.0) == ["create"])
            #expect(try await Self.audit(c, entity: "survey_links").map(\.1) == [["count"]])
            #expect(try await Self.audit(c, entity: "survey_import").map(\.0) == ["create"])
        }
    }
}
