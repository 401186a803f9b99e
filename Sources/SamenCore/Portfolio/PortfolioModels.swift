import Foundation

/// When an intervention is meant to work (domain.md §7): short < 1 year, medium 1–3 years, long > 3 years.
public enum Horizon: String, CaseIterable, Codable, Sendable {
    case short, medium, long
}

/// Effort an intervention asks of the organisation.
public enum Effort: String, CaseIterable, Codable, Sendable {
    case low, medium, high
}

/// Where an intervention stands. The way forward is one step at a time
/// (idea → planned → in experiment → implemented → evaluated); one step back corrects a
/// mistake; any open status can stop (with a reason) and a stopped one can start again as an idea.
public enum InterventionStatus: String, CaseIterable, Codable, Sendable {
    case idea, planned
    case inExperiment = "in_experiment"
    case implemented, evaluated, stopped

    static let forward: [InterventionStatus] = [.idea, .planned, .inExperiment, .implemented, .evaluated]

    /// The statuses this one may move to.
    public var moves: [InterventionStatus] {
        if self == .stopped { return [.idea] }
        guard let index = Self.forward.firstIndex(of: self) else { return [] }
        var next: [InterventionStatus] = []
        if index + 1 < Self.forward.count { next.append(Self.forward[index + 1]) }
        if index > 0 { next.append(Self.forward[index - 1]) }
        return next + [.stopped]
    }

    public func allows(_ target: InterventionStatus) -> Bool { moves.contains(target) }
}

/// A change of the portfolio: what we change in the service, why (the problem and the
/// evidence it answers), on which dimensions and horizon, and how it stands.
public struct Intervention: Sendable, Hashable, Codable, Versioned {
    public var id: String
    public var trajectoryID: String
    public var title: String
    public var description: String
    public var problem: String
    public var insightIDs: [String]
    public var personaIDs: [String]
    public var stepIDs: [String]
    public var dimensions: [String]
    public var horizon: Horizon
    public var owner: String
    public var expectedEffect: String
    public var effort: Effort
    /// Expected cost in whole euros, when known.
    public var costEUR: Int?
    public var status: InterventionStatus
    /// The date of the latest status change.
    public var statusSince: String
    public var version: Int

    public init(id: String, trajectoryID: String, title: String, description: String, problem: String, insightIDs: [String],
                personaIDs: [String], stepIDs: [String], dimensions: [String], horizon: Horizon, owner: String, expectedEffect: String,
                effort: Effort, costEUR: Int?, status: InterventionStatus = .idea, statusSince: String, version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.title = title
        self.description = description
        self.problem = problem
        self.insightIDs = insightIDs
        self.personaIDs = personaIDs
        self.stepIDs = stepIDs
        self.dimensions = dimensions
        self.horizon = horizon
        self.owner = owner
        self.expectedEffect = expectedEffect
        self.effort = effort
        self.costEUR = costEUR
        self.status = status
        self.statusSince = statusSince
        self.version = version
    }
}

/// One step in an intervention's status history.
public struct StatusChange: Sendable, Hashable, Codable {
    public var id: String
    public var interventionID: String
    public var from: InterventionStatus?
    public var to: InterventionStatus
    public var on: String
    public var reason: String
    public var by: String

    public init(id: String, interventionID: String, from: InterventionStatus?, to: InterventionStatus, on: String, reason: String, by: String) {
        self.id = id
        self.interventionID = interventionID
        self.from = from
        self.to = to
        self.on = on
        self.reason = reason
        self.by = by
    }
}

/// A self-assessment of the organisation's maturity on one dimension (levels 1–5:
/// ad hoc, aware, defined, managed, citizen-led), with the targets per horizon.
public struct MaturityAssessment: Sendable, Hashable, Codable, Versioned {
    public static let levels = 1...5

    public var id: String
    public var trajectoryID: String
    public var dimension: String
    public var level: Int
    public var assessedOn: String
    public var assessors: String
    public var justification: String
    /// Links or references to the evidence, one per line.
    public var evidence: String
    public var targetShort: Int?
    public var targetMedium: Int?
    public var targetLong: Int?
    public var version: Int

    public init(id: String, trajectoryID: String, dimension: String, level: Int, assessedOn: String, assessors: String, justification: String,
                evidence: String, targetShort: Int?, targetMedium: Int?, targetLong: Int?, version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.dimension = dimension
        self.level = level
        self.assessedOn = assessedOn
        self.assessors = assessors
        self.justification = justification
        self.evidence = evidence
        self.targetShort = targetShort
        self.targetMedium = targetMedium
        self.targetLong = targetLong
        self.version = version
    }
}

/// Where self-assessment and citizens' experience disagree (domain.md §7): a dimension rated
/// managed or citizen-led (4–5) while the survey's gap is large even at the low end of its
/// confidence interval (at least one scale point).
public enum GrowthModelRules {
    public static let matureLevel = 4
    public static let largeGap = 1.0

    public static func contradicts(level: Int, gapLow: Double) -> Bool { level >= matureLevel && gapLow >= largeGap }
}
