import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Participants, participation records, stakeholders and decisions.
extension TrajectoryWrites {
    // MARK: participants

    public func createParticipant(_ actor: WriteActor, trajectoryID: String, _ input: ParticipantInput) async throws -> Participant {
        try actor.require(.editContent)
        let participant = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ParticipationStore.addParticipant(sql: sql, organisationID: actor.organisationID, participant)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "participant", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateParticipant(_ actor: WriteActor, current: Participant, _ input: ParticipantInput, expected: Int?) async throws -> Participant {
        try actor.require(.editContent)
        var participant = try input.validated(trajectoryID: current.trajectoryID, id: current.id)
        return try await database.transaction { sql in
            participant.version = try await TrajectoryRecordWrites.updateParticipant(sql: sql, organisationID: actor.organisationID, participant,
                                                                                     expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "participant", entityID: current.id,
                                        action: .update, fields: Self.changes(ParticipantInput(current), ParticipantInput(participant)))
            return participant
        }
    }

    public func deleteParticipant(_ actor: WriteActor, _ participant: Participant, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteParticipant(sql: sql, organisationID: actor.organisationID, id: participant.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: participant.trajectoryID, entity: "participant",
                                        entityID: participant.id, action: .delete)
        }
    }

    public func participantImpact(_ participant: Participant) async throws -> DeletionImpact {
        try await database.read { sql in try await TrajectoryRecordWrites.participantImpact(sql: sql, id: participant.id) }
    }

    // MARK: participation records

    /// Logs a participant at an activity of the same trajectory; twice at one activity is refused.
    public func logParticipation(_ actor: WriteActor, activity: Activity, _ input: ParticipationInput) async throws -> Participation {
        try actor.require(.editContent)
        let participation = try input.validated(activityID: activity.id)
        return try await database.transaction { sql in
            try await ParticipationStore.logParticipation(sql: sql, organisationID: actor.organisationID, participation)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: activity.trajectoryID, entity: "participation",
                                        entityID: Self.participationID(participation), action: .create)
            return participation
        }
    }

    public func updateParticipation(_ actor: WriteActor, activity: Activity, current: Participation, _ input: ParticipationInput,
                                    expected: Int?) async throws -> Participation {
        try actor.require(.editContent)
        var changed = input
        changed.participantID = current.participantID // the person and the activity are the record's key
        var participation = try changed.validated(activityID: current.activityID)
        return try await database.transaction { sql in
            participation.version = try await TrajectoryRecordWrites.updateParticipation(sql: sql, organisationID: actor.organisationID,
                                                                                         participation, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: activity.trajectoryID, entity: "participation",
                                        entityID: Self.participationID(current), action: .update,
                                        fields: Self.changes(ParticipationInput(current), ParticipationInput(participation)))
            return participation
        }
    }

    public func deleteParticipation(_ actor: WriteActor, activity: Activity, _ participation: Participation, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteParticipation(sql: sql, organisationID: actor.organisationID,
                                                                 participantID: participation.participantID, activityID: participation.activityID,
                                                                 expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: activity.trajectoryID, entity: "participation",
                                        entityID: Self.participationID(participation), action: .delete)
        }
    }

    /// A participation record is keyed by participant and activity; the trail names both.
    static func participationID(_ p: Participation) -> String { p.participantID + "@" + p.activityID }

    // MARK: stakeholders

    public func createStakeholder(_ actor: WriteActor, trajectoryID: String, _ input: StakeholderInput) async throws -> Stakeholder {
        try actor.require(.editContent)
        let stakeholder = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ParticipationStore.addStakeholder(sql: sql, organisationID: actor.organisationID, stakeholder)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "stakeholder", entityID: stored.id, action: .create)
            return stored
        }
    }

    /// Changes the name, group and flags; a new position on the grid is a dated entry of its own (history is kept).
    public func updateStakeholder(_ actor: WriteActor, current: Stakeholder, _ input: StakeholderInput, expected: Int?) async throws -> Stakeholder {
        try actor.require(.editContent)
        var stakeholder = try input.validated(trajectoryID: current.trajectoryID, id: current.id)
        return try await database.transaction { sql in
            stakeholder.version = try await TrajectoryRecordWrites.updateStakeholder(sql: sql, organisationID: actor.organisationID, stakeholder,
                                                                                     expected: expected)
            var fields = Self.changes(StakeholderInput(current), StakeholderInput(stakeholder))
            if let power = stakeholder.power, let interest = stakeholder.interest, let date = stakeholder.positionDate {
                try await ParticipationStore.insertPosition(sql: sql, stakeholderID: current.id, power: power, interest: interest, date: date)
                fields.append("position")
            } else {
                stakeholder.power = current.power
                stakeholder.interest = current.interest
                stakeholder.positionDate = current.positionDate
            }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "stakeholder", entityID: current.id,
                                        action: .update, fields: fields)
            return stakeholder
        }
    }

    /// A new dated position on the power/interest grid (positions change; history is kept).
    public func addPosition(_ actor: WriteActor, trajectoryID: String, stakeholderID: String, power: String, interest: String,
                            date: String) async throws {
        try actor.require(.editContent)
        var errors: [SamenError] = []
        var powerValue = 0, interestValue = 0
        switch TrajectoryRules.gridScore(power, field: "power") { case .success(let v): powerValue = v; case .failure(let e): errors.append(e) }
        switch TrajectoryRules.gridScore(interest, field: "interest") { case .success(let v): interestValue = v; case .failure(let e): errors.append(e) }
        errors += TrajectoryRules.date(date, field: "position_date")
        try ValidationErrors.check(errors)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.requireStakeholder(sql: sql, organisationID: actor.organisationID, trajectoryID: trajectoryID,
                                                                id: stakeholderID)
            try await ParticipationStore.insertPosition(sql: sql, stakeholderID: stakeholderID, power: powerValue, interest: interestValue, date: date)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "stakeholder", entityID: stakeholderID,
                                        action: .update, fields: ["position"])
        }
    }

    public func deleteStakeholder(_ actor: WriteActor, _ stakeholder: Stakeholder, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteStakeholder(sql: sql, organisationID: actor.organisationID, id: stakeholder.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: stakeholder.trajectoryID, entity: "stakeholder",
                                        entityID: stakeholder.id, action: .delete)
        }
    }

    public func stakeholderImpact(_ stakeholder: Stakeholder) async throws -> DeletionImpact {
        try await database.read { sql in try await TrajectoryRecordWrites.stakeholderImpact(sql: sql, id: stakeholder.id) }
    }

    // MARK: decisions

    public func createDecision(_ actor: WriteActor, trajectoryID: String, _ input: DecisionInput) async throws -> Decision {
        try actor.require(.editContent)
        var decision = try input.validated(trajectoryID: trajectoryID, actorName: actor.displayName)
        return try await database.transaction { sql in
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: actor.organisationID, trajectoryID: trajectoryID)
            decision.id = try await TrajectoryStore.insertDecision(sql: sql, trajectoryID: trajectoryID, kind: .decision, date: decision.date,
                                                                   summary: decision.summary, reason: decision.reason, decidedBy: decision.decidedBy)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "decision", entityID: decision.id, action: .create)
            return decision
        }
    }

    /// Goal and phase changes are written by Samen itself and stay as they are.
    public func updateDecision(_ actor: WriteActor, current: Decision, _ input: DecisionInput, expected: Int?) async throws -> Decision {
        try actor.require(.editContent)
        guard current.kind == .decision else { throw SamenError("decision_kept", kind: .conflict) }
        var decision = try input.validated(trajectoryID: current.trajectoryID, id: current.id, actorName: actor.displayName)
        return try await database.transaction { sql in
            decision.version = try await TrajectoryRecordWrites.updateDecision(sql: sql, organisationID: actor.organisationID, decision,
                                                                               expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "decision", entityID: current.id,
                                        action: .update, fields: Self.changes(DecisionInput(current), DecisionInput(decision)))
            return decision
        }
    }

    public func deleteDecision(_ actor: WriteActor, _ decision: Decision, expected: Int?) async throws {
        try actor.require(.editContent)
        guard decision.kind == .decision else { throw SamenError("decision_kept", kind: .conflict) }
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteDecision(sql: sql, organisationID: actor.organisationID, id: decision.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: decision.trajectoryID, entity: "decision", entityID: decision.id,
                                        action: .delete)
        }
    }
}
