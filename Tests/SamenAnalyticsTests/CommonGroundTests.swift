import Foundation
@testable import SamenAnalytics
import Testing

/// Common ground (opinion-map.md §6): every group leans the same way, each on its own
/// test; not the pooled majority that Pol.is calls consensus.
@Suite("Common ground versus the majority list")
struct CommonGroundTests {
    // Three groups of 12, 13 and 13. Statement 0: group A 12 of 13 agree (92 %), B and C
    // almost all disagree, so 58 % of everyone disagrees. Statement 1: every group agrees.
    // Statement 2: every group disagrees. Statement 3: everyone agrees but it is moderated out.
    static let statements = [0, 1, 2, 3]
    static let groupA = [VoteCounts(agree: 12, disagree: 1, seen: 13), VoteCounts(agree: 10, disagree: 1, seen: 12),
                         VoteCounts(agree: 1, disagree: 10, seen: 12), VoteCounts(agree: 12, disagree: 0, seen: 12)]
    static let groupB = [VoteCounts(agree: 1, disagree: 11, seen: 12), VoteCounts(agree: 9, disagree: 2, seen: 12),
                         VoteCounts(agree: 2, disagree: 9, seen: 12), VoteCounts(agree: 12, disagree: 0, seen: 12)]
    static let groupC = [VoteCounts(agree: 0, disagree: 11, seen: 11), VoteCounts(agree: 8, disagree: 3, seen: 12),
                         VoteCounts(agree: 0, disagree: 12, seen: 12), VoteCounts(agree: 12, disagree: 0, seen: 12)]

    @Test("a statement one group carries and the rest reject is on the majority list, never common ground")
    func oneGroupCarries() {
        let groups = [Self.groupA, Self.groupB, Self.groupC]
        let everyone = Self.statements.indices.map { j in groups.map { $0[j] }.reduce(VoteCounts(), +) }
        // 23 of 36 disagree on statement 0: the pooled list calls it consensus.
        #expect(everyone[0].disagree * 100 / everyone[0].seen >= 58)
        let majority = RepresentativeStatements.consensus(counts: everyone, statements: Self.statements, excluding: [3])
        #expect(majority.disagree.map(\.statement).contains(0))

        let found = CommonGround.select(countsByGroup: groups, statements: Self.statements, excluding: [3])
        #expect(found.agree.map(\.statement) == [1], "every group agrees only with statement 1")
        #expect(found.disagree.map(\.statement) == [2], "group A's 92 % agreement keeps statement 0 out")
        #expect(found.agree[0].successes == [10, 9, 8] && found.agree[0].trials == [12, 12, 12])
        // Π_g (a_g + 1)/(s_g + 2) = 11/14 · 10/14 · 9/14.
        #expect(abs(found.agree[0].groupInformedConsensus - 11.0 / 14 * 10 / 14 * 9 / 14) < 1e-15)
        #expect(abs(found.disagree[0].groupInformedConsensus - 11.0 / 14 * 10 / 14 * 13 / 14) < 1e-15)
    }

    @Test("each group's own test decides: a bare or small majority in one group is not enough")
    func everyGroupSignificant() {
        // 4 of 5 agree: pa = 5/7 > 0.5 but pat = 2·√6·(5/6 − 1/2) ≈ 1.63 → significant;
        // 3 of 5: pat = 2·√6·(4/6 − 1/2) ≈ 0.82 → not; 6 of 12 with 6 passes: pa = 7/14 = 0.5 → not.
        #expect(CommonGround.groupLeans(VoteCounts(agree: 4, disagree: 1, seen: 5), .agree))
        #expect(!CommonGround.groupLeans(VoteCounts(agree: 3, disagree: 2, seen: 5), .agree))
        #expect(!CommonGround.groupLeans(VoteCounts(agree: 6, disagree: 0, seen: 12), .agree))
        let strong = VoteCounts(agree: 20, disagree: 0, seen: 20)
        let found = CommonGround.select(countsByGroup: [[strong, strong], [strong, VoteCounts(agree: 3, disagree: 2, seen: 5)]],
                                        statements: [7, 8])
        #expect(found.agree.map(\.statement) == [7])
        #expect(CommonGround.select(countsByGroup: [], statements: [7]) == ([], []), "no groups, no common ground")
    }

    @Test("ranked by group-informed consensus, highest first")
    func ranking() {
        let a = VoteCounts(agree: 10, disagree: 0, seen: 10), b = VoteCounts(agree: 20, disagree: 0, seen: 20)
        let found = CommonGround.select(countsByGroup: [[a, b], [a, b]], statements: [1, 2])
        #expect(found.agree.map(\.statement) == [2, 1])
    }

    @Test("the report carries the same common ground after a round trip, and reads results stored before it existed")
    func reportRoundTrip() throws {
        var events: [VoteEvent] = []
        // Three blocs of 12 voting alike (each carries one of statements 0–2), plus statement 6 that only the first bloc carries
        // and statement 7 that everyone carries.
        for participant in 0..<36 {
            let bloc = participant / 12
            for statement in 0..<3 {
                events.append(VoteEvent(participant: participant, statement: statement,
                                        vote: statement == bloc ? 1 : -1, timestamp: Double(participant * 10 + statement)))
            }
            events.append(VoteEvent(participant: participant, statement: 6, vote: bloc == 0 ? 1 : -1, timestamp: Double(participant * 10 + 6)))
            events.append(VoteEvent(participant: participant, statement: 7, vote: 1, timestamp: Double(participant * 10 + 7)))
        }
        let report = OpinionReport.compute(events: events)
        #expect(report.groups.count >= 2)
        #expect(report.majority.disagree.map(\.statement).contains(6), "two thirds disagree with statement 6")
        #expect(report.commonGround.agree.map(\.statement) == [7])
        #expect(!(report.commonGround.agree + report.commonGround.disagree).map(\.statement).contains(6))
        #expect(report.commonGround.agree[0].groups.map(\.percent).allSatisfy { $0 == 100 })
        #expect(try OpinionReport.decode(report.encoded()) == report)

        // A result stored before: the majority list under "consensus", no common ground.
        let current = String(decoding: try report.encoded(), as: UTF8.self)
        let commonGround = String(decoding: try JSONEncoderForTests.snakeCase.encode(report.commonGround), as: UTF8.self)
        let legacyText = current.replacingOccurrences(of: "\"common_ground\":" + commonGround + ",", with: "")
            .replacingOccurrences(of: "\"majority\":", with: "\"consensus\":")
        #expect(!legacyText.contains("common_ground") && legacyText.contains("\"consensus\":"))
        let read = try OpinionReport.decode(Data(legacyText.utf8))
        #expect(read.majority == report.majority)
        #expect(read.commonGround == report.commonGround)
    }
}

enum JSONEncoderForTests {
    static var snakeCase: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// Common ground on real Pol.is output: from Pol.is's own per-group vote counts
/// (`group-votes` in math-pca2.json) and from ours with Pol.is's groups, the same
/// statements, ranked as Pol.is's own group-aware consensus ranks them.
@Suite("Common ground against Pol.is golden output")
struct CommonGroundGoldenTests {
    static func polisGroupVotes(_ name: String) throws -> [Int: [Int: VoteCounts]] {
        let url = try OpinionMapTestData.directory("golden/\(name)").appendingPathComponent("math-pca2.json")
        let math = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let groups = try #require(math["group-votes"] as? [String: [String: Any]])
        var out: [Int: [Int: VoteCounts]] = [:]
        for (group, body) in groups {
            let votes = try #require(body["votes"] as? [String: [String: Int]])
            out[try #require(Int(group))] = Dictionary(uniqueKeysWithValues: try votes.map { tid, c in
                (try #require(Int(tid)), VoteCounts(agree: c["A"] ?? 0, disagree: c["D"] ?? 0, seen: c["S"] ?? 0))
            })
        }
        return out
    }

    @Test("the same common ground from Pol.is's group votes and from ours", arguments: OpinionMapTestData.goldenConversations)
    func matchesPolis(name: String) throws {
        let fixture = try OpinionMapGoldenTests.Fixture(name)
        let golden = fixture.golden
        let summary = StatementSummary(votes: fixture.votes, groupMembers: fixture.polisGroupRows, moderatedOut: golden.moderatedOut)
        let groupVotes = try Self.polisGroupVotes(name)
        let statements = fixture.votes.statements
        let theirCounts = groupVotes.keys.sorted().map { g in statements.map { groupVotes[g]?[$0] ?? VoteCounts() } }
        let theirs = CommonGround.select(countsByGroup: theirCounts, statements: statements, excluding: golden.moderatedOut)
        #expect(summary.commonGroundAgree == theirs.agree)
        #expect(summary.commonGroundDisagree == theirs.disagree)
        // The agree side in Pol.is's own group-aware consensus order.
        let ranks = summary.commonGroundAgree.map { golden.groupAwareConsensus[$0.statement] ?? -1 }
        #expect(ranks == ranks.sorted(by: >))
        for item in summary.commonGroundAgree {
            #expect(abs(item.groupInformedConsensus - (golden.groupAwareConsensus[item.statement] ?? -1)) < 1e-12)
        }
        let common = Set((summary.commonGroundAgree + summary.commonGroundDisagree).map(\.statement))
        let majorityOnly = (golden.consensusAgree + golden.consensusDisagree).map(\.statement).filter { !common.contains($0) }
        print("[common ground] \(name): \(summary.commonGroundAgree.count) agree, \(summary.commonGroundDisagree.count) disagree; "
              + "on Pol.is's consensus list but not common ground: \(majorityOnly)")
    }
}
