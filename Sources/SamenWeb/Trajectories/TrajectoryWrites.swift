import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to a trajectory and its records, shared by the web pages, the API and the
/// command line: plain values in, the stored record or a `SamenError` out. Each use-case
/// checks the role, applies the rules, and stores the change and its audit entry in one
/// transaction. `expected` is the row version the caller read (nil: any version).
public struct TrajectoryWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private func trajectory(_ sql: any SQLDatabase, _ actor: WriteActor, _ id: String) async throws -> Trajectory {
        guard let trajectory = try await TrajectoryStore.load(sql: sql, organisationID: actor.organisationID, id: id) else {
            throw SamenError.notFound
        }
        return trajectory
    }

    // MARK: trajectories

    public func createTrajectory(_ actor: WriteActor, _ input: TrajectoryInput) async throws -> Trajectory {
        try actor.require(.runTrajectory)
        let clean = try input.validated()
        return try await database.transaction { sql in
            let created = try await TrajectoryStore.create(sql: sql, organisationID: actor.organisationID, Self.draft(clean))
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: created.id, entity: "trajectory", entityID: created.id, action: .create)
            return created
        }
    }

    /// A changed goal is written to the decision log with its reason, in the same transaction.
    public func updateTrajectory(_ actor: WriteActor, id: String, _ input: TrajectoryInput, expected: Int?) async throws -> Trajectory {
        try actor.require(.runTrajectory)
        return try await database.transaction { sql in
            let current = try await trajectory(sql, actor, id)
            let clean = try input.validated(current: current)
            _ = try await TrajectoryRecordWrites.updateTrajectory(sql: sql, organisationID: actor.organisationID, id: id, Self.draft(clean),
                                                                  expected: expected)
            if clean.goal != current.goal {
                try await TrajectoryStore.insertDecision(sql: sql, trajectoryID: id, kind: .goalChange, date: Self.today(),
                                                         summary: clean.goal, reason: clean.goalReason, decidedBy: actor.displayName)
            }
            var before = TrajectoryInput(current)
            before.goalReason = clean.goalReason
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: id, entity: "trajectory", entityID: id, action: .update,
                                        fields: Self.changes(before, clean))
            return try await trajectory(sql, actor, id)
        }
    }

    /// Opens, closes or reopens a phase, and logs it in the decision log.
    public func setPhase(_ actor: WriteActor, id: String, phase: String, status: String) async throws {
        try actor.require(.runTrajectory)
        guard let phase = Phase(rawValue: phase), let status = PhaseStatus(rawValue: status), status != .notStarted else {
            throw ValidationErrors([.validation("phase_invalid", field: "phase")])
        }
        try await database.transaction { sql in
            try await TrajectoryStore.setPhase(sql: sql, organisationID: actor.organisationID, id: id, phase: phase, status: status,
                                               decidedBy: actor.displayName, today: Self.today())
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: id, entity: "trajectory", entityID: id, action: .update,
                                        fields: ["phase_" + phase.rawValue])
        }
    }

    public func deleteTrajectory(_ actor: WriteActor, id: String, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteTrajectory(sql: sql, organisationID: actor.organisationID, id: id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: id, entity: "trajectory", entityID: id, action: .delete)
        }
    }

    public func trajectoryImpact(_ actor: WriteActor, id: String) async throws -> DeletionImpact {
        try await database.read { sql in
            try await TrajectoryRecordWrites.trajectoryImpact(sql: sql, organisationID: actor.organisationID, id: id)
        }
    }

    // MARK: activities

    public func createActivity(_ actor: WriteActor, trajectoryID: String, _ input: ActivityInput) async throws -> Activity {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            let activity = try input.validated(in: try await trajectory(sql, actor, trajectoryID))
            let stored = try await ParticipationStore.addActivity(sql: sql, organisationID: actor.organisationID, activity)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "activity", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateActivity(_ actor: WriteActor, current: Activity, _ input: ActivityInput, expected: Int?) async throws -> Activity {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            var activity = try input.validated(in: try await trajectory(sql, actor, current.trajectoryID), id: current.id, current: current)
            activity.version = try await TrajectoryRecordWrites.updateActivity(sql: sql, organisationID: actor.organisationID, activity,
                                                                               expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "activity", entityID: current.id,
                                        action: .update, fields: Self.changes(ActivityInput(current), ActivityInput(activity)))
            return activity
        }
    }

    public func deleteActivity(_ actor: WriteActor, _ activity: Activity, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await TrajectoryRecordWrites.deleteActivity(sql: sql, organisationID: actor.organisationID, id: activity.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: activity.trajectoryID, entity: "activity", entityID: activity.id,
                                        action: .delete)
        }
    }

    public func activityImpact(_ activity: Activity) async throws -> DeletionImpact {
        try await database.read { sql in try await TrajectoryRecordWrites.activityImpact(sql: sql, id: activity.id) }
    }

    // MARK: helpers

    static func draft(_ input: TrajectoryInput) -> TrajectoryStore.Draft {
        .init(title: input.title, service: input.service, goal: input.goal, targetGroups: input.targetGroups, owner: input.owner,
              startDate: input.startDate, endDate: input.endDate.isEmpty ? nil : input.endDate)
    }

    static func today() -> String { CalendarDate(unixTime: Clock.now()).description }

    /// The names of the changed fields (never their values): inputs reflect as label → value.
    static func changes<T>(_ before: T, _ after: T) -> [String] {
        func fields(_ value: T) -> [String: String] {
            Dictionary(Mirror(reflecting: value).children.compactMap { child in
                child.label.map { (APIWrites.snakeCase($0), "\(child.value)") }
            }, uniquingKeysWith: { a, _ in a })
        }
        return AuditEntry.changes(before: fields(before), after: fields(after)).filter { $0 != "goal_reason" }
    }
}
