/// A statement that characterises a group, with the figures of its direction.
public struct RepresentativeStatement: Sendable, Equatable {
    public var statement: Int
    public var direction: OpinionDirection
    /// Agrees (or disagrees) in the group.
    public var successes: Int
    /// Votes seen in the group.
    public var trials: Int
    /// pa or pd.
    public var probability: Double
    /// pat or pdt.
    public var probabilityTest: Double
    /// ra or rd.
    public var repness: Double
    /// rat or rdt.
    public var repnessTest: Double
    /// Agrees in the group (reported with the best-agree statement).
    public var agreeCount: Int
    /// Put first as the group's best agreed statement (see `RepresentativeStatements`).
    public var isBestAgree: Bool

    public init(_ stats: GroupStatementStatistics, isBestAgree: Bool = false) {
        statement = stats.statement
        direction = stats.direction
        let agree = direction == .agree
        successes = agree ? stats.group.agree : stats.group.disagree
        trials = stats.group.seen
        probability = agree ? stats.pa : stats.pd
        probabilityTest = agree ? stats.pat : stats.pdt
        repness = agree ? stats.ra : stats.rd
        repnessTest = agree ? stats.rat : stats.rdt
        agreeCount = stats.group.agree
        self.isBestAgree = isBestAgree
    }

    /// repness × repness-test × p × p-test, the ranking key.
    public var metric: Double { repness * repnessTest * probability * probabilityTest }
}

/// A statement that the whole population leans the same way on.
public struct ConsensusStatement: Sendable, Equatable {
    public var statement: Int
    public var direction: OpinionDirection
    public var successes: Int
    public var trials: Int
    public var probability: Double
    public var probabilityTest: Double
}

public enum RepresentativeStatements {
    /// Section-6 statistics of every statement for every group against the union of the others.
    public static func statistics(countsByGroup: [[VoteCounts]], statements: [Int]) -> [[GroupStatementStatistics]] {
        guard let first = countsByGroup.first else { return [] }
        let totals = countsByGroup.dropFirst().reduce(first) { zip($0, $1).map(+) }
        return countsByGroup.map { group in
            statements.indices.map { j in
                let rest = VoteCounts(
                    agree: totals[j].agree - group[j].agree,
                    disagree: totals[j].disagree - group[j].disagree,
                    seen: totals[j].seen - group[j].seen
                )
                return GroupStatementStatistics(statement: statements[j], group: group[j], rest: rest)
            }
        }
    }

    /// Representative statements of one group.
    ///
    /// Significant statements are ranked by `metric`, the top `limit` kept, agrees
    /// before disagrees; with none significant, the single best by max(rat, rdt).
    ///
    /// With `preferBestAgree` (the default, as Pol.is does and as its published
    /// output shows), the group's best agreed statement is also tracked over all
    /// statements in id order: a statement with votes replaces the current best
    /// when its ra·rat·pa·pat is larger (if the best has ra > 1), else when its
    /// pa·pat is larger; the first one qualifies if pat is significant or
    /// ra > 1 and pa > 0.5. It is put first (in its own rat/rdt direction) and
    /// replaces the max(rat, rdt) fallback, so every group shows something the
    /// group agrees with where possible.
    public static func select(
        _ stats: [GroupStatementStatistics],
        excluding excluded: Set<Int> = [],
        limit: Int = 5,
        preferBestAgree: Bool = true
    ) -> [RepresentativeStatement] {
        var sufficient: [GroupStatementStatistics] = []
        var best: GroupStatementStatistics?
        var bestAgree: GroupStatementStatistics?
        for candidate in stats.sorted(by: { $0.statement < $1.statement }) where !excluded.contains(candidate.statement) {
            if candidate.passesTests { sufficient.append(candidate) }
            if best == nil || max(candidate.rat, candidate.rdt) > max(best!.rat, best!.rdt) { best = candidate }
            if preferBestAgree, beatsBestAgree(candidate, bestAgree) { bestAgree = candidate }
        }
        let head = bestAgree.map { RepresentativeStatement($0, isBestAgree: true) }
        guard !sufficient.isEmpty else {
            return (head ?? best.map { RepresentativeStatement($0) }).map { [$0] } ?? []
        }
        let ranked = sufficient
            .filter { $0.statement != bestAgree?.statement }
            .map { RepresentativeStatement($0) }
            .enumerated()
            .sorted { ($0.element.metric, -$0.offset) > ($1.element.metric, -$1.offset) }
            .map(\.element)
        let chosen = Array(((head.map { [$0] } ?? []) + ranked).prefix(limit))
        return chosen.filter { $0.direction == .agree } + chosen.filter { $0.direction == .disagree }
    }

    static func beatsBestAgree(_ candidate: GroupStatementStatistics, _ current: GroupStatementStatistics?) -> Bool {
        if candidate.group.agree == 0 && candidate.group.disagree == 0 { return false }
        guard let current else {
            return StatementStatistics.isSignificant(candidate.pat) || (candidate.ra > 1 && candidate.pa > 0.5)
        }
        if current.ra > 1 {
            return candidate.ra * candidate.rat * candidate.pa * candidate.pat
                > current.ra * current.rat * current.pa * current.pat
        }
        return candidate.pa * candidate.pat > current.pa * current.pat
    }

    /// Consensus statements over one population: pa > 0.5 with pat significant
    /// (agree side), likewise pd and pdt; the top `limit` of each by p · p-test.
    public static func consensus(
        counts: [VoteCounts],
        statements: [Int],
        excluding excluded: Set<Int> = [],
        limit: Int = 5
    ) -> (agree: [ConsensusStatement], disagree: [ConsensusStatement]) {
        func side(_ direction: OpinionDirection) -> [ConsensusStatement] {
            statements.indices
                .filter { !excluded.contains(statements[$0]) }
                .map { j -> ConsensusStatement in
                    let c = counts[j]
                    let successes = direction == .agree ? c.agree : c.disagree
                    return ConsensusStatement(
                        statement: statements[j],
                        direction: direction,
                        successes: successes,
                        trials: c.seen,
                        probability: StatementStatistics.probability(successes, of: c.seen),
                        probabilityTest: StatementStatistics.proportionTest(successes, of: c.seen)
                    )
                }
                .filter { $0.probability > 0.5 && StatementStatistics.isSignificant($0.probabilityTest) }
                .enumerated()
                .sorted {
                    ($0.element.probability * $0.element.probabilityTest, -$0.offset)
                        > ($1.element.probability * $1.element.probabilityTest, -$1.offset)
                }
                .prefix(limit)
                .map(\.element)
        }
        return (side(.agree), side(.disagree))
    }
}
