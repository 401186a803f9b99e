import Foundation
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// A stray quote in a Pol.is file is refused with file, row and reason: it must never merge
/// the rows after it into one statement (it did: 201 and 19 rows in one statement).
@Suite("Pol.is import refuses broken quotes")
struct PolisQuoteTests {
    /// 20 statements; the body of statement 2 (row 4) opens a quote that is never closed.
    static let unclosed: String = {
        var text = "timestamp,comment-id,author-id,moderated,comment-body\n"
        for id in 0..<20 { text += "\(id),\(id),0,1,\(id == 2 ? "\"Langer open" : "Stelling \(id)")\n" }
        return text
    }()
    static let votes = "timestamp,comment-id,voter-id,vote\n" + (0..<20).map { "\(100 + $0),\($0),1,1" }.joined(separator: "\n") + "\n"

    static func refusal(_ comments: String) -> PolisImportError? {
        do {
            _ = try PolisTransfer.parse(comments: comments, votes: votes, participantsVotes: nil, summary: nil)
            return nil
        } catch {
            return error as? PolisImportError
        }
    }

    @Test("an unclosed quote, a quote inside a field and text after a closing quote name their row")
    func parse() throws {
        #expect(Self.refusal(Self.unclosed) == PolisImportError(file: "comments.csv", row: 4, code: "unclosed_quote", detail: "4"))
        let header = "timestamp,comment-id,author-id,moderated,comment-body\n"
        #expect(Self.refusal(header + "1,0,0,1,Eerste\n2,1,0,1,Hij zei \"ja\" en ging\n")?.code == "quote_misplaced")
        #expect(Self.refusal(header + "1,0,0,1,Eerste\n2,1,0,1,\"Ja\" zei hij\n") == PolisImportError(
            file: "comments.csv", row: 3, code: "quote_misplaced", detail: "3"))
        // Correct quoting still reads: commas, doubled quotes and a line break inside quotes.
        let good = try PolisTransfer.parse(comments: header + "1,0,0,1,\"Ja, \"\"echt\"\"\nzeker\"\n2,1,0,1,Tweede\n",
                                           votes: "timestamp,comment-id,voter-id,vote\n5,0,1,1\n", participantsVotes: nil, summary: nil)
        #expect(good.statements.map(\.body) == ["Ja, \"echt\"\nzeker", "Tweede"])
        #expect(throws: PolisImportError.self) {
            _ = try PolisTransfer.parse(comments: header + "1,0,0,1,Eerste\n", votes: "timestamp,comment-id,voter-id,vote\n5,0,1,\"1\n",
                                        participantsVotes: nil, summary: nil)
        }
    }

    @Test("the form shows the problem by comments.csv, the API answers problem+json; nothing is stored", arguments: TestDatabase.kinds)
    func webAndAPI(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, id) = try await ConversationImportWebTests.emptyConversation(ilse, "Openingstijden")
            _ = try await ilse.get(detail)
            let refused = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("comments_csv", "comments.csv", Data(Self.unclosed.utf8)), ("votes_csv", "votes.csv", Data(Self.votes.utf8)),
            ])
            #expect(refused.status == .unprocessableContent)
            let message = "comments.csv, rij 4: een aanhalingsteken (&quot;) wordt niet gesloten; het staat op regel 4 van het bestand"
            #expect(refused.text.contains(#"<p class="field-error" id="comments_csv-error">\#(message)</p>"#), "\(refused.text)")
            #expect(refused.text.contains(#"id="import-form""#), "the form is shown again")
            #expect(try await ConversationImportWebTests.counts(database, id) == .init(), "all or nothing")

            let token = try await APITests.token(ilse, Demo.ilse)
            let api = try await ilse.json(.post, "/api/v1/organisations/\(Demo.orgA)/conversations/\(id)/import", token: token, body: """
                {"comments_csv": \(ConversationAPITests.quoted(Self.unclosed)), "votes_csv": \(ConversationAPITests.quoted(Self.votes))}
                """)
            #expect(api.status == .unprocessableContent)
            #expect(api.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(api.jsonObject["code"] as? String == "polis_import_invalid")
            let problem = try #require((api.jsonObject["errors"] as? [[String: Any]])?.first)
            #expect(problem["file"] as? String == "comments.csv" && problem["row"] as? Int == 4 && problem["code"] as? String == "unclosed_quote")
            #expect(try await ConversationImportWebTests.counts(database, id) == .init())
        }
    }
}
