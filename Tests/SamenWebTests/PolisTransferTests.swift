import Foundation
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Pol.is import and export: malformed files are refused with file, row and reason; a
/// round trip through the database keeps every vote of real openData conversations.
@Suite("Pol.is import and export")
struct PolisTransferTests {
    static let openData: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        if let shared = ProcessInfo.processInfo.environment["SAMEN_SHARED_DIR"] {
            return URL(fileURLWithPath: shared).appendingPathComponent("data/polis/openData")
        }
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/polis/openData")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static let comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Eerste\n2,1,0,-1,Tweede\n"

    @Test("malformed files name the file, the row and the reason", arguments: [
        ("timestamp,comment-id,voter-id\n1,0,1\n", "votes.csv", 1, "missing_column"),
        ("timestamp,comment-id,voter-id,vote\n1,0,1,1\n2,7,1,1\n", "votes.csv", 3, "statement_unknown"),
        ("timestamp,comment-id,voter-id,vote,vote\n1,0,1,1,1\n", "votes.csv", 1, "duplicate_column"),
        ("timestamp,comment-id,voter-id,vote\n1,0,1,2\n", "votes.csv", 2, "vote_invalid"),
        ("timestamp,comment-id,voter-id,vote\n1,0,x,1\n", "votes.csv", 2, "not_a_number"),
    ])
    func malformed(votes: String, file: String, row: Int, code: String) throws {
        #expect(throws: PolisImportError.self) { _ = try PolisTransfer.parse(comments: Self.comments, votes: votes, participantsVotes: nil, summary: nil) }
        do {
            _ = try PolisTransfer.parse(comments: Self.comments, votes: votes, participantsVotes: nil, summary: nil)
        } catch let error as PolisImportError {
            #expect(error.file == file && error.row == row && error.code == code, "\(error)")
        }
    }

    @Test("a round trip through the database keeps every vote", arguments: ["15-per-hour-seattle", "brexit-consensus", "vtaiwan.uberx"])
    func roundTrip(name: String) async throws {
        let directory = try #require(Self.openData).appendingPathComponent(name)
        let parsed = try PolisTransfer.parse(directory: directory)
        try await TestDatabase.with(.sqlite) { database, _ in
            let organisation = try await OrganisationStore(database: database).create(name: "Gemeente", slug: "gemeente")
            let conversation = try await ConversationStore(database: database).create(
                organisationID: organisation.id, draft: ConversationDraft(question: parsed.topic ?? name))
            _ = try await PolisTransfer.importDirectory(directory, database: database, organisationID: organisation.id,
                                                        conversationID: conversation.id)
            let files = try await PolisTransfer.export(database: database, organisationID: organisation.id, conversation: conversation)
            let again = try PolisTransfer.parse(comments: try #require(files["comments.csv"]), votes: files["votes.csv"],
                                                participantsVotes: files["participants-votes.csv"], summary: files["summary.csv"])
            func key(_ e: StoredVoteEvent) -> String { "\(e.participant) \(e.statement) \(e.vote) \(e.votedAtMilliseconds)" }
            #expect(again.events.count == parsed.events.count)
            #expect(again.events.map(key).sorted() == parsed.events.map(key).sorted(), "every vote event survives")
            #expect(again.statements.map(\.number) == parsed.statements.map(\.number).sorted())
            #expect(Dictionary(uniqueKeysWithValues: again.statements.map { ($0.number, $0.state) })
                    == Dictionary(uniqueKeysWithValues: parsed.statements.map { ($0.number, $0.state) }))
            // The participants-votes.csv alone gives the same latest votes.
            let matrixOnly = try PolisTransfer.parse(comments: files["comments.csv"]!, votes: nil,
                                                     participantsVotes: files["participants-votes.csv"], summary: nil)
            let latest = try await ConversationVoteStore(database: database).latestVotes(conversationID: conversation.id)
            #expect(Set(matrixOnly.events.map { "\($0.participant) \($0.statement) \($0.vote)" })
                    == Set(latest.map { "\($0.participant) \($0.statement) \($0.vote)" }))
        }
    }
}

@Suite("samen conversation import and export")
struct ConversationCommandTests {
    @Test("a folder goes in and comes out with every vote; a malformed folder leaves nothing")
    func folders() async throws {
        let source = try #require(PolisTransferTests.openData).appendingPathComponent("15-per-hour-seattle")
        try await TestDatabase.with(.sqlite) { database, _ in
            _ = try await OrganisationStore(database: database).create(name: "Gemeente", slug: "gemeente")
            let report = try await ConversationCommands.importFolder(database: database, organisationSlug: "gemeente",
                                                                     directory: source.path, question: nil)
            let id = try #require(report.firstMatch(of: /conversation ([a-f0-9-]{36})/).map { String($0.output.1) })
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("samen-export-\(UUID().uuidString)")
            _ = try await ConversationCommands.exportFolder(database: database, organisationSlug: "gemeente", conversationID: id, directory: out.path)
            #expect(try PolisTransfer.parse(directory: out).events.count == (try PolisTransfer.parse(directory: source)).events.count)
            try? FileManager.default.removeItem(at: out)

            let bad = FileManager.default.temporaryDirectory.appendingPathComponent("samen-bad-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
            try Data("comment-id,comment-body\n0,Hallo\n".utf8).write(to: bad.appendingPathComponent("comments.csv"))
            try Data("timestamp,comment-id,voter-id\n1,0,1\n".utf8).write(to: bad.appendingPathComponent("votes.csv"))
            await #expect(throws: PolisImportError(file: "votes.csv", row: 1, code: "missing_column", detail: "vote")) {
                _ = try await ConversationCommands.importFolder(database: database, organisationSlug: "gemeente", directory: bad.path, question: "Slecht")
            }
            try? FileManager.default.removeItem(at: bad)
            let organisation = try #require(try await OrganisationStore(database: database).all().first)
            #expect(try await ConversationStore(database: database).conversations(organisationID: organisation.id).count == 1)
        }
    }
}

@Suite("Conversations in the JSON API")
struct ConversationAPITests {
    @Test("create, import (all or nothing), results and export through the API")
    func api() async throws {
        try await withConversationApp { client, database in
            let browser = Browser(client)
            let token = try await APITests.token(browser, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/conversations"
            let invalid = try await browser.json(.post, base, token: token, body: #"{"question":"","seeds":["\#(String(repeating: "x", count: 141))"]}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect((invalid.jsonObject["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }.sorted()
                    == ["conversation_question_required", "statement_too_long"])
            let created = try await browser.json(.post, base, token: token, body: #"{"question":"Wat vindt u van de bibliotheek?"}"#)
            #expect(created.status == .created)
            let id = try #require(created.jsonObject["id"] as? String)
            let notYet = try await browser.json(.get, "\(base)/\(id)/results", token: token)
            #expect(notYet.status == .ok && notYet.jsonObject["report"] is NSNull && notYet.jsonObject["computed_at"] is NSNull,
                    "before the first computation the map is null, not a 404")
            let comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Langer open\n2,1,0,1,Meer boeken\n"
            let bad = try await browser.json(.post, "\(base)/\(id)/import", token: token, body: """
                {"comments_csv": \(Self.quoted(comments)), "votes_csv": \(Self.quoted("timestamp,comment-id,voter-id,vote\n5,0,1,1\n6,3,1,1\n"))}
                """)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.jsonObject["code"] as? String == "polis_import_invalid")
            let problem = try #require((bad.jsonObject["errors"] as? [[String: Any]])?.first)
            #expect(problem["row"] as? Int == 3 && problem["code"] as? String == "statement_unknown" && problem["file"] as? String == "votes.csv")
            let detail = try await browser.json(.get, "\(base)/\(id)", token: token)
            #expect((detail.jsonObject["statements"] as? [Any])?.isEmpty == true, "nothing stored")
            let votes = "timestamp,comment-id,voter-id,vote\n" + (0..<40).map { "\(10 + $0),\($0 % 2),\($0 / 2),\($0 % 3 == 0 ? -1 : 1)" }.joined(separator: "\n")
            let good = try await browser.json(.post, "\(base)/\(id)/import", token: token, body: """
                {"comments_csv": \(Self.quoted(comments)), "votes_csv": \(Self.quoted(votes))}
                """)
            #expect(good.status == .created)
            #expect(good.jsonObject["votes"] as? Int == 40)
            // The app's background runner or this one computes it, whichever claims the job first.
            var results = try await browser.json(.get, "\(base)/\(id)/results", token: token)
            for _ in 0..<100 where results.jsonObject["report"] is NSNull || results.status != .ok {
                await ConversationResults(database: database, logger: Logger(label: "test")).runDue()
                try await Task.sleep(for: .milliseconds(100))
                results = try await browser.json(.get, "\(base)/\(id)/results", token: token)
            }
            #expect(results.status == .ok)
            let report = try #require(results.jsonObject["report"] as? [String: Any])
            #expect(report["participant_count"] as? Int == 20)
            let export = try await browser.json(.get, "\(base)/\(id)/export", token: token)
            #expect((export.jsonObject["votes.csv"] as? String)?.split(separator: "\n").count == 41)
            // Another organisation's token sees nothing.
            let sanne = Browser(client)
            let other = try await APITests.token(sanne, Demo.sanne)
            #expect(try await sanne.json(.get, "\(base)/\(id)", token: other).status == .notFound)
            #expect(try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/conversations/\(id)", token: other).status == .notFound)
        }
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
