import Foundation
import SamenAnalytics
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The Pol.is export at scale (issue 16): an unknown file name is refused before anything is
/// built, a single file reads only what it shows, and each file is the same as in the full export.
@Suite("Conversation export: cost and content")
struct ConversationExportCostTests {
    @Test("an unknown file is a 404 that reads less than building a file; each file alone equals the full export's", arguments: TestDatabase.kinds)
    func unknownFileAndSingleFiles(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/conversations"
            let id = try #require(try await ilse.json(.post, base, token: token, body: #"{"question":"Kosten"}"#).jsonObject["id"] as? String)
            let comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Een\n2,1,0,1,Twee\n3,2,1,-1,Drie\n"
            let votes = "timestamp,comment-id,voter-id,vote\n10,0,1,1\n11,1,1,-1\n12,0,2,-1\n13,0,1,-1\n14,2,3,1\n"
            let imported = try await ilse.json(.post, "\(base)/\(id)/import", token: token, body: """
                {"comments_csv": \(ConversationAPITests.quoted(comments)), "votes_csv": \(ConversationAPITests.quoted(votes))}
                """)
            #expect(imported.status == .created)
            let page = "/o/\(Demo.orgA)/conversations/\(id)/export/"
            _ = try await ilse.get(page + "summary.csv")  // warm: the session and the organisation are read alike below

            func reads(_ file: String) async throws -> (status: Int, reads: Int, text: String) {
                let before = database.readCount
                let response = try await ilse.get(page + file)
                return (Int(response.status.code), database.readCount - before, response.text)
            }
            // The fewest of a few tries: background work (the map job) only adds to the count.
            func fewest(_ file: String) async throws -> (status: Int, reads: Int) {
                var result = (status: 0, reads: Int.max)
                for _ in 0..<4 {
                    let once = try await reads(file)
                    result = (once.status, min(result.reads, once.reads))
                }
                return result
            }
            let unknown = try await fewest("geheim.csv")
            let summary = try await fewest("summary.csv")
            #expect(unknown.status == 404 && summary.status == 200)
            #expect(unknown.reads < summary.reads, "the name is checked before the export is built: \(unknown.reads) vs \(summary.reads)")

            let all = try await ilse.json(.get, "\(base)/\(id)/export", token: token).jsonObject
            for file in PolisTransfer.exportFiles {
                let alone = try await reads(file)
                #expect(alone.status == 200 && alone.text == all[file] as? String, "\(file) alone is the full export's \(file)")
            }
            let agrees = SimpleCSVReader.records(try #require(all["comments.csv"] as? String)).dropFirst().map { [$0[2], $0[4], $0[5]] }
            #expect(agrees == [["0", "0", "2"], ["1", "0", "1"], ["2", "1", "0"]], "agrees and disagrees count the latest votes")
            // Every vote in time order, and the latest per voter (read straight from the driver).
            let history = SimpleCSVReader.records(try #require(all["votes.csv"] as? String)).dropFirst().map { [$0[2], $0[4]] }
            #expect(history == [["0", "1"], ["1", "-1"], ["0", "-1"], ["0", "-1"], ["2", "1"]])
            let voters = SimpleCSVReader.records(try #require(all["participants-votes.csv"] as? String)).dropFirst()
            #expect(voters.map { [$0[3], $0[4], $0[5]] } == [["2", "0", "2"], ["1", "0", "1"], ["1", "1", "0"]], "n-votes, n-agree, n-disagree")
        }
    }

    @Test("the export's datetime is ISO 8601 in UTC, as ISO8601DateFormatter writes it")
    func datetime() {
        let formatter = ISO8601DateFormatter()
        for ms: Int64 in [0, 999, 1_000, 86_399_999, 951_782_400_000, 1_700_000_000_123, 4_102_444_800_000, -1, -86_400_001] {
            #expect(PolisTransfer.datetime(ms) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(ms) / 1000)), "\(ms)")
        }
    }

    /// The group column comes from the groups stored with the map, not from a recompute: the
    /// first export of a conversation without a map computes and stores one (its groups are
    /// the map's), and once stored groups are changed by hand the export shows those.
    @Test("the export's groups are the stored map's, without computing the map again", arguments: TestDatabase.kinds)
    func groupsFromTheStoredMap(kind: DatabaseKind) async throws {
        let directory = try #require(PolisTransferTests.openData).appendingPathComponent("15-per-hour-seattle")
        try await TestDatabase.with(kind) { database, _ in
            let organisation = try await OrganisationStore(database: database).create(name: "Gemeente", slug: "gemeente")
            let store = ConversationStore(database: database)
            let conversation = try await store.create(organisationID: organisation.id, draft: ConversationDraft(question: "Loon"))
            _ = try await PolisTransfer.importDirectory(directory, database: database, organisationID: organisation.id,
                                                        conversationID: conversation.id)
            #expect(try await store.participantGroups(organisationID: organisation.id, conversationID: conversation.id) == nil)
            func exported() async throws -> (groups: [Int: String], summary: [String: String]) {
                let files = try await PolisTransfer.export(database: database, organisationID: organisation.id, conversation: conversation,
                                                           files: ["participants-votes.csv", "summary.csv"])
                let rows = SimpleCSVReader.records(try #require(files["participants-votes.csv"])).dropFirst()
                let summary = SimpleCSVReader.records(try #require(files["summary.csv"]))
                return (Dictionary(uniqueKeysWithValues: rows.map { (Int($0[0])!, $0[1]) }),
                        Dictionary(uniqueKeysWithValues: summary.map { ($0[0], $0[1]) }))
            }
            let first = try await exported()
            let stored = try #require(try await store.result(organisationID: organisation.id, conversationID: conversation.id),
                                      "the first export stored the map")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let report = try decoder.decode(OpinionReport.self, from: Data(stored.body.utf8))
            let onMap = try #require(report.participants)
            #expect(report.groups.count >= 2)
            for participant in onMap {
                #expect(first.groups[participant.id] == participant.group.map(String.init) ?? "", "participant \(participant.id)")
            }
            let voters = Set(try await ConversationVoteStore(database: database).latestVotes(conversationID: conversation.id).map(\.participant))
            #expect(Set(first.groups.keys) == voters, "every voter has a row")
            #expect(first.summary["voters"] == String(voters.count))
            #expect(first.summary["groups"] == String(report.groups.count))
            #expect(first.summary["voters-in-conv"] == String(onMap.filter { $0.group != nil }.count))

            // Hand-made groups: everyone in group 7 but one, who has none.
            let someone = try #require(voters.min())
            var made: [Int: Int] = [:]
            for voter in voters where voter != someone { made[voter] = 7 }
            try await store.saveResult(conversationID: conversation.id, result: stored, groups: made)
            let second = try await exported()
            #expect(second.groups[someone] == "" && second.groups.filter { $0.value == "7" }.count == voters.count - 1)
            #expect(second.summary["groups"] == "1" && second.summary["voters-in-conv"] == String(voters.count - 1))
        }
    }
}
