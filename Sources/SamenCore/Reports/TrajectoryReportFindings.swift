import Foundation

/// The parts of a report added after the first reports were published: the representation
/// score, what the opinion map found (groups and common ground), experiments and their
/// learning, and the value register with the SROI range. Reports published before these
/// existed read them as empty (see `TrajectoryReportSnapshot.init(from:)`).
extension TrajectoryReportSnapshot {
    /// How the participants compare with the target population on one variable, where shares were set.
    public struct RepresentationScore: Codable, Sendable, Equatable {
        /// `group`, `age_band` or `district`.
        public var variable: String
        /// The lowest level's ratio divided by the highest (1 = every level equally represented).
        public var score: Double
        /// The levels under 0.8 of their target share.
        public var underRepresented: [String]

        public init(variable: String, score: Double, underRepresented: [String]) {
            self.variable = variable
            self.score = score
            self.underRepresented = underRepresented
        }
    }

    /// One opinion group of a conversation: its size and the statements that set it apart.
    public struct OpinionGroupFinding: Codable, Sendable, Equatable {
        /// The group's letter on the map (A, B, …).
        public var label: String
        /// nil when fewer people than the minimum are in it.
        public var size: Int?
        public var statements: [StatementShare]

        public init(label: String, size: Int?, statements: [StatementShare]) {
            self.label = label
            self.size = size
            self.statements = statements
        }
    }

    /// A statement with a direction (`agree` / `disagree`) and a share in percent (nil for a
    /// group of fewer people than the minimum).
    public struct StatementShare: Codable, Sendable, Equatable {
        public var text: String
        public var direction: String
        public var percent: Int?

        public init(text: String, direction: String, percent: Int?) {
            self.text = text
            self.direction = direction
            self.percent = percent
        }
    }

    /// A statement every opinion group leans the same way on (opinion-map.md §6, common
    /// ground; never the majority list), with each group's share.
    public struct CommonGroundFinding: Codable, Sendable, Equatable {
        public var text: String
        public var direction: String
        /// Per group, in group order.
        public var shares: [GroupPercent]

        public init(text: String, direction: String, shares: [GroupPercent]) {
            self.text = text
            self.direction = direction
            self.shares = shares
        }
    }

    /// One group's share on a statement; nil for a group of fewer people than the minimum.
    public struct GroupPercent: Codable, Sendable, Equatable {
        public var label: String
        public var percent: Int?

        public init(label: String, percent: Int?) {
            self.label = label
            self.percent = percent
        }
    }

    /// An experiment and what it taught: the test card's belief, the learning card's decision.
    public struct ExperimentFinding: Codable, Sendable, Equatable {
        public var title: String
        /// The intervention it tested, when it tested one.
        public var intervention: String?
        public var belief: String
        public var observed: String
        public var learned: String
        /// `persevere`, `pivot` or `stop`; nil while the learning card is missing.
        public var decision: String?

        public init(title: String, intervention: String?, belief: String, observed: String, learned: String, decision: String?) {
            self.title = title
            self.intervention = intervention
            self.belief = belief
            self.observed = observed
            self.learned = learned
            self.decision = decision
        }
    }

    /// Value register entries per beneficiary: how many record value created and how many value destroyed.
    public struct ValueCount: Codable, Sendable, Equatable {
        public var beneficiary: String
        public var created: Int
        public var destroyed: Int

        public init(beneficiary: String, created: Int, destroyed: Int) {
            self.beneficiary = beneficiary
            self.created = created
            self.destroyed = destroyed
        }
    }

    /// The SROI ratio's range from a stored impact map: the 5th, 50th and 95th percentile of
    /// its Monte Carlo and the ratio of the central assumptions.
    public struct SROIRange: Codable, Sendable, Equatable {
        public var ratio: Double
        public var low: Double
        public var median: Double
        public var high: Double
        /// What the range was computed from (the impact map's name).
        public var source: String

        public init(ratio: Double, low: Double, median: Double, high: Double, source: String) {
            self.ratio = ratio
            self.low = low
            self.median = median
            self.high = high
            self.source = source
        }
    }

    /// What it was worth: the value register's counts, and the SROI range where one exists.
    public struct Worth: Codable, Sendable, Equatable {
        public var register: [ValueCount]
        public var sroi: SROIRange?

        public init(register: [ValueCount], sroi: SROIRange?) {
            self.register = register
            self.sroi = sroi
        }
    }
}
