/// The four phases of a CoSIE co-creation trajectory, in order (seed 004).
public enum Phase: String, CaseIterable, Sendable, Codable, Comparable {
    case coInitiation = "co_initiation"
    case coDesign = "co_design"
    case coImplementation = "co_implementation"
    case coEvaluation = "co_evaluation"

    public var index: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.index < rhs.index }
    public var next: Phase? { index + 1 < Self.allCases.count ? Self.allCases[index + 1] : nil }
}

/// Where a phase stands. A closed phase can be reopened.
public enum PhaseStatus: String, Sendable, Codable {
    case notStarted = "not_started"
    case open
    case closed
}

/// A co-creation trajectory: one service redesigned with the people who use it.
public struct Trajectory: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var organisationID: String
    public var title: String
    public var service: String
    public var goal: String
    public var targetGroups: String
    public var owner: String
    public var startDate: String
    public var endDate: String?
    public var phases: [Phase: PhaseStatus]
    public var createdAt: Int64

    public init(id: String, organisationID: String, title: String, service: String, goal: String, targetGroups: String,
                owner: String, startDate: String, endDate: String?, phases: [Phase: PhaseStatus], createdAt: Int64) {
        self.id = id
        self.organisationID = organisationID
        self.title = title
        self.service = service
        self.goal = goal
        self.targetGroups = targetGroups
        self.owner = owner
        self.startDate = startDate
        self.endDate = endDate
        self.phases = phases
        self.createdAt = createdAt
    }

    /// The furthest phase that is open, else the furthest that was ever started.
    public var currentPhase: Phase {
        Phase.allCases.last { phases[$0] == .open }
            ?? Phase.allCases.last { phases[$0] != nil && phases[$0] != .notStarted }
            ?? .coInitiation
    }

    public func status(_ phase: Phase) -> PhaseStatus { phases[phase] ?? .notStarted }
}

/// The kinds of activity inside a phase (domain.md section 2).
public enum ActivityKind: String, CaseIterable, Sendable, Codable {
    case session
    case interview
    case observation
    case livingLab = "living_lab"
    case surveyWave = "survey_wave"
    case conversation
    case conversationOfChange = "conversation_of_change"
    case steeringGroup = "steering_group"

    /// Activities where citizens design with the team (as opposed to being asked).
    public var isCoDesign: Bool { [.session, .livingLab, .conversationOfChange].contains(self) }
}

public struct Activity: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var phase: Phase
    public var kind: ActivityKind
    public var title: String
    public var date: String
    public var place: String
    public var facilitator: String
    public var notes: String

    public init(id: String, trajectoryID: String, phase: Phase, kind: ActivityKind, title: String, date: String,
                place: String, facilitator: String, notes: String) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.phase = phase
        self.kind = kind
        self.title = title
        self.date = date
        self.place = place
        self.facilitator = facilitator
        self.notes = notes
    }
}

/// Stakeholder groups (domain.md section 3).
public enum StakeholderGroup: String, CaseIterable, Sendable, Codable {
    case citizen
    case influencer
    case frontlineStaff = "frontline_staff"
    case manager
    case politician
    case ngo
    case union
    case otherAgency = "other_agency"
    case business
}

/// A registered stakeholder (a group or organisation, not a person's personal data).
public struct Stakeholder: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var name: String
    public var group: StakeholderGroup
    public var required: Bool
    public var hardToReach: Bool
    public var lowDigitalSkills: Bool
    public var languageNeeds: Bool
    /// The latest position on Mendelow's grid (1–10 each), if any.
    public var power: Int?
    public var interest: Int?
    public var positionDate: String?

    public init(id: String, trajectoryID: String, name: String, group: StakeholderGroup, required: Bool, hardToReach: Bool,
                lowDigitalSkills: Bool, languageNeeds: Bool, power: Int?, interest: Int?, positionDate: String?) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.name = name
        self.group = group
        self.required = required
        self.hardToReach = hardToReach
        self.lowDigitalSkills = lowDigitalSkills
        self.languageNeeds = languageNeeds
        self.power = power
        self.interest = interest
        self.positionDate = positionDate
    }

    /// Mendelow's quadrant for the latest position: high means above the middle (6–10).
    public var quadrant: GridQuadrant? {
        guard let power, let interest else { return nil }
        switch (power > 5, interest > 5) {
        case (true, true): return .manageClosely
        case (true, false): return .keepSatisfied
        case (false, true): return .keepInformed
        case (false, false): return .monitor
        }
    }
}

public enum GridQuadrant: String, CaseIterable, Sendable, Codable {
    case manageClosely = "manage_closely"
    case keepSatisfied = "keep_satisfied"
    case keepInformed = "keep_informed"
    case monitor
}

/// A participant, known by a pseudonymous code only: no personal data is needed.
public struct Participant: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var code: String
    public var group: StakeholderGroup
    public var vulnerable: Bool
    public var ageBand: String
    public var district: String

    public init(id: String, trajectoryID: String, code: String, group: StakeholderGroup, vulnerable: Bool,
                ageBand: String, district: String) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.code = code
        self.group = group
        self.vulnerable = vulnerable
        self.ageBand = ageBand
        self.district = district
    }
}

/// What a participant agreed to for what they contribute at an activity.
public enum Consent: String, CaseIterable, Sendable, Codable {
    case none
    case internalAnalysis = "internal"
    case publication
    case reuse
}

/// One participant's part in one activity.
public struct Participation: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var participantID: String
    public var activityID: String
    public var role: String
    public var consent: Consent
    public var contributions: Int

    public init(participantID: String, activityID: String, role: String, consent: Consent, contributions: Int) {
        self.participantID = participantID
        self.activityID = activityID
        self.role = role
        self.consent = consent
        self.contributions = contributions
    }
}

/// An entry in a trajectory's decision log (seed 004 #9: keep goals visible).
public struct Decision: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case goalChange = "goal_change"
        case decision
        case phaseChange = "phase_change"
    }
    public var id: String
    public var trajectoryID: String
    public var kind: Kind
    public var date: String
    public var summary: String
    public var reason: String
    public var decidedBy: String

    public init(id: String, trajectoryID: String, kind: Kind, date: String, summary: String, reason: String, decidedBy: String) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.kind = kind
        self.date = date
        self.summary = summary
        self.reason = reason
        self.decidedBy = decidedBy
    }
}

/// A target population share for one level of a variable (stakeholder group, age band, district).
public struct PopulationShare: Sendable, Equatable, Codable {
    public var variable: String
    public var level: String
    public var percent: Double

    public init(variable: String, level: String, percent: Double) {
        self.variable = variable
        self.level = level
        self.percent = percent
    }
}
