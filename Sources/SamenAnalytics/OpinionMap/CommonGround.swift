/// A statement on which every opinion group leans the same way (opinion-map.md §6,
/// "common ground"). Unlike Pol.is's consensus list, which pools everyone and is a
/// majority list, a statement is only common ground when each group on its own carries it.
public struct CommonGroundStatement: Sendable, Equatable {
    public var statement: Int
    public var direction: OpinionDirection
    /// Per group, in group order: agrees (or disagrees, on the disagree side) and votes seen.
    public var successes: [Int]
    public var trials: [Int]
    /// Π_g (successes_g + 1)/(trials_g + 2). On the agree side this is exactly the
    /// group-informed consensus of §6; on the disagree side it is the same product over
    /// disagrees, so both sides rank by how strongly every group leans their way.
    public var groupInformedConsensus: Double
}

public enum CommonGround {
    /// Whether one group leans `direction` on a statement: p > 0.5 and its one-proportion
    /// test significant (z > 1.2816), with p and the test as in §6 (pa/pat or pd/pdt).
    public static func groupLeans(_ counts: VoteCounts, _ direction: OpinionDirection) -> Bool {
        let successes = direction == .agree ? counts.agree : counts.disagree
        return StatementStatistics.probability(successes, of: counts.seen) > 0.5
            && StatementStatistics.isSignificant(StatementStatistics.proportionTest(successes, of: counts.seen))
    }

    /// Common ground over the groups' counts (group × column, untouched matrix).
    ///
    /// A statement qualifies on a side when every group leans that way; moderated-out
    /// statements never qualify (as for consensus). Without any group there is no common
    /// ground, rather than a vacuous "every group". Ranked by `groupInformedConsensus`,
    /// highest first, ties by statement id; every qualifying statement is kept.
    public static func select(
        countsByGroup: [[VoteCounts]],
        statements: [Int],
        excluding excluded: Set<Int> = []
    ) -> (agree: [CommonGroundStatement], disagree: [CommonGroundStatement]) {
        guard !countsByGroup.isEmpty else { return ([], []) }
        func side(_ direction: OpinionDirection) -> [CommonGroundStatement] {
            statements.indices
                .filter { j in !excluded.contains(statements[j]) && countsByGroup.allSatisfy { groupLeans($0[j], direction) } }
                .map { j in
                    let successes = countsByGroup.map { direction == .agree ? $0[j].agree : $0[j].disagree }
                    let trials = countsByGroup.map { $0[j].seen }
                    let product = zip(successes, trials).reduce(1.0) { $0 * StatementStatistics.probability($1.0, of: $1.1) }
                    return CommonGroundStatement(statement: statements[j], direction: direction, successes: successes,
                                                 trials: trials, groupInformedConsensus: product)
                }
                .sorted { ($0.groupInformedConsensus, -$0.statement) > ($1.groupInformedConsensus, -$1.statement) }
        }
        return (side(.agree), side(.disagree))
    }
}
