import Foundation
import Logging
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// "Waar alle groepen het over eens zijn" lists only common ground (every group leans the
/// same way, opinion-map.md §6); Pol.is's pooled consensus list appears under an honest
/// name with the groups that think otherwise, on the results page and in the API.
@Suite("Common ground on the results page and in the API")
struct ConversationCommonGroundWebTests {
    static let carriedByOne = "Alleen de eerste groep wil een loket op zaterdag."
    static let carriedByAll = "Iedereen wil een brief in gewone taal."

    /// Three blocs of 12 that each carry one of three statements; statement 3 only the first
    /// bloc carries (two thirds of everyone reject it); statement 4, when present, everyone carries.
    static func files(withSharedStatement: Bool) -> (comments: String, votes: String) {
        var comments = "timestamp,comment-id,author-id,moderated,comment-body\n"
        let bodies = ["Blok een", "Blok twee", "Blok drie", carriedByOne] + (withSharedStatement ? [carriedByAll] : [])
        for (id, body) in bodies.enumerated() { comments += "\(id),\(id),0,1,\(body)\n" }
        var votes = "timestamp,comment-id,voter-id,vote\n"
        var time = 1_700_000_000_000
        for participant in 0..<36 {
            let bloc = participant / 12
            for statement in bodies.indices {
                let vote = statement < 3 ? (statement == bloc ? 1 : -1) : statement == 3 ? (bloc == 0 ? 1 : -1) : 1
                time += 1000
                votes += "\(time),\(statement),\(participant),\(vote)\n"
            }
        }
        return (comments, votes)
    }

    static func section(_ page: String, from heading: String) -> String {
        guard let start = page.range(of: heading) else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("a statement one group carries is not common ground; one all groups carry is", arguments: TestDatabase.kinds)
    func commonGround(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/conversations"
            var paths: [Bool: (detail: String, api: String)] = [:]
            for shared in [true, false] {
                let id = try #require(try await ilse.json(.post, base, token: token, body: #"{"question":"Loket"}"#).jsonObject["id"] as? String)
                let (comments, votes) = Self.files(withSharedStatement: shared)
                let imported = try await ilse.json(.post, "\(base)/\(id)/import", token: token, body: """
                    {"comments_csv": \(ConversationAPITests.quoted(comments)), "votes_csv": \(ConversationAPITests.quoted(votes))}
                    """)
                #expect(imported.status == .created)
                try await ConversationResults(database: database, logger: Logger(label: "test")).recompute(conversationID: id)
                paths[shared] = ("/o/\(Demo.orgA)/conversations/\(id)", "\(base)/\(id)/results")
            }

            let page = try await ilse.get(try #require(paths[true]).detail + "/results").text
            let common = Self.section(page, from: "Waar alle groepen het over eens zijn")
            #expect(common.contains(Self.carriedByAll))
            #expect(!common.contains(Self.carriedByOne), "group A carries it, so not every group agrees")
            let majority = Self.section(page, from: "Wat de meeste deelnemers vinden")
            #expect(majority.contains("Let op: een groep kan er anders over denken."))
            #expect(majority.contains("% oneens: “\(Self.carriedByOne)” (groep A denkt er anders over)"))

            let api = try await ilse.json(.get, try #require(paths[true]).api, token: token)
            let report = try #require(api.jsonObject["report"] as? [String: Any])
            #expect(report["consensus"] == nil)
            let ground = try #require(report["common_ground"] as? [String: [[String: Any]]])
            #expect(ground["agree"]?.compactMap { $0["statement"] as? Int } == [4])
            #expect(ground["disagree"]?.isEmpty == true)
            let majorityList = try #require(report["majority"] as? [String: [[String: Any]]])
            #expect(majorityList["disagree"]?.compactMap { $0["statement"] as? Int }.contains(3) == true)

            let none = try await ilse.get(try #require(paths[false]).detail + "/results").text
            #expect(Self.section(none, from: "Waar alle groepen het over eens zijn")
                .contains("Er is geen stelling waar alle groepen het over eens zijn."))
            #expect(!Self.section(none, from: "Waar alle groepen het over eens zijn").contains(Self.carriedByOne))
        }
    }
}
