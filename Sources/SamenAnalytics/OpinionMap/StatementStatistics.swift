/// Agree, disagree and seen (agree + disagree + pass) counts for one statement
/// within a set of participants.
public struct VoteCounts: Sendable, Hashable {
    public var agree: Int
    public var disagree: Int
    public var seen: Int

    public init(agree: Int = 0, disagree: Int = 0, seen: Int = 0) {
        self.agree = agree
        self.disagree = disagree
        self.seen = seen
    }

    public static func + (lhs: VoteCounts, rhs: VoteCounts) -> VoteCounts {
        VoteCounts(agree: lhs.agree + rhs.agree, disagree: lhs.disagree + rhs.disagree, seen: lhs.seen + rhs.seen)
    }

    /// Per-column counts over the given rows of a matrix (use the untouched one).
    public static func perStatement(_ matrix: VoteMatrix, rows: some Sequence<Int>) -> [VoteCounts] {
        let m = matrix.columnCount
        var counts = [VoteCounts](repeating: VoteCounts(), count: m)
        matrix.cells.withUnsafeBufferPointer { cells in
            for row in rows {
                let base = row * m
                for j in 0..<m {
                    switch cells[base + j] {
                    case 1: counts[j].agree += 1; counts[j].seen += 1
                    case -1: counts[j].disagree += 1; counts[j].seen += 1
                    case 0: counts[j].seen += 1
                    default: break
                    }
                }
            }
        }
        return counts
    }
}

/// The formulas of section 6 (one-sided 90 % tests, add-one smoothing).
public enum StatementStatistics {
    /// z above which a test counts as significant (90 %, one-sided).
    public static let significanceZ = 1.2816

    public static func isSignificant(_ z: Double) -> Bool { z > significanceZ }

    /// (successes + 1) / (seen + 2).
    public static func probability(_ successes: Int, of seen: Int) -> Double {
        Double(successes + 1) / Double(seen + 2)
    }

    /// 2·sqrt(s + 1)·((successes + 1)/(s + 1) − 0.5): z of a one-proportion
    /// test against 1/2, with one added success.
    public static func proportionTest(_ successes: Int, of seen: Int) -> Double {
        let n = Double(seen + 1)
        return 2 * n.squareRoot() * (Double(successes + 1) / n - 0.5)
    }

    /// z of a two-proportion test (group vs rest) with one added to each count;
    /// 0 when the pooled proportion is 1.
    public static func twoProportionTest(_ successes: Int, of seen: Int, rest restSuccesses: Int, of restSeen: Int) -> Double {
        let n1 = Double(seen + 1), n2 = Double(restSeen + 1)
        let p1 = Double(successes + 1) / n1
        let p2 = Double(restSuccesses + 1) / n2
        let pooled = Double(successes + restSuccesses + 2) / Double(seen + restSeen + 2)
        guard pooled != 1 else { return 0 }
        return (p1 - p2) / (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    }

    /// Group-informed consensus per statement: Π_g (a_g + 1)/(s_g + 2).
    public static func groupInformedConsensus(_ countsByGroup: [[VoteCounts]]) -> [Double] {
        guard let first = countsByGroup.first else { return [] }
        return first.indices.map { j in
            countsByGroup.reduce(1.0) { $0 * probability($1[j].agree, of: $1[j].seen) }
        }
    }
}

/// All section-6 figures for one statement and one group against the rest.
public struct GroupStatementStatistics: Sendable, Equatable {
    public var statement: Int
    public var group: VoteCounts
    public var rest: VoteCounts
    public var pa: Double
    public var pd: Double
    public var pat: Double
    public var pdt: Double
    public var ra: Double
    public var rd: Double
    public var rat: Double
    public var rdt: Double

    public init(statement: Int, group: VoteCounts, rest: VoteCounts) {
        typealias S = StatementStatistics
        self.statement = statement
        self.group = group
        self.rest = rest
        pa = S.probability(group.agree, of: group.seen)
        pd = S.probability(group.disagree, of: group.seen)
        pat = S.proportionTest(group.agree, of: group.seen)
        pdt = S.proportionTest(group.disagree, of: group.seen)
        ra = pa / S.probability(rest.agree, of: rest.seen)
        rd = pd / S.probability(rest.disagree, of: rest.seen)
        rat = S.twoProportionTest(group.agree, of: group.seen, rest: rest.agree, of: rest.seen)
        rdt = S.twoProportionTest(group.disagree, of: group.seen, rest: rest.disagree, of: rest.seen)
    }

    /// Significantly representative for agreement or for disagreement.
    public var passesTests: Bool {
        (StatementStatistics.isSignificant(rat) && StatementStatistics.isSignificant(pat))
            || (StatementStatistics.isSignificant(rdt) && StatementStatistics.isSignificant(pdt))
    }

    /// Direction the statement characterises the group in: agree if rat > rdt.
    public var direction: OpinionDirection { rat > rdt ? .agree : .disagree }
}

public enum OpinionDirection: String, Sendable, Hashable {
    case agree
    case disagree
}
