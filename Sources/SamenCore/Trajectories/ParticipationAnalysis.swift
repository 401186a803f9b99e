/// Everything known about a trajectory's participation, as plain values: the input of
/// coverage, representation, dominance and the challenges advisor.
public struct TrajectoryFacts: Sendable {
    public var trajectory: Trajectory
    public var activities: [Activity]
    public var stakeholders: [Stakeholder]
    public var participants: [Participant]
    public var participations: [Participation]
    public var decisions: [Decision]
    public var shares: [PopulationShare]
    public var today: CalendarDate

    public init(trajectory: Trajectory, activities: [Activity], stakeholders: [Stakeholder], participants: [Participant],
                participations: [Participation], decisions: [Decision], shares: [PopulationShare], today: CalendarDate) {
        self.trajectory = trajectory
        self.activities = activities
        self.stakeholders = stakeholders
        self.participants = participants
        self.participations = participations
        self.decisions = decisions
        self.shares = shares
        self.today = today
    }

    /// Activities on or before today, oldest first.
    public var pastActivities: [Activity] {
        activities.filter { CalendarDate($0.date).map { $0 <= today } ?? false }.sorted { $0.date < $1.date }
    }

    var participantsByID: [String: Participant] {
        Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// "Wie hebben we gehoord?": distinct participants per stakeholder group and phase.
public struct Coverage: Sendable, Equatable {
    public var counts: [StakeholderGroup: [Phase: Int]]
    /// Required groups (from the stakeholder register) with nobody heard in a started phase.
    public var missing: [Phase: [StakeholderGroup]]
    /// Seed 001's rhythm: citizens met at the start, and again when the service is tested.
    public var citizensAtStart: Bool
    public var citizensInImplementation: Bool

    public init(_ facts: TrajectoryFacts) {
        let activityPhase = Dictionary(facts.activities.map { ($0.id, $0.phase) }, uniquingKeysWith: { a, _ in a })
        let people = facts.participantsByID
        var seen: [StakeholderGroup: [Phase: Set<String>]] = [:]
        for participation in facts.participations {
            guard let phase = activityPhase[participation.activityID], let person = people[participation.participantID] else { continue }
            seen[person.group, default: [:]][phase, default: []].insert(person.id)
        }
        counts = seen.mapValues { $0.mapValues(\.count) }
        let required = Set(facts.stakeholders.filter(\.required).map(\.group))
        var missing: [Phase: [StakeholderGroup]] = [:]
        for phase in Phase.allCases where facts.trajectory.status(phase) != .notStarted {
            let absent = StakeholderGroup.allCases.filter { required.contains($0) && (seen[$0]?[phase]?.isEmpty ?? true) }
            if !absent.isEmpty { missing[phase] = absent }
        }
        self.missing = missing
        citizensAtStart = !(seen[.citizen]?[.coInitiation]?.isEmpty ?? true)
        citizensInImplementation = !(seen[.citizen]?[.coImplementation]?.isEmpty ?? true)
    }

    public func count(_ group: StakeholderGroup, _ phase: Phase) -> Int { counts[group]?[phase] ?? 0 }
}

/// Participants compared with the target population, per level of one variable.
public struct Representation: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The level; empty for the participants whose level is not known ("onbekend").
        public var level: String
        public var participants: Int
        /// Share of all participants, so the rows (the unknown one included) add up to 100.
        public var observedPercent: Double
        /// The target share; nil for the unknown row and for levels seen without a target.
        public var targetPercent: Double?
        /// Share among the participants whose level is known, divided by the target share:
        /// 1 is proportional, below 0.8 under-represented. Unknown levels do not dilute it.
        public var ratio: Double?
        public var underRepresented: Bool

        public var isUnknown: Bool { level.isEmpty }
    }

    public static let underRepresentedBelow = 0.8

    public var variable: String
    /// The levels with a target, then levels seen without one, then the unknown row (when any).
    public var rows: [Row]
    public var total: Int
    /// The lowest group ratio divided by the highest (1 = every group equally represented).
    public var score: Double?

    /// `level(of:)` gives a participant's level of the variable (group, age band, district);
    /// an empty level means not known. Without any target for the variable there are no rows.
    public init(variable: String, participants: [Participant], shares: [PopulationShare], level: (Participant) -> String) {
        self.variable = variable
        let targets = shares.filter { $0.variable == variable }
        var counts: [String: Int] = [:]
        for participant in participants { counts[level(participant), default: 0] += 1 }
        let total = participants.count
        let known = total - (counts[""] ?? 0)
        self.total = total
        func share(_ n: Int, of whole: Int) -> Double { whole > 0 ? 100 * Double(n) / Double(whole) : 0 }
        var rows = targets.map { target in
            let n = counts[target.level] ?? 0
            let ratio = target.percent > 0 && known > 0 ? share(n, of: known) / target.percent : nil
            return Row(level: target.level, participants: n, observedPercent: share(n, of: total), targetPercent: target.percent,
                       ratio: ratio, underRepresented: (ratio ?? 1) < Self.underRepresentedBelow)
        }
        if !targets.isEmpty {
            let targeted = Set(targets.map(\.level))
            for (seen, n) in counts.sorted(by: { $0.key < $1.key }) where !seen.isEmpty && !targeted.contains(seen) {
                rows.append(Row(level: seen, participants: n, observedPercent: share(n, of: total), targetPercent: nil,
                                ratio: nil, underRepresented: false))
            }
            if let unknown = counts[""] {
                rows.append(Row(level: "", participants: unknown, observedPercent: share(unknown, of: total), targetPercent: nil,
                                ratio: nil, underRepresented: false))
            }
        }
        self.rows = rows
        let ratios = rows.compactMap(\.ratio)
        if let low = ratios.min(), let high = ratios.max(), high > 0 { score = low / high } else { score = nil }
    }
}

/// Whether one voice dominated an activity (seed 004 #3).
public struct Dominance: Sendable, Equatable {
    public var participants: Int
    public var total: Int
    /// The largest share of contributions by one participant (0–1).
    public var topShare: Double
    /// Gini coefficient of the contributions (0 = equal, towards 1 = one person did everything).
    public var gini: Double
    public var dominated: Bool

    /// Flag when one participant's share exceeds twice the equal share, or the Gini exceeds 0.5.
    public init?(contributions: [Int]) {
        let values = contributions.map { Double(max(0, $0)) }
        let sum = values.reduce(0, +)
        guard values.count >= 2, sum > 0 else { return nil }
        participants = values.count
        total = Int(sum)
        topShare = (values.max() ?? 0) / sum
        gini = Self.gini(values)
        dominated = topShare > 2.0 / Double(values.count) || gini > 0.5
    }

    /// G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed on sorted values in O(n log n).
    public static func gini(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let sum = sorted.reduce(0, +)
        guard n > 0, sum > 0 else { return 0 }
        var weighted = 0.0
        for (i, x) in sorted.enumerated() { weighted += (2 * Double(i + 1) - n - 1) * x }
        return weighted / (n * sum)
    }
}
