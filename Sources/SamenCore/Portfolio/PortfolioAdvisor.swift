/// The portfolio's own advisor signals, next to the twelve challenges of seed 004 and
/// numbered after them (13–17) so that they are shown, explained and dismissed the same way.
/// Each looks only at the trajectory's own records; the thresholds are named here.
public enum PortfolioAdvisor {
    /// A dimension whose gap is large: at least one scale point even at the low end of its
    /// confidence interval (the same rule as the growth model's warning).
    public static let largeGap = GrowthModelRules.largeGap
    /// Only-short-term is called out from this many open interventions on.
    public static let interventionsForHorizonMix = 2

    /// A gap citizens reported on one dimension in the latest wave.
    public struct Gap: Sendable, Equatable {
        public var gap: Double
        public var low: Double
        public init(gap: Double, low: Double) {
            self.gap = gap
            self.low = low
        }
    }

    public struct Facts: Sendable {
        public var trajectory: TrajectoryFacts
        public var interventions: [Intervention]
        /// Per dimension code, the measured gap of the latest wave (cells under the suppression threshold left out).
        public var gaps: [String: Gap]
        /// Per dimension code, the latest maturity level.
        public var maturity: [String: Int]
        /// Titles of experiments whose learning card is overdue.
        public var experimentsWithoutLearning: [String]

        public init(trajectory: TrajectoryFacts, interventions: [Intervention], gaps: [String: Gap], maturity: [String: Int],
                    experimentsWithoutLearning: [String] = []) {
            self.trajectory = trajectory
            self.interventions = interventions
            self.gaps = gaps
            self.maturity = maturity
            self.experimentsWithoutLearning = experimentsWithoutLearning
        }
    }

    public enum Signal: Int, CaseIterable, Sendable {
        case gapWithoutIntervention = 13
        case onlyShortHorizon = 14
        case implementedWithoutCitizens = 15
        case experimentsWithoutLearning = 16
        case maturityContradictsGap = 17
    }

    public static let numbers = Signal.allCases.map(\.rawValue)

    public static func signals(_ facts: Facts) -> [ChallengeSignal] {
        var out: [ChallengeSignal] = []
        func add(_ signal: Signal, _ values: [String]) {
            out.append(ChallengeSignal(number: signal.rawValue, evidenceKey: "evidence_\(signal.rawValue)", values: values))
        }
        let open = facts.interventions.filter { $0.status != .stopped }
        let large = facts.gaps.filter { $0.value.low >= largeGap }.keys.sorted()

        // 13. A large gap on a dimension that no open intervention aims at.
        let aimedAt = Set(open.flatMap(\.dimensions))
        let unaddressed = large.filter { !aimedAt.contains($0) }
        if !unaddressed.isEmpty { add(.gapWithoutIntervention, unaddressed) }

        // 14. Only short-horizon interventions: nothing prepares the medium and long term.
        if open.count >= interventionsForHorizonMix && open.allSatisfy({ $0.horizon == .short }) {
            add(.onlyShortHorizon, ["\(open.count)"])
        }

        // 15. Interventions implemented without citizens in co-implementation or co-evaluation (seed 004 #12).
        let implemented = facts.interventions.filter { [.implemented, .evaluated].contains($0.status) }
        if !implemented.isEmpty && !ChallengeAdvisor.citizensTookPart(in: [.coImplementation, .coEvaluation], facts.trajectory) {
            add(.implementedWithoutCitizens, implemented.map(\.title).sorted())
        }

        // 16. Experiments whose learning card is overdue.
        if !facts.experimentsWithoutLearning.isEmpty { add(.experimentsWithoutLearning, facts.experimentsWithoutLearning.sorted()) }

        // 17. A dimension rated mature while citizens report a large gap.
        let contradicted = facts.maturity.filter { code, level in
            facts.gaps[code].map { GrowthModelRules.contradicts(level: level, gapLow: $0.low) } ?? false
        }.keys.sorted()
        if !contradicted.isEmpty { add(.maturityContradictsGap, contradicted) }
        return out
    }
}
