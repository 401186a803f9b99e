import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Ballot stuffing: the facilitator chooses who may join (form and API), the public page
/// applies it, and the results page counts participants from crowded addresses and can
/// leave them out of the map. No address is stored.
@Suite("Conversation participation on the web")
struct ConversationParticipationWebTests {
    static func stored(_ database: Database, _ question: String) async throws -> Conversation {
        let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
        return try #require(try await ConversationStore(database: database).conversations(organisationID: organisation.id)
            .first { $0.question == question })
    }

    /// A fresh browser (no cookie) that votes on the first statement it is shown.
    static func newcomerVotes(_ client: any TestClientProtocol, _ publicPath: String, personal: String? = nil) async throws -> TestResponse {
        let citizen = Browser(client)
        let page = try await citizen.get(publicPath + (personal.map { "?p=" + $0 } ?? ""))
        let number = try #require(page.text.firstMatch(of: /name="statement" value="(\d+)"/).map { String($0.output.1) })
        var fields = ["statement": number, "vote": "agree"]
        if let personal { fields["p"] = personal }
        return try await citizen.post(publicPath + "/vote", fields)
    }

    @Test("the setting is chosen in the form and the API; personal links only and the cap refuse newcomers", arguments: TestDatabase.kinds)
    func modes(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let form = try await ilse.get("/o/\(Demo.orgA)/conversations")
            #expect(form.text.contains(#"<option value="open" selected>Iedereen met de link</option>"#))
            let bad = try await ilse.post("/o/\(Demo.orgA)/conversations", ["question": "Zaal", "participation": "capped", "address_cap": "0"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Vul een heel getal in van 1 tot en met 10000."))
            let (detail, publicPath) = try await ConversationWebTests.create(ilse, [
                "question": "Zaal", "participation": "capped", "address_cap": "2", "allow_statements": "1", "seeds": "Een\nTwee\nDrie",
            ])
            var conversation = try await Self.stored(database, "Zaal")
            #expect(conversation.participation == .capped && conversation.addressCap == 2)
            let edit = try await ilse.get(detail + "/edit")
            #expect(edit.text.contains(#"<option value="capped" selected>"#) && edit.text.contains(#"value="2""#))

            // Two newcomers from this address (the test client's), then the cap.
            #expect(try await Self.newcomerVotes(client, publicPath).status == .seeOther)
            #expect(try await Self.newcomerVotes(client, publicPath).status == .seeOther)
            let third = try await Self.newcomerVotes(client, publicPath)
            #expect(third.status == .tooManyRequests && third.text.contains("Vanaf dit internetadres doen in het afgelopen uur al veel mensen mee."))
            #expect(try await ConversationImportWebTests.counts(database, conversation.id).participants == 2)
            let hashes = try await database.read { sql in
                try await sql.raw("SELECT address_hash FROM conversation_participants WHERE conversation_id = \(bind: conversation.id)")
                    .all().map { try $0.decode(column: "address_hash", as: String.self) }
            }
            #expect(hashes.count == 2 && Set(hashes).count == 1 && hashes[0].count == 64, "one keyed hash, no address")

            // Personal links only, through the API.
            let token = try await APITests.token(ilse, Demo.ilse)
            let api = "/api/v1/organisations/\(Demo.orgA)/conversations/\(conversation.id)"
            let changed = try await ilse.json(.patch, api, token: token, body: #"{"participation":"personal_links"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            conversation = try await Self.stored(database, "Zaal")
            #expect(conversation.participation == .personalLinks)
            let shown = try await ilse.json(.get, api, token: token).jsonObject["conversation"] as? [String: Any]
            #expect(shown?["participation"] as? String == "personal_links")
            let cookie = try await Self.newcomerVotes(client, publicPath)
            #expect(cookie.status == .forbidden && cookie.text.contains("met een persoonlijke link"))
            let withLink = try await Self.newcomerVotes(client, publicPath, personal: String(repeating: "k", count: 32))
            #expect(withLink.status == .seeOther)
            #expect(try await ConversationImportWebTests.counts(database, conversation.id).participants == 3)
        }
    }

    @Test("the results page counts participants from a crowded address and leaves them out of the map on request", arguments: TestDatabase.kinds)
    func crowded(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, publicPath) = try await ConversationWebTests.create(ilse, ["question": "Open", "allow_statements": "1", "seeds": "Een\nTwee"])
            for _ in 0..<6 { #expect(try await Self.newcomerVotes(client, publicPath).status == .seeOther) }
            let conversation = try await Self.stored(database, "Open")
            let results = ConversationResults(database: database, logger: Logger(label: "test"))
            try await results.recompute(conversationID: conversation.id)
            let page = try await ilse.get(detail + "/results")
            #expect(page.text.contains("6 deelnemers kwamen van een internetadres waar 5 of meer deelnemers vandaan kwamen."))
            #expect(page.text.contains("Laat ze weg uit de kaart"))
            let token = try await APITests.token(ilse, Demo.ilse)
            let api = "/api/v1/organisations/\(Demo.orgA)/conversations/\(conversation.id)/results"
            #expect((try await ilse.json(.get, api, token: token).jsonObject["report"] as? [String: Any])?["participant_count"] as? Int == 6)

            let leave = try await ilse.post(detail + "/results/crowded", ["leave_out": "1"])
            #expect(leave.status == .seeOther)
            try await results.recompute(conversationID: conversation.id)
            let after = try await ilse.get(detail + "/results")
            #expect(after.text.contains("Deze deelnemers zijn weggelaten uit de kaart") && after.text.contains("Neem ze weer mee in de kaart"))
            #expect((try await ilse.json(.get, api, token: token).jsonObject["report"] as? [String: Any])?["participant_count"] as? Int == 0)

            #expect(try await ilse.post(detail + "/results/crowded", ["leave_out": "0"]).status == .seeOther)
            try await results.recompute(conversationID: conversation.id)
            #expect((try await ilse.json(.get, api, token: token).jsonObject["report"] as? [String: Any])?["participant_count"] as? Int == 6)
            // A viewer may not choose.
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.post(detail + "/results/crowded", ["leave_out": "1"]).status == .forbidden)
        }
    }
}
