import Foundation
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Conversations written through the web form and the API: one use-case, so the same input
/// stores the same conversation and the same bad input gets the same codes; edit, stale
/// edit, delete with its confirmation page, viewers refused.
@Suite("Conversation edits on the web and in the API")
struct ConversationEditWebTests {
    static let base = "/api/v1/organisations/\(Demo.orgA)/conversations"

    static func stored(_ database: Database, question: String) async throws -> Conversation {
        let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
        return try #require(try await ConversationStore(database: database).conversations(organisationID: organisation.id)
            .first { $0.question == question })
    }

    static func fields(_ response: TestResponse) -> Set<String> {
        Set((response.jsonObject["errors"] as? [[String: Any]])?.compactMap { error in
            (error["field"] as? String).map { $0 + ":" + (error["code"] as? String ?? "") }
        } ?? [])
    }

    @Test("the web form and the API store the same conversation from the same input and refuse bad input with the same codes",
          arguments: TestDatabase.kinds)
    func sameInputSameResult(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            // A new form starts with the box ticked: the same default as the API's.
            #expect(try await ilse.get("/o/\(Demo.orgA)/conversations").text
                .contains(#"id="allow_statements" name="allow_statements" value="1" checked"#))
            _ = try await ConversationWebTests.create(ilse, ["question": "Via het web", "moderation": "pre", "allow_statements": "1",
                                                             "opens_on": "2026-05-01", "closes_on": "2026-05-31"])
            let api = try await ilse.json(.post, Self.base, token: token, body: """
                {"question":"Via de API","moderation":"pre","opens_on":"2026-05-01","closes_on":"2026-05-31"}
                """)
            #expect(api.status == .created && api.headers[.eTag] == "\"1\"")
            #expect(api.jsonObject["closes_on"] as? String == "2026-05-31")
            let web = try await Self.stored(database, question: "Via het web"), viaAPI = try await Self.stored(database, question: "Via de API")
            #expect(web.allowStatements && viaAPI.allowStatements)
            #expect(web.opensAt == viaAPI.opensAt && web.closesAt == viaAPI.closesAt && web.moderation == viaAPI.moderation)
            #expect(web.isOpen(at: 1_780_264_799) && !web.isOpen(at: 1_780_264_800), "open through 31 May, Dutch time")
            // An unticked box is no, in both doors.
            _ = try await ConversationWebTests.create(ilse, ["question": "Zonder stellingen", "moderation": "post"])
            _ = try await ilse.json(.post, Self.base, token: token, body: #"{"question":"Zonder via API","allow_statements":false}"#)
            #expect(!(try await Self.stored(database, question: "Zonder stellingen")).allowStatements)
            #expect(!(try await Self.stored(database, question: "Zonder via API")).allowStatements)
            // The same bad input: the same fields and codes.
            let bad = try await ilse.post("/o/\(Demo.orgA)/conversations",
                                          ["question": " ", "moderation": "sometimes", "opens_on": "2026-05-31", "closes_on": "2026-05-01"])
            #expect(bad.status == .unprocessableContent)
            for field in ["question", "moderation", "closes_on"] { #expect(bad.text.contains(#"id="\#(field)-error""#), "\(field)") }
            let badAPI = try await ilse.json(.post, Self.base, token: token, body: """
                {"question":" ","moderation":"sometimes","opens_on":"2026-05-31","closes_on":"2026-05-01"}
                """)
            #expect(badAPI.status == .unprocessableContent)
            #expect(Self.fields(badAPI) == ["question:conversation_question_required", "moderation:conversation_moderation_invalid",
                                            "closes_on:conversation_dates_order"])
            #expect(bad.text.contains("Vul een vraag in."))
        }
    }

    @Test("edit round trip, a stale edit shows both values, delete after its confirmation page; viewers get 403",
          arguments: TestDatabase.kinds)
    func editAndDelete(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, _) = try await ConversationWebTests.create(ilse, ["question": "Oude vraag", "allow_statements": "1",
                                                                           "seeds": "Langer open\nMeer stilteplekken"])
            let edit = try await ilse.get(detail + "/edit")
            #expect(edit.status == .ok && edit.text.contains(#"name="version" value="1""#) && edit.text.contains("Oude vraag"))
            let saved = try await ilse.post(detail + "/edit", ["version": "1", "question": "Nieuwe vraag", "moderation": "post",
                                                               "allow_statements": "1", "closes_on": "2026-06-30"])
            #expect(saved.status == .seeOther && saved.location == detail)
            let now = try await Self.stored(database, question: "Nieuwe vraag")
            #expect(now.version == 2 && ConversationInput(now).closesOn == "2026-06-30")
            // A second person saved with the version they read: refused, both values shown, typed value kept.
            let stale = try await ilse.post(detail + "/edit", ["version": "1", "question": "Mijn versie", "moderation": "post"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("stale-notice") && stale.text.contains("Mijn versie") && stale.text.contains("Nieuwe vraag"))
            #expect(stale.text.contains(#"name="version" value="2""#))
            #expect(try await Self.stored(database, question: "Nieuwe vraag").version == 2)
            // The settings form on the conversation page goes through the same save.
            #expect(try await ilse.post(detail, ["version": "2", "question": "Nieuwe vraag", "moderation": "pre"]).status == .seeOther)
            // A viewer sees no controls and is refused.
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(!(try await marco.get(detail)).text.contains(detail + "/delete"))
            #expect(try await marco.get(detail + "/edit").status == .forbidden)
            #expect(try await marco.post(detail + "/delete", ["version": "3"]).status == .forbidden)
            // A seed: edit while unvoted, then delete.
            let page = try await ilse.get(detail)
            let seedEdit = try #require(page.text.firstMatch(of: /\/statements\/(\d+)\/edit/).map { String($0.output.0) })
            #expect(try await ilse.post(detail + seedEdit, ["version": "1", "statement": "Langer open in het weekend"]).status == .seeOther)
            #expect(try await ilse.get(detail).text.contains("Langer open in het weekend"))
            // Delete: the confirmation page lists what goes, then it goes.
            let confirm = try await ilse.get(detail + "/delete")
            #expect(confirm.status == .ok && confirm.text.contains("2 × stellingen"))
            let version = try #require(confirm.text.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            let deleted = try await ilse.post(detail + "/delete", ["version": version])
            #expect(deleted.status == .seeOther)
            #expect(try await ilse.get(detail).status == .notFound)
        }
    }

    @Test("API: PATCH with a stale If-Match is 412, with the right one 200 and a new ETag; seeds; DELETE is 204; viewers 403")
    func api() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let created = try await ilse.json(.post, Self.base, token: token, body: #"{"question":"API-vraag","seeds":["Eerste"]}"#)
            let id = try #require(created.jsonObject["id"] as? String)
            let one = Self.base + "/" + id
            let patched = try await ilse.request(.patch, one, body: #"{"question":"Gewijzigd","closes_on":"2026-12-31"}"#,
                                                 contentType: "application/json", headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(patched.status == .ok && patched.headers[.eTag] == "\"2\"" && patched.jsonObject["closes_on"] as? String == "2026-12-31")
            let stale = try await ilse.request(.patch, one, body: #"{"question":"Te laat"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")
            let wrongType = try await ilse.json(.patch, one, token: token, body: #"{"allow_statements":"ja"}"#)
            #expect(wrongType.status == .unprocessableContent && Self.fields(wrongType) == ["allow_statements:invalid_type"])
            #expect(try await Self.stored(database, question: "Gewijzigd").version == 2)
            let detail = try await ilse.json(.get, one, token: token)
            let number = try #require((detail.jsonObject["statements"] as? [[String: Any]])?.first?["number"] as? Int)
            let seed = try await ilse.json(.patch, one + "/statements/\(number)", token: token, body: #"{"body":"Eerste, beter"}"#)
            #expect(seed.status == .ok && seed.jsonObject["body"] as? String == "Eerste, beter")
            let marco = Browser(client)
            let viewerToken = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.patch, one, token: viewerToken, body: #"{"question":"Niet"}"#).status == .forbidden)
            #expect(try await marco.json(.delete, one, token: viewerToken).status == .forbidden)
            #expect(try await ilse.json(.delete, one + "/statements/\(number)", token: token).status == .noContent)
            #expect(try await ilse.json(.delete, one, token: token).status == .noContent)
            #expect(try await ilse.json(.get, one, token: token).status == .notFound)
        }
    }
}
