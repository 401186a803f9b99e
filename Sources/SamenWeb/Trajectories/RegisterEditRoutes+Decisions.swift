import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Decisions (only those people entered; goal and phase changes are Samen's own log) and the trajectory itself.
extension RegisterEditRoutes {
    func decision(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Trajectory, Decision) {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let id = try request.parameter("decision", context)
        guard let found = try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        guard found.kind == .decision else { throw SamenError("decision_kept", kind: .conflict) }
        return (membership, trajectory, found)
    }

    static func values(_ d: Decision) -> [String: String] {
        ["date": d.date, "summary": d.summary, "reason": d.reason, "decided_by": d.decidedBy]
    }

    func decisionSpec(_ slug: String, _ trajectory: Trajectory, _ d: Decision, _ context: AppRequestContext) -> RecordPages.Spec {
        RecordPages.Spec(
            heading: t.word("decision_edit_title", context),
            layout: [("date", .date), ("summary", .text), ("reason", .textarea), ("decided_by", .text)],
            action: TrajectoryPath.decisionEdit.link(slug, trajectory.id, d.id), back: TrajectoryPath.decisions.link(slug, trajectory.id),
            deleteLink: TrajectoryPath.decisionDelete.link(slug, trajectory.id, d.id))
    }

    @Sendable func decisionForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, d) = try await decision(request, context)
        return pages.editPage(request, context, membership, trajectory, decisionSpec(membership.organisation.slug, trajectory, d, context),
                              values: Self.values(d), version: d.version)
    }

    @Sendable func decisionEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, d) = try await decision(request, context)
        let form = try await request.form(context)
        let actor = try pages.actor(membership, context)
        var input = DecisionInput()
        input.date = form["date"]; input.summary = form["summary"]; input.reason = form["reason"]; input.decidedBy = form["decided_by"]
        return try await pages.save(request, context, membership, trajectory, decisionSpec(membership.organisation.slug, trajectory, d, context),
                                    form: form, reload: {
            try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                .first { $0.id == d.id }.map { (Self.values($0), $0.version) }
        }, write: { _ = try await t.writes.updateDecision(actor, current: d, input, expected: $0) })
    }

    @Sendable func decisionDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, d) = try await decision(request, context)
        let slug = membership.organisation.slug
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("decision_delete_title", context), name: d.summary,
                                impact: DeletionImpact([]), action: TrajectoryPath.decisionDelete.link(slug, trajectory.id, d.id),
                                back: TrajectoryPath.decisions.link(slug, trajectory.id), version: d.version)
    }

    @Sendable func decisionDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, d) = try await decision(request, context)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("decision_delete_title", context), name: d.summary,
            action: TrajectoryPath.decisionDelete.link(slug, trajectory.id, d.id), back: TrajectoryPath.decisions.link(slug, trajectory.id),
            done: TrajectoryPath.decisions.link(slug, trajectory.id), impact: { DeletionImpact([]) },
            reload: {
                try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                    .first { $0.id == d.id }?.version
            },
            delete: { try await t.writes.deleteDecision(actor, d, expected: $0) })
    }

    // MARK: the trajectory

    @Sendable func trajectoryDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("trajectory_delete_title", context),
                                name: trajectory.title, impact: try await t.writes.trajectoryImpact(actor, id: trajectory.id),
                                action: TrajectoryPath.delete.link(slug, trajectory.id), back: TrajectoryPath.trajectory.link(slug, trajectory.id),
                                version: trajectory.version)
    }

    @Sendable func trajectoryDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("trajectory_delete_title", context), name: trajectory.title,
            action: TrajectoryPath.delete.link(slug, trajectory.id), back: TrajectoryPath.trajectory.link(slug, trajectory.id),
            done: TrajectoryPath.list.link(slug), impact: { try await t.writes.trajectoryImpact(actor, id: trajectory.id) },
            reload: { try await t.trajectories.trajectory(organisationID: membership.organisation.id, id: trajectory.id)?.version },
            delete: { try await t.writes.deleteTrajectory(actor, id: trajectory.id, expected: $0) })
    }
}
