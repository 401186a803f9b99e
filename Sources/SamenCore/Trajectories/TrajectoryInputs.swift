import Foundation

/// What a person (form, API or command line) sends to create or change a trajectory's
/// records, as plain text before any check. `validated` applies every rule once, so all
/// doors refuse the same input with the same codes and fields.
public struct TrajectoryInput: Sendable, Equatable {
    public var title = "", service = "", goal = "", targetGroups = "", owner = "", startDate = "", endDate = ""
    /// Needed when an edit changes the goal: the decision log must say why (seed 004 #9).
    public var goalReason = ""

    public init() {}

    public init(_ t: Trajectory) {
        title = t.title; service = t.service; goal = t.goal; targetGroups = t.targetGroups; owner = t.owner
        startDate = t.startDate; endDate = t.endDate ?? ""
    }

    /// The checked fields, trimmed; `current` is the stored trajectory when editing.
    public func validated(current: Trajectory? = nil) throws -> TrajectoryInput {
        var errors = TrajectoryRules.required(title, field: "title") + TrajectoryRules.required(service, field: "service")
            + TrajectoryRules.required(goal, field: "goal", max: 2000) + TrajectoryRules.optional(targetGroups, field: "target_groups")
            + TrajectoryRules.optional(owner, field: "owner", max: 200) + TrajectoryRules.period(start: startDate, end: endDate)
            + TrajectoryRules.optional(goalReason, field: "goal_reason", max: 2000)
        if let current, goal.trimmed != current.goal, goalReason.trimmed.isEmpty {
            // A conflict with the stored goal, not a malformed request: the API answers 409.
            errors.append(SamenError("goal_reason_required", kind: .conflict, field: "goal_reason"))
        }
        try ValidationErrors.check(errors)
        var clean = self
        clean.title = title.trimmed; clean.service = service.trimmed; clean.goal = goal.trimmed
        clean.targetGroups = targetGroups.trimmed; clean.owner = owner.trimmed; clean.goalReason = goalReason.trimmed
        return clean
    }
}

public struct ActivityInput: Sendable, Equatable {
    public var title = "", date = "", phase = "", kind = "", place = "", facilitator = "", notes = ""

    public init() {}

    public init(_ a: Activity) {
        title = a.title; date = a.date; phase = a.phase.rawValue; kind = a.kind.rawValue
        place = a.place; facilitator = a.facilitator; notes = a.notes
    }

    /// An activity in `trajectory`: a date inside the trajectory, never moved into a closed phase.
    /// A correction that keeps the activity in its own, since closed, phase is allowed.
    public func validated(in trajectory: Trajectory, id: String = "", current: Activity? = nil) throws -> Activity {
        var errors = TrajectoryRules.required(title, field: "title") + TrajectoryRules.optional(place, field: "place", max: 200)
            + TrajectoryRules.optional(facilitator, field: "facilitator", max: 200) + TrajectoryRules.optional(notes, field: "notes", max: 10_000)
        let phase = Phase(rawValue: phase)
        let kind = ActivityKind(rawValue: kind)
        if let phase { if phase != current?.phase { errors += TrajectoryRules.activityPhase(phase, in: trajectory) } } else { errors.append(.validation("phase_invalid", field: "phase")) }
        if kind == nil { errors.append(.validation("activity_kind_invalid", field: "kind")) }
        errors += TrajectoryRules.activityDate(date, in: trajectory)
        try ValidationErrors.check(errors)
        guard let phase, let kind else { throw ValidationErrors(errors) }
        return Activity(id: id, trajectoryID: trajectory.id, phase: phase, kind: kind, title: title.trimmed, date: date,
                        place: place.trimmed, facilitator: facilitator.trimmed, notes: notes.trimmed)
    }
}

public struct ParticipantInput: Sendable, Equatable {
    public var code = "", group = "", ageBand = "", district = ""
    public var vulnerable = false

    public init() {}

    public init(_ p: Participant) {
        code = p.code; group = p.group.rawValue; ageBand = p.ageBand; district = p.district; vulnerable = p.vulnerable
    }

    /// Codes are stored in capitals, so "ab-01" and "AB-01" are one participant.
    public func validated(trajectoryID: String, id: String = "") throws -> Participant {
        let code = code.trimmed.uppercased()
        var errors = TrajectoryRules.participantCode(code) + TrajectoryRules.optional(ageBand, field: "age_band", max: 40)
            + TrajectoryRules.optional(district, field: "district", max: 100)
        let group = StakeholderGroup(rawValue: group)
        if group == nil { errors.append(.validation("group_invalid", field: "group")) }
        try ValidationErrors.check(errors)
        guard let group else { throw ValidationErrors(errors) }
        return Participant(id: id, trajectoryID: trajectoryID, code: code, group: group, vulnerable: vulnerable,
                           ageBand: ageBand.trimmed, district: district.trimmed)
    }
}

public struct ParticipationInput: Sendable, Equatable {
    public var participantID = "", role = "", consent = "", contributions = ""

    public init() {}

    public init(_ p: Participation) {
        participantID = p.participantID; role = p.role; consent = p.consent.rawValue; contributions = String(p.contributions)
    }

    public func validated(activityID: String) throws -> Participation {
        var errors = TrajectoryRules.optional(role, field: "role", max: 100)
        let consent = Consent(rawValue: consent)
        if consent == nil { errors.append(.validation("consent_invalid", field: "consent")) }
        var count = 0
        switch TrajectoryRules.contributions(contributions) {
        case .success(let n): count = n
        case .failure(let error): errors.append(error)
        }
        if participantID.isEmpty { errors.append(.validation("participant_required", field: "participant")) }
        try ValidationErrors.check(errors)
        guard let consent else { throw ValidationErrors(errors) }
        return Participation(participantID: participantID, activityID: activityID, role: role.trimmed, consent: consent, contributions: count)
    }
}

public struct StakeholderInput: Sendable, Equatable {
    public var name = "", group = "", power = "", interest = "", positionDate = ""
    public var required = false, hardToReach = false, lowDigitalSkills = false, languageNeeds = false

    public init() {}

    public init(_ s: Stakeholder) {
        name = s.name; group = s.group.rawValue; required = s.required; hardToReach = s.hardToReach
        lowDigitalSkills = s.lowDigitalSkills; languageNeeds = s.languageNeeds
    }

    /// A position on the grid is optional; when power or interest is given, both and a date are needed.
    public func validated(trajectoryID: String, id: String = "") throws -> Stakeholder {
        var errors = TrajectoryRules.required(name, field: "name")
        let group = StakeholderGroup(rawValue: group)
        if group == nil { errors.append(.validation("group_invalid", field: "group")) }
        var power: Int?
        var interest: Int?
        if !(self.power + self.interest).isEmpty {
            switch TrajectoryRules.gridScore(self.power, field: "power") { case .success(let v): power = v; case .failure(let e): errors.append(e) }
            switch TrajectoryRules.gridScore(self.interest, field: "interest") { case .success(let v): interest = v; case .failure(let e): errors.append(e) }
            errors += TrajectoryRules.date(positionDate, field: "position_date")
        } else if !positionDate.isEmpty {
            errors += TrajectoryRules.date(positionDate, field: "position_date") // unused without a position, but never malformed
        }
        try ValidationErrors.check(errors)
        guard let group else { throw ValidationErrors(errors) }
        return Stakeholder(id: id, trajectoryID: trajectoryID, name: name.trimmed, group: group, required: required,
                           hardToReach: hardToReach, lowDigitalSkills: lowDigitalSkills, languageNeeds: languageNeeds,
                           power: power, interest: interest, positionDate: power == nil ? nil : positionDate)
    }
}

public struct DecisionInput: Sendable, Equatable {
    public var date = "", summary = "", reason = "", decidedBy = ""

    public init() {}

    public init(_ d: Decision) {
        date = d.date; summary = d.summary; reason = d.reason; decidedBy = d.decidedBy
    }

    /// Without a name, the decision is recorded as taken by the person who enters it.
    public func validated(trajectoryID: String, id: String = "", actorName: String) throws -> Decision {
        let errors = TrajectoryRules.date(date, field: "date") + TrajectoryRules.required(summary, field: "summary", max: 500)
            + TrajectoryRules.optional(reason, field: "reason") + TrajectoryRules.optional(decidedBy, field: "decided_by", max: 200)
        try ValidationErrors.check(errors)
        return Decision(id: id, trajectoryID: trajectoryID, kind: .decision, date: date, summary: summary.trimmed, reason: reason.trimmed,
                        decidedBy: decidedBy.trimmed.isEmpty ? actorName : decidedBy.trimmed)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
