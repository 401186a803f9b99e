import Foundation

/// The opinion map of one conversation as a plain, documented value: what the results
/// page, the JSON API and `samen opinion --json` show. Keys are encoded in snake_case.
public struct OpinionReport: Codable, Sendable, Equatable {
    public struct Participant: Codable, Sendable, Equatable {
        /// The participant id as in the votes (Pol.is `voter-id`).
        public var id: Int
        /// Opinion group (0-based), or nil when not placed in a group.
        public var group: Int?
        public var x: Double
        public var y: Double
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var agree: Int
        public var disagree: Int
        public var pass: Int

        init(_ counts: VoteCounts) {
            agree = counts.agree
            disagree = counts.disagree
            pass = counts.seen - counts.agree - counts.disagree
        }
    }

    public struct Representative: Codable, Sendable, Equatable {
        public var statement: Int
        /// `agree` or `disagree`: how this group leans, compared with the rest.
        public var direction: String
        /// Agrees (or disagrees) in the group, and the group's votes on the statement.
        public var successes: Int
        public var trials: Int
        /// successes / trials × 100, rounded.
        public var percent: Int
        public var probability: Double
        public var probabilityTest: Double
        public var repness: Double
        public var repnessTest: Double
    }

    public struct Group: Codable, Sendable, Equatable {
        public var id: Int
        public var size: Int
        public var x: Double
        public var y: Double
        public var representative: [Representative]
    }

    public struct BaseCluster: Codable, Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var size: Int
        public var group: Int
    }

    /// One entry of Pol.is's consensus list, shown as what most participants think.
    public struct MajorityItem: Codable, Sendable, Equatable {
        public var statement: Int
        public var successes: Int
        public var trials: Int
        public var percent: Int
        public var probability: Double
        public var probabilityTest: Double
    }

    /// Pol.is's consensus statements (§6): everyone pooled, so a *majority* list — a group
    /// may reject a statement on it. Never "what all groups agree on"; that is `CommonGround`.
    public struct Majority: Codable, Sendable, Equatable {
        public var agree: [MajorityItem]
        public var disagree: [MajorityItem]
    }

    /// One group's share on a common-ground statement.
    public struct GroupShare: Codable, Sendable, Equatable {
        public var group: Int
        public var successes: Int
        public var trials: Int
        public var percent: Int
    }

    public struct CommonGroundItem: Codable, Sendable, Equatable {
        public var statement: Int
        /// Every group, in group order: its agrees (or disagrees) and votes.
        public var groups: [GroupShare]
        /// Π_g (successes_g + 1)/(trials_g + 2), the ranking key.
        public var groupInformedConsensus: Double
    }

    /// Statements every opinion group leans the same way on (§6, common ground); empty
    /// lists mean there is none.
    public struct CommonGround: Codable, Sendable, Equatable {
        public var agree: [CommonGroundItem]
        public var disagree: [CommonGroundItem]

        /// From the per-group counts of the statement rows, so a stored report always
        /// carries the same common ground as a fresh computation.
        public init(statements rows: [StatementRow]) {
            let groupCount = rows.first?.groups.count ?? 0
            let countsByGroup = (0..<groupCount).map { g in
                rows.map { VoteCounts(agree: $0.groups[g].agree, disagree: $0.groups[g].disagree,
                                      seen: $0.groups[g].agree + $0.groups[g].disagree + $0.groups[g].pass) }
            }
            let found = SamenAnalytics.CommonGround.select(
                countsByGroup: countsByGroup, statements: rows.map(\.statement),
                excluding: Set(rows.filter(\.moderatedOut).map(\.statement)))
            func items(_ list: [CommonGroundStatement]) -> [CommonGroundItem] {
                list.map { c in
                    CommonGroundItem(statement: c.statement, groups: c.successes.indices.map {
                        GroupShare(group: $0, successes: c.successes[$0], trials: c.trials[$0],
                                   percent: OpinionReport.percent(c.successes[$0], c.trials[$0]))
                    }, groupInformedConsensus: c.groupInformedConsensus)
                }
            }
            agree = items(found.agree)
            disagree = items(found.disagree)
        }
    }

    public struct StatementRow: Codable, Sendable, Equatable {
        public var statement: Int
        public var moderatedOut: Bool
        public var x: Double
        public var y: Double
        public var all: Counts
        /// Per opinion group, in group order.
        public var groups: [Counts]
        /// Π_g (a_g + 1)/(s_g + 2): high when every group leans towards agreement.
        public var groupInformedConsensus: Double
    }

    /// Milliseconds per stage of the method.
    public struct Timings: Codable, Sendable, Equatable {
        public var matrixMs: Double
        public var componentsMs: Double
        public var projectionMs: Double
        public var clustersMs: Double
        public var statisticsMs: Double
        public var totalMs: Double
    }

    public var participantCount: Int
    public var statementCount: Int
    /// Cells with a vote (latest votes, passes included).
    public var voteCount: Int
    public var groupedCount: Int
    /// Every participant with position and group; left out where a summary is enough.
    public var participants: [Participant]?
    public var baseClusters: [BaseCluster]
    public var groups: [Group]
    public var majority: Majority
    public var commonGround: CommonGround
    public var statements: [StatementRow]
    public var timings: Timings

    /// Runs the whole method (sections 1–6 of the opinion-map description) on vote events.
    public static func compute(events: [VoteEvent], moderatedOut: Set<Int> = [], includeParticipants: Bool = true) -> OpinionReport {
        let clock = Stopwatch()
        let votes = VoteMatrix(events: events)
        let mapMatrix = votes.zeroingStatements(moderatedOut)
        let matrixMs = clock.lap()
        let components = PrincipalComponents(matrix: mapMatrix)
        let componentsMs = clock.lap()
        let positions = components.participantPositions(mapMatrix)
        let statementPositions = components.statementPositions()
        let projectionMs = clock.lap()
        let inConversation = ConversationMembership.rowsInConversation(votes)
        let groups = OpinionGroups(positions: positions, inConversation: inConversation)
        let clustersMs = clock.lap()
        let members = groups.membersByGroup
        let summary = StatementSummary(votes: votes, groupMembers: members, moderatedOut: moderatedOut)
        let everyone = VoteCounts.perStatement(votes, rows: 0..<votes.rowCount)
        let statisticsMs = clock.lap()

        let reportGroups = members.indices.map { g in
            Group(id: g, size: members[g].count, x: groups.groupCenters[g].x, y: groups.groupCenters[g].y,
                  representative: summary.representative[g].map {
                      Representative(statement: $0.statement, direction: $0.direction.rawValue, successes: $0.successes,
                                     trials: $0.trials, percent: Self.percent($0.successes, $0.trials), probability: $0.probability,
                                     probabilityTest: $0.probabilityTest, repness: $0.repness, repnessTest: $0.repnessTest)
                  })
        }
        func majorityItems(_ items: [ConsensusStatement]) -> [MajorityItem] {
            items.map { MajorityItem(statement: $0.statement, successes: $0.successes, trials: $0.trials,
                                      percent: Self.percent($0.successes, $0.trials), probability: $0.probability,
                                      probabilityTest: $0.probabilityTest) }
        }
        let rows = votes.statements.indices.map { j in
            StatementRow(statement: votes.statements[j], moderatedOut: moderatedOut.contains(votes.statements[j]),
                         x: statementPositions[j].x, y: statementPositions[j].y, all: Counts(everyone[j]),
                         groups: summary.groupStatistics.map { Counts($0[j].group) },
                         groupInformedConsensus: summary.groupInformedConsensus.isEmpty ? 0 : summary.groupInformedConsensus[j])
        }
        let participants = includeParticipants ? votes.participants.indices.map {
            Participant(id: votes.participants[$0], group: groups.groupOfRow[$0], x: positions[$0].x, y: positions[$0].y)
        } : nil
        let voteCount = votes.cells.reduce(0) { $0 + ($1 == VoteMatrix.missing ? 0 : 1) }
        let total = clock.total()
        return OpinionReport(
            participantCount: votes.rowCount, statementCount: votes.columnCount, voteCount: voteCount,
            groupedCount: inConversation.count, participants: participants,
            baseClusters: groups.baseClusters.map { BaseCluster(x: $0.center.x, y: $0.center.y, size: $0.members.count, group: $0.group) },
            groups: reportGroups,
            majority: Majority(agree: majorityItems(summary.consensusAgree), disagree: majorityItems(summary.consensusDisagree)),
            commonGround: CommonGround(statements: rows),
            statements: rows,
            timings: Timings(matrixMs: matrixMs, componentsMs: componentsMs, projectionMs: projectionMs, clustersMs: clustersMs,
                             statisticsMs: statisticsMs, totalMs: total))
    }

    static func percent(_ a: Int, _ n: Int) -> Int { n == 0 ? 0 : Int((100 * Double(a) / Double(n)).rounded()) }

    public func encoded(pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> OpinionReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(OpinionReport.self, from: data)
    }
}

/// Coding by hand only to read results stored before the majority list got its honest
/// name (`consensus`) and before common ground was part of the report.
extension OpinionReport {
    enum CodingKeys: String, CodingKey {
        case participantCount, statementCount, voteCount, groupedCount, participants, baseClusters, groups
        case majority, commonGround, statements, timings
        /// The majority list's name in results stored before common ground existed.
        case consensus
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        participantCount = try c.decode(Int.self, forKey: .participantCount)
        statementCount = try c.decode(Int.self, forKey: .statementCount)
        voteCount = try c.decode(Int.self, forKey: .voteCount)
        groupedCount = try c.decode(Int.self, forKey: .groupedCount)
        participants = try c.decodeIfPresent([Participant].self, forKey: .participants)
        baseClusters = try c.decode([BaseCluster].self, forKey: .baseClusters)
        groups = try c.decode([Group].self, forKey: .groups)
        majority = try c.decodeIfPresent(Majority.self, forKey: .majority) ?? c.decode(Majority.self, forKey: .consensus)
        statements = try c.decode([StatementRow].self, forKey: .statements)
        commonGround = try c.decodeIfPresent(CommonGround.self, forKey: .commonGround) ?? CommonGround(statements: statements)
        timings = try c.decode(Timings.self, forKey: .timings)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(participantCount, forKey: .participantCount)
        try c.encode(statementCount, forKey: .statementCount)
        try c.encode(voteCount, forKey: .voteCount)
        try c.encode(groupedCount, forKey: .groupedCount)
        try c.encodeIfPresent(participants, forKey: .participants)
        try c.encode(baseClusters, forKey: .baseClusters)
        try c.encode(groups, forKey: .groups)
        try c.encode(majority, forKey: .majority)
        try c.encode(commonGround, forKey: .commonGround)
        try c.encode(statements, forKey: .statements)
        try c.encode(timings, forKey: .timings)
    }
}

/// Wall-clock laps in milliseconds.
final class Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds

    func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e6
    }

    func total() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
}
