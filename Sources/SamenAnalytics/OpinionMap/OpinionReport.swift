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

    public struct ConsensusItem: Codable, Sendable, Equatable {
        public var statement: Int
        public var successes: Int
        public var trials: Int
        public var percent: Int
        public var probability: Double
        public var probabilityTest: Double
    }

    public struct Consensus: Codable, Sendable, Equatable {
        public var agree: [ConsensusItem]
        public var disagree: [ConsensusItem]
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
    public var consensus: Consensus
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

        func percent(_ a: Int, _ n: Int) -> Int { n == 0 ? 0 : Int((100 * Double(a) / Double(n)).rounded()) }
        let reportGroups = members.indices.map { g in
            Group(id: g, size: members[g].count, x: groups.groupCenters[g].x, y: groups.groupCenters[g].y,
                  representative: summary.representative[g].map {
                      Representative(statement: $0.statement, direction: $0.direction.rawValue, successes: $0.successes,
                                     trials: $0.trials, percent: percent($0.successes, $0.trials), probability: $0.probability,
                                     probabilityTest: $0.probabilityTest, repness: $0.repness, repnessTest: $0.repnessTest)
                  })
        }
        func consensusItems(_ items: [ConsensusStatement]) -> [ConsensusItem] {
            items.map { ConsensusItem(statement: $0.statement, successes: $0.successes, trials: $0.trials,
                                      percent: percent($0.successes, $0.trials), probability: $0.probability,
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
            consensus: Consensus(agree: consensusItems(summary.consensusAgree), disagree: consensusItems(summary.consensusDisagree)),
            statements: rows,
            timings: Timings(matrixMs: matrixMs, componentsMs: componentsMs, projectionMs: projectionMs, clustersMs: clustersMs,
                             statisticsMs: statisticsMs, totalMs: total))
    }

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
