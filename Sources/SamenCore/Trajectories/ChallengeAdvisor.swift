/// One of the twelve co-creation challenges of seed 004 that applies now, with the data
/// that triggered it. `evidence` is a message key and its values; the web layer words it
/// (nl/en) together with the challenge's advice.
public struct ChallengeSignal: Sendable, Equatable {
    public var number: Int
    public var evidenceKey: String
    public var values: [String]

    public init(number: Int, evidenceKey: String, values: [String]) {
        self.number = number
        self.evidenceKey = evidenceKey
        self.values = values
    }
}

/// Computes which of the twelve challenges the trajectory's own data shows. The
/// thresholds are named constants so they can be read and argued about in one place.
public enum ChallengeAdvisor {
    public static let dropOutShare = 0.5          // #4: more than half seen only once
    public static let longGapDays = 56            // #4: eight weeks without an activity
    public static let localVariants = 3           // #5: living-lab tests in this many places in one phase
    public static let goalChangeWindowDays = 90   // #9
    public static let goalChangesInWindow = 2
    public static let evaluationGapDays = 42      // #10: six weeks without an evaluation or check-in
    public static let intenseWindowDays = 14      // #11
    public static let intenseActivities = 3

    public static func signals(_ facts: TrajectoryFacts) -> [ChallengeSignal] {
        var out: [ChallengeSignal] = []
        let past = facts.pastActivities
        let people = facts.participantsByID
        let byActivity = Dictionary(grouping: facts.participations, by: \.activityID)
        let activityByID = Dictionary(facts.activities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // 1. Too complex to start: no stakeholders registered or no activity planned.
        if facts.stakeholders.isEmpty || facts.activities.isEmpty {
            out.append(.init(number: 1, evidenceKey: "evidence_1",
                             values: ["\(facts.stakeholders.count)", "\(facts.activities.count)"]))
        }
        // 2. Key stakeholders do not take part: required groups with nobody in any past activity.
        let heardGroups = Set(facts.participations.compactMap { p -> StakeholderGroup? in
            guard let a = activityByID[p.activityID], past.contains(a) else { return nil }
            return people[p.participantID]?.group
        })
        let absent = Set(facts.stakeholders.filter(\.required).map(\.group)).subtracting(heardGroups)
        if !absent.isEmpty && !past.isEmpty {
            out.append(.init(number: 2, evidenceKey: "evidence_2", values: absent.map(\.rawValue).sorted()))
        }
        // 3. Some participants dominate.
        let dominated = past.filter { activity in
            Dominance(contributions: (byActivity[activity.id] ?? []).map(\.contributions))?.dominated ?? false
        }
        if !dominated.isEmpty {
            out.append(.init(number: 3, evidenceKey: "evidence_3", values: dominated.map(\.title)))
        }
        // 4. Different time and needs: many seen once only, or long gaps between activities.
        let pastIDs = Set(past.map(\.id))
        var visits: [String: Int] = [:]
        for p in facts.participations where pastIDs.contains(p.activityID) { visits[p.participantID, default: 0] += 1 }
        let once = visits.values.filter { $0 == 1 }.count
        if past.count >= 2, visits.count >= 4, Double(once) / Double(visits.count) > dropOutShare {
            out.append(.init(number: 4, evidenceKey: "evidence_4_once", values: ["\(once)", "\(visits.count)"]))
        } else if let gap = longestGap(past), gap >= longGapDays {
            out.append(.init(number: 4, evidenceKey: "evidence_4_gap", values: ["\(gap / 7)"]))
        }
        // 5. Scaling needs standardisation: the same test run in many places in one phase.
        for phase in Phase.allCases {
            let places = Set(facts.activities.filter { $0.phase == phase && $0.kind == .livingLab }.map { $0.place.lowercased() })
            if places.count >= localVariants {
                out.append(.init(number: 5, evidenceKey: "evidence_5", values: ["\(places.count)", phase.rawValue]))
                break
            }
        }
        // 6. "We already ask what they think": surveys but no co-design activity.
        if facts.activities.contains(where: { $0.kind == .surveyWave }) && !facts.activities.contains(where: { $0.kind.isCoDesign }) {
            out.append(.init(number: 6, evidenceKey: "evidence_6", values: []))
        }
        // 7. Low engagement: participation falling over the last three past activities.
        let counts = past.map { Set((byActivity[$0.id] ?? []).map(\.participantID)).count }
        if counts.count >= 3 {
            let last = Array(counts.suffix(3))
            if last[0] > last[1] && last[1] > last[2] {
                out.append(.init(number: 7, evidenceKey: "evidence_7", values: last.map(String.init)))
            }
        }
        // 8. Silos: other agencies and NGOs registered, but none took part.
        let partners: Set<StakeholderGroup> = [.otherAgency, .ngo]
        let registeredPartners = facts.stakeholders.contains { partners.contains($0.group) }
        if registeredPartners && !past.isEmpty && heardGroups.isDisjoint(with: partners) {
            out.append(.init(number: 8, evidenceKey: "evidence_8", values: []))
        }
        // 9. Goals keep changing.
        let goalChanges = facts.decisions.filter { d in
            d.kind == .goalChange && (CalendarDate(d.date).map { $0.days(until: facts.today) <= goalChangeWindowDays } ?? false)
        }
        if goalChanges.count >= goalChangesInWindow {
            out.append(.init(number: 9, evidenceKey: "evidence_9", values: ["\(goalChanges.count)", "\(goalChangeWindowDays)"]))
        }
        // 10. Unsure how to evaluate: no evaluation activity or steering-group check-in for weeks.
        let checkIns = past.filter { $0.phase == .coEvaluation || $0.kind == .steeringGroup }
        let since = checkIns.last.flatMap { CalendarDate($0.date) } ?? CalendarDate(facts.trajectory.startDate)
        if let since, since.days(until: facts.today) >= evaluationGapDays {
            out.append(.init(number: 10, evidenceKey: "evidence_10", values: ["\(since.days(until: facts.today) / 7)"]))
        }
        // 11. Too intense: a participant (vulnerable ones first) in many activities within two weeks.
        var intense: [String] = []
        let dates = Dictionary(past.map { ($0.id, CalendarDate($0.date)) }, uniquingKeysWith: { a, _ in a })
        for (participantID, items) in Dictionary(grouping: facts.participations.filter { pastIDs.contains($0.activityID) }, by: \.participantID) {
            let days = items.compactMap { dates[$0.activityID] ?? nil }.sorted()
            guard let person = people[participantID] else { continue }
            // Vulnerable participants need more rest between sessions: one fewer counts as too many.
            let limit = person.vulnerable ? intenseActivities - 1 : intenseActivities
            guard days.count >= limit else { continue }
            for i in 0..<(days.count - limit + 1) where days[i].days(until: days[i + limit - 1]) <= intenseWindowDays {
                intense.append(person.code)
                break
            }
        }
        if !intense.isEmpty {
            out.append(.init(number: 11, evidenceKey: "evidence_11", values: intense.sorted()))
        }
        // 12. "Now the real work begins": citizens absent from implementation and evaluation.
        let later: [Phase] = [.coImplementation, .coEvaluation]
        if later.contains(where: { facts.trajectory.status($0) != .notStarted }) {
            if !citizensTookPart(in: later, facts) { out.append(.init(number: 12, evidenceKey: "evidence_12", values: [])) }
        }
        return out
    }

    /// Whether citizens or their family (influencers) took part in an activity of one of these phases.
    public static func citizensTookPart(in phases: [Phase], _ facts: TrajectoryFacts) -> Bool {
        let people = facts.participantsByID
        let activityByID = Dictionary(facts.activities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return facts.participations.contains { p in
            guard let a = activityByID[p.activityID], phases.contains(a.phase) else { return false }
            return [.citizen, .influencer].contains(people[p.participantID]?.group)
        }
    }

    /// The longest stretch in days between consecutive past activities, or until today after the last one.
    static func longestGap(_ past: [Activity]) -> Int? {
        let days = past.compactMap { CalendarDate($0.date) }
        guard days.count >= 2 else { return nil }
        return zip(days, days.dropFirst()).map { $0.days(until: $1) }.max()
    }
}
