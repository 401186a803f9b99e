import Foundation
import SamenCore
import SamenStore

/// Every write to published reports, shared by the pages, the API and the demo: the role
/// check, the rules, and one transaction with the change and its audit entry. A published
/// snapshot is never edited: a new version is a new publication.
public struct TrajectoryReportWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let maximumTitleLength = 200

    /// Publishes the report of `scope` (a phase or `final`) as it stands now; `share` gives it a public link.
    func publish(_ actor: WriteActor, organisation: Organisation, trajectory: Trajectory, scope: String, title: String, share: Bool) async throws
        -> PublishedReport {
        try actor.require(.runTrajectory)
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [SamenError] = []
        if !TrajectoryReportSnapshot.scopes.contains(scope) { errors.append(.validation("report_scope_invalid", field: "scope")) }
        errors += TrajectoryRules.required(title, field: "title", max: Self.maximumTitleLength)
        try ValidationErrors.check(errors)
        let snapshot = try await ReportSnapshotBuilder(database: database).snapshot(organisation, trajectory, scope: scope)
        let kind = database.kind
        return try await database.transaction { sql in
            let report = try await TrajectoryReportStore.publish(sql: sql, kind: kind, organisationID: actor.organisationID, trajectoryID: trajectory.id,
                                                                 title: title, snapshot: snapshot, by: actor.displayName,
                                                                 publicToken: share ? Secrets.token() : nil)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectory.id, entity: "trajectory_report", entityID: report.id,
                                        action: .create)
            return report
        }
    }

    /// Withdraws a report (its public link stops working; the team still reads it) or puts it out again.
    func setWithdrawn(_ actor: WriteActor, _ report: PublishedReport, withdrawn: Bool, expected: Int?) async throws -> Int {
        try actor.require(.runTrajectory)
        return try await database.transaction { sql in
            let version = try await TrajectoryReportStore.setWithdrawn(sql: sql, organisationID: actor.organisationID, id: report.id,
                                                                       withdrawn: withdrawn, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: report.trajectoryID, entity: "trajectory_report", entityID: report.id,
                                        action: .update, fields: ["withdrawn_at"])
            return version
        }
    }

    /// Deletes a published version for good (administrators only).
    func delete(_ actor: WriteActor, _ report: PublishedReport, expected: Int?) async throws {
        try actor.require(.manageOrganisation)
        try await database.transaction { sql in
            try await TrajectoryReportStore.delete(sql: sql, organisationID: actor.organisationID, id: report.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: report.trajectoryID, entity: "trajectory_report", entityID: report.id,
                                        action: .delete)
        }
    }
}
