import Foundation

/// What a person types for an intervention; `validated` gives the record or every field error at once.
public struct InterventionInput: Sendable, Equatable {
    public var title = "", description = "", problem = "", owner = "", expectedEffect = "", horizon = "", effort = "", cost = ""
    public var insightIDs: [String] = [], personaIDs: [String] = [], stepIDs: [String] = [], dimensions: [String] = []

    public init() {}

    public init(_ i: Intervention) {
        title = i.title; description = i.description; problem = i.problem; owner = i.owner; expectedEffect = i.expectedEffect
        horizon = i.horizon.rawValue; effort = i.effort.rawValue; cost = i.costEUR.map(String.init) ?? ""
        insightIDs = i.insightIDs; personaIDs = i.personaIDs; stepIDs = i.stepIDs; dimensions = i.dimensions
    }

    /// `dimensions` is the organisation's dimension set (codes); the links are checked against
    /// the trajectory by the store, in the write's transaction.
    public func validated(trajectoryID: String, dimensions known: [String], current: Intervention? = nil, today: CalendarDate) throws -> Intervention {
        var errors = TrajectoryRules.required(title, field: "title", max: 200) + TrajectoryRules.optional(description, field: "description", max: 5000)
            + TrajectoryRules.optional(problem, field: "problem", max: 2000) + TrajectoryRules.optional(owner, field: "owner", max: 200)
            + TrajectoryRules.optional(expectedEffect, field: "expected_effect", max: 2000)
        let horizon = Horizon(rawValue: horizon)
        if horizon == nil { errors.append(.validation("horizon_invalid", field: "horizon")) }
        let effort = Effort(rawValue: effort)
        if effort == nil { errors.append(.validation("effort_invalid", field: "effort")) }
        var costEUR: Int?
        if !cost.trimmed.isEmpty {
            costEUR = Int(cost.trimmed.replacingOccurrences(of: ".", with: ""))
            if costEUR == nil || costEUR! < 0 || costEUR! > 1_000_000_000 { errors.append(.validation("cost_invalid", field: "cost")) }
        }
        for (field, ids) in [("insight_ids", insightIDs), ("persona_ids", personaIDs), ("step_ids", stepIDs)]
        where ids.contains(where: { $0.trimmed.isEmpty }) {
            errors.append(.validation("link_invalid", field: field))
        }
        let chosen = Self.unique(dimensions)
        if chosen.isEmpty { errors.append(.validation("intervention_needs_dimension", field: "dimensions")) }
        if chosen.contains(where: { !known.contains($0) }) { errors.append(.validation("dimension_unknown", field: "dimensions")) }
        try ValidationErrors.check(errors)
        guard let horizon, let effort else { throw ValidationErrors(errors) }
        return Intervention(id: current?.id ?? "", trajectoryID: trajectoryID, title: title.trimmed, description: description.trimmed,
                            problem: problem.trimmed, insightIDs: Self.unique(insightIDs).sorted(), personaIDs: Self.unique(personaIDs).sorted(),
                            stepIDs: Self.unique(stepIDs).sorted(), dimensions: known.filter { chosen.contains($0) }, horizon: horizon,
                            owner: owner.trimmed, expectedEffect: expectedEffect.trimmed, effort: effort, costEUR: costEUR,
                            status: current?.status ?? .idea, statusSince: current?.statusSince ?? today.description,
                            version: current?.version ?? 1)
    }

    static func unique(_ ids: [String]) -> [String] {
        var out: [String] = []
        for id in ids.map(\.trimmed) where !id.isEmpty && !out.contains(id) { out.append(id) }
        return out
    }
}

/// A move of an intervention's status: checked against where it stands now.
public struct StatusMoveInput: Sendable, Equatable {
    public var status = "", on = "", reason = ""

    public init(status: String = "", on: String = "", reason: String = "") {
        self.status = status; self.on = on; self.reason = reason
    }

    public func validated(_ current: Intervention, today: CalendarDate, by: String) throws -> StatusChange {
        var errors = TrajectoryRules.date(on, field: "on") + TrajectoryRules.optional(reason, field: "reason", max: 1000)
        let target = InterventionStatus(rawValue: status)
        if target == nil {
            errors.append(.validation("status_invalid", field: "status"))
        } else if let target, !current.status.allows(target) {
            errors.append(SamenError("status_move_not_allowed", kind: .conflict, field: "status"))
        }
        if target == .stopped && reason.trimmed.isEmpty { errors.append(.validation("stop_reason_required", field: "reason")) }
        if let date = CalendarDate(on) {
            if date > today { errors.append(SamenError("date_in_future", kind: .conflict, field: "on")) }
            if let since = CalendarDate(current.statusSince), date < since {
                errors.append(SamenError("status_date_before_previous", kind: .conflict, field: "on"))
            }
        }
        try ValidationErrors.check(errors)
        guard let target else { throw ValidationErrors(errors) }
        return StatusChange(id: "", interventionID: current.id, from: current.status, to: target, on: on, reason: reason.trimmed, by: by)
    }
}

/// What a person types for a maturity assessment.
public struct AssessmentInput: Sendable, Equatable {
    public var dimension = "", level = "", assessedOn = "", assessors = "", justification = "", evidence = ""
    public var targetShort = "", targetMedium = "", targetLong = ""

    public init() {}

    public init(_ a: MaturityAssessment) {
        dimension = a.dimension; level = String(a.level); assessedOn = a.assessedOn; assessors = a.assessors
        justification = a.justification; evidence = a.evidence
        targetShort = a.targetShort.map(String.init) ?? ""; targetMedium = a.targetMedium.map(String.init) ?? ""
        targetLong = a.targetLong.map(String.init) ?? ""
    }

    public func validated(trajectoryID: String, dimensions known: [String], current: MaturityAssessment? = nil,
                          today: CalendarDate) throws -> MaturityAssessment {
        var errors = TrajectoryRules.date(assessedOn, field: "assessed_on") + TrajectoryRules.required(assessors, field: "assessors", max: 300)
            + TrajectoryRules.required(justification, field: "justification", max: 2000) + TrajectoryRules.optional(evidence, field: "evidence", max: 4000)
        if !known.contains(dimension) { errors.append(.validation("dimension_unknown", field: "dimension")) }
        if let date = CalendarDate(assessedOn), date > today { errors.append(SamenError("date_in_future", kind: .conflict, field: "assessed_on")) }
        func level(_ text: String, field: String, required: Bool) -> Int? {
            if text.trimmed.isEmpty {
                if required { errors.append(.validation("level_invalid", field: field)) }
                return nil
            }
            guard let value = Int(text.trimmed), MaturityAssessment.levels.contains(value) else {
                errors.append(.validation("level_invalid", field: field))
                return nil
            }
            return value
        }
        let assessed = level(self.level, field: "level", required: true)
        let targets = [("target_short", targetShort), ("target_medium", targetMedium), ("target_long", targetLong)]
            .map { level($0.1, field: $0.0, required: false) }
        let set = targets.compactMap { $0 }
        if zip(set, set.dropFirst()).contains(where: { $0 > $1 }) {
            errors.append(SamenError("targets_out_of_order", kind: .conflict, field: "target_long"))
        }
        try ValidationErrors.check(errors)
        guard let assessed else { throw ValidationErrors(errors) }
        return MaturityAssessment(id: current?.id ?? "", trajectoryID: trajectoryID, dimension: dimension, level: assessed,
                                  assessedOn: assessedOn, assessors: assessors.trimmed, justification: justification.trimmed,
                                  evidence: evidence.trimmed, targetShort: targets[0], targetMedium: targets[1], targetLong: targets[2],
                                  version: current?.version ?? 1)
    }
}
