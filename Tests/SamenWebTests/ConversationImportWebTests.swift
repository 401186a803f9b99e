import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenWeb
import Testing

/// The Pol.is upload form on the conversation page: the same import as the API and the
/// command, all or nothing, with problems shown by the file's input (file, row, reason).
@Suite("Pol.is import through the conversation page")
struct ConversationImportWebTests {
    /// What one conversation holds.
    struct Counts: Equatable {
        var statements = 0, participants = 0, votes = 0, events = 0
    }

    static func counts(_ database: Database, _ conversationID: String) async throws -> Counts {
        try await database.read { sql in
            func n(_ table: String) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE conversation_id = \(bind: conversationID)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            return Counts(statements: try await n("conversation_statements"), participants: try await n("conversation_participants"),
                          votes: try await n("conversation_votes"), events: try await n("conversation_vote_events"))
        }
    }

    /// The files of an openData conversation, by name.
    static func folder(_ name: String) throws -> (url: URL, files: [String: Data]) {
        let url = try #require(PolisTransferTests.openData).appendingPathComponent(name)
        var files: [String: Data] = [:]
        for file in ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"] {
            files[file] = try Data(contentsOf: url.appendingPathComponent(file))
        }
        return (url, files)
    }

    /// The form's file inputs for these Pol.is files.
    static func inputs(_ files: [String: Data]) -> [UploadWebTests.File] {
        files.keys.sorted().map { name in
            (name.replacingOccurrences(of: ".csv", with: "_csv").replacingOccurrences(of: "-", with: "_"), name, files[name]!)
        }
    }

    /// A new, empty conversation through the form: its page path and id.
    static func emptyConversation(_ browser: Browser, _ question: String) async throws -> (detail: String, id: String) {
        let (detail, _) = try await ConversationWebTests.create(browser, ["question": question])
        return (detail, String(detail.split(separator: "/").last!))
    }

    static let comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Langer open\n2,1,0,1,Meer boeken\n"

    @Test("a real Pol.is folder goes in through the form and stores what the API import stores")
    func importsRealFolder() async throws {
        let (url, files) = try Self.folder("brexit-consensus")
        let parsed = try PolisTransfer.parse(directory: url)
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, id) = try await Self.emptyConversation(ilse, "Can there be consensus on Brexit?")
            let page = try await ilse.get(detail)
            #expect(page.text.contains("Pol.is-export importeren"))
            #expect(page.text.contains(#"<form id="import-form" method="post" action="\#(detail)/import" enctype="multipart/form-data""#))
            #expect(page.text.contains("alles of niets"))

            let imported = try await UploadWebTests.upload(ilse, detail + "/import", files: Self.inputs(files))
            #expect(imported.status == .seeOther)
            #expect(imported.location == detail)
            let stored = try await Self.counts(database, id)
            #expect(stored.events == parsed.events.count, "every row of votes.csv is a stored vote event")
            #expect(stored.statements == parsed.statements.count)
            let after = try await ilse.get(detail)
            let n = NumberFormat(.nl).integer
            #expect(after.text.contains("De Pol.is-export is geïmporteerd: \(n(stored.statements)) stellingen, \(n(stored.participants)) deelnemers en \(n(parsed.events.count)) stemmen."))
            #expect(after.text.contains("alleen importeren in een gesprek zonder stellingen"), "an imported conversation takes no second import")
            #expect(!after.text.contains(#"id="import-form""#))
            #expect(!(try await ilse.get(detail)).text.contains("is geïmporteerd"), "the notice shows once")

            // The same folder through the JSON API into another conversation stores exactly the same.
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/conversations"
            let other = try #require(try await ilse.json(.post, base, token: token, body: #"{"question":"Brexit (API)"}"#).jsonObject["id"] as? String)
            func quoted(_ name: String) -> String { ConversationAPITests.quoted(String(decoding: files[name]!, as: UTF8.self)) }
            let api = try await ilse.json(.post, "\(base)/\(other)/import", token: token, body: """
                {"comments_csv": \(quoted("comments.csv")), "votes_csv": \(quoted("votes.csv")), "participants_votes_csv": \(quoted("participants-votes.csv"))}
                """)
            #expect(api.status == .created)
            #expect(api.jsonObject["votes"] as? Int == stored.events)
            #expect(try await Self.counts(database, other) == stored)
        }
    }

    @Test("a malformed file is refused with its file, row and reason, and nothing is stored")
    func malformedFile() async throws {
        var files = try Self.folder("brexit-consensus").files
        let votes = String(decoding: files["votes.csv"]!, as: UTF8.self)
        let rows = votes.split(separator: "\n").count
        files["votes.csv"] = Data((votes.hasSuffix("\n") ? votes : votes + "\n").utf8) + Data("1500300000000,Tue Jul 18 2017,99,3,1\n".utf8)
        let malformed = files
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, id) = try await Self.emptyConversation(ilse, "Brexit")
            _ = try await ilse.get(detail)
            let refused = try await UploadWebTests.upload(ilse, detail + "/import", files: Self.inputs(malformed))
            #expect(refused.status == .unprocessableContent)
            let message = "votes.csv, rij \(rows + 1): onbekende stelling 99"
            #expect(refused.text.contains(#"<p class="field-error" id="votes_csv-error">\#(message)</p>"#))
            #expect(refused.text.contains(##"<a href="#votes_csv">\##(message)</a>"##), "the error summary links to the votes.csv input")
            #expect(refused.text.contains(#"aria-describedby="votes_csv-hint votes_csv-error" aria-invalid="true""#))
            #expect(try await Self.counts(database, id) == Counts(), "all or nothing")

            // A file that is not a Pol.is comments file: the missing column is named.
            let wrong = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("comments_csv", "comments.csv", Data("id,text\n1,Hallo\n".utf8)), ("votes_csv", "votes.csv", malformed["votes.csv"]!),
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("comments.csv, rij 1: de kolom comment-id ontbreekt"))
            #expect(try await Self.counts(database, id) == Counts())
        }
    }

    @Test("a missing file is named by its input; participants-votes.csv can stand in for votes.csv")
    func missingFiles() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, id) = try await Self.emptyConversation(ilse, "Wat moet de bibliotheek doen?")
            _ = try await ilse.get(detail)
            // A browser sends an empty part without a file name for an input left empty.
            let nothing = try await UploadWebTests.upload(ilse, detail + "/import", files: [("comments_csv", "", Data()), ("votes_csv", "", Data())])
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.text.contains(#"id="comments_csv-error">Kies het bestand comments.csv uit de Pol.is-export.</p>"#))
            #expect(nothing.text.contains(#"id="votes_csv-error">Kies votes.csv of participants-votes.csv uit de Pol.is-export.</p>"#))
            let matrix = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n1,0,0,2,1,1,1,-1\n2,0,0,1,1,0,1,\n"
            let noComments = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("participants_votes_csv", "participants-votes.csv", Data(matrix.utf8)),
            ])
            #expect(noComments.status == .unprocessableContent)
            #expect(noComments.text.contains(#"id="comments_csv-error""#) && !noComments.text.contains(#"id="votes_csv-error""#))
            #expect(try await Self.counts(database, id) == Counts())

            let done = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("comments_csv", "comments.csv", Data(Self.comments.utf8)),
                ("participants_votes_csv", "participants-votes.csv", Data(matrix.utf8)),
            ])
            #expect(done.status == .seeOther)
            #expect(try await Self.counts(database, id) == Counts(statements: 2, participants: 3, votes: 3, events: 3))
            #expect(try await ilse.get(detail).text.contains("2 stellingen, 3 deelnemers en 3 stemmen"))
        }
    }

    @Test("a viewer is refused, another organisation gets 404, a used conversation takes no import")
    func refusals() async throws {
        let upload: [UploadWebTests.File] = [
            ("comments_csv", "comments.csv", Data(ConversationImportWebTests.comments.utf8)),
            ("votes_csv", "votes.csv", Data("timestamp,comment-id,voter-id,vote\n1,0,1,1\n".utf8)),
        ]
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, id) = try await Self.emptyConversation(ilse, "Wat moet de bibliotheek doen?")

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(!(try await marco.get(detail)).text.contains(#"id="import-form""#), "a viewer sees no import form")
            #expect(try await UploadWebTests.upload(marco, detail + "/import", files: upload).status == .forbidden)

            let sanne = Browser(client)
            try await sanne.logIn(Demo.sanne)
            _ = try await sanne.get("/o/\(Demo.orgB)/conversations")
            #expect(try await UploadWebTests.upload(sanne, detail + "/import", files: upload).status == .notFound)
            #expect(try await UploadWebTests.upload(sanne, "/o/\(Demo.orgB)/conversations/\(id)/import", files: upload).status == .notFound)

            _ = try await ilse.get(detail)
            #expect(try await UploadWebTests.upload(ilse, detail + "/import", files: upload, csrf: false).status == .forbidden)
            // Real exports pass 1 MB (vtaiwan.uberx is 2.6 MB): over the form limit is still read...
            let overFormLimit = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("comments_csv", "comments.csv", Data(count: AppRequestContext.formLimit + 100_000)),
            ])
            #expect(overFormLimit.status == .unprocessableContent)
            // ...up to the Pol.is limit.
            let tooLarge = try await UploadWebTests.upload(ilse, detail + "/import", files: [
                ("comments_csv", "comments.csv", Data(count: AppRequestContext.polisImportLimit + 1)),
            ])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(AppRequestContext.uploadLimit(forPath: "/o/x/trajectories/y/stories/upload") == AppRequestContext.formLimit)
            #expect(AppRequestContext.uploadLimit(forPath: "/o/x/surveys/y/import") == AppRequestContext.surveyImportLimit)
            #expect(AppRequestContext.uploadLimit(forPath: "/o/x/surveys/y/edit") == AppRequestContext.formLimit)
            #expect(AppRequestContext.uploadLimit(forPath: "/api/v1/organisations/x/conversations/y/import")
                    == AppRequestContext.polisImportLimit)
            #expect(try await Self.counts(database, id) == Counts(), "nothing stored by any refusal")

            // The demo conversation already has statements and votes: no form, and a post is refused.
            let list = try await ilse.get("/o/\(Demo.orgA)/conversations")
            let demo = try #require(list.text.matches(of: /\/o\/gemeente-voorbeeld\/conversations\/[a-f0-9-]{36}/).map { String($0.output) }
                .first { $0 != detail })
            let demoID = String(demo.split(separator: "/").last!)
            let before = try await Self.counts(database, demoID)
            let demoPage = try await ilse.get(demo)
            #expect(demoPage.text.contains("alleen importeren in een gesprek zonder stellingen") && !demoPage.text.contains(#"id="import-form""#))
            let used = try await UploadWebTests.upload(ilse, demo + "/import", files: upload)
            #expect(used.status == .conflict)
            #expect(used.text.contains(##"<a href="#polis-import">Importeren kan alleen in een leeg gesprek.</a>"##))
            #expect(try await Self.counts(database, demoID) == before)
        }
    }
}
