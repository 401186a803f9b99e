import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Editing and deleting participants, stakeholders, decisions and the trajectory itself.
struct RegisterEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var pages: RecordPages { RecordPages(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.participantEdit.get, { $0.participantForm }), (TrajectoryPath.participantEdit.post, { $0.participantEdit }),
            (TrajectoryPath.participantDelete.get, { $0.participantDeleteForm }), (TrajectoryPath.participantDelete.post, { $0.participantDelete }),
            (TrajectoryPath.stakeholderEdit.get, { $0.stakeholderForm }), (TrajectoryPath.stakeholderEdit.post, { $0.stakeholderEdit }),
            (TrajectoryPath.stakeholderDelete.get, { $0.stakeholderDeleteForm }), (TrajectoryPath.stakeholderDelete.post, { $0.stakeholderDelete }),
            (TrajectoryPath.decisionEdit.get, { $0.decisionForm }), (TrajectoryPath.decisionEdit.post, { $0.decisionEdit }),
            (TrajectoryPath.decisionDelete.get, { $0.decisionDeleteForm }), (TrajectoryPath.decisionDelete.post, { $0.decisionDelete }),
            (TrajectoryPath.delete.get, { $0.trajectoryDeleteForm }), (TrajectoryPath.delete.post, { $0.trajectoryDelete }),
        ]
    }

    // MARK: participants

    func participant(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Trajectory, Participant) {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let id = try request.parameter("participant", context)
        guard let found = try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return (membership, trajectory, found)
    }

    static func values(_ p: Participant) -> [String: String] {
        ["code": p.code, "group": p.group.rawValue, "vulnerable": p.vulnerable ? "1" : "", "age_band": p.ageBand, "district": p.district]
    }

    func participantSpec(_ slug: String, _ trajectory: Trajectory, _ p: Participant, _ context: AppRequestContext) -> RecordPages.Spec {
        RecordPages.Spec(
            heading: t.word("participant_edit_title", context),
            layout: [("code", .text), ("group", .select(t.options(StakeholderGroup.self, selected: "", prefix: "group_", context))),
                     ("vulnerable", .checkbox), ("age_band", .text), ("district", .text)],
            action: TrajectoryPath.participantEdit.link(slug, trajectory.id, p.id), back: TrajectoryPath.participants.link(slug, trajectory.id),
            deleteLink: TrajectoryPath.participantDelete.link(slug, trajectory.id, p.id))
    }

    @Sendable func participantForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, p) = try await participant(request, context)
        return pages.editPage(request, context, membership, trajectory, participantSpec(membership.organisation.slug, trajectory, p, context),
                              values: Self.values(p), version: p.version)
    }

    @Sendable func participantEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, p) = try await participant(request, context)
        let form = try await request.form(context)
        let actor = try pages.actor(membership, context)
        var input = ParticipantInput()
        input.code = form["code"]; input.group = form["group"]; input.vulnerable = !form["vulnerable"].isEmpty
        input.ageBand = form["age_band"]; input.district = form["district"]
        return try await pages.save(request, context, membership, trajectory, participantSpec(membership.organisation.slug, trajectory, p, context),
                                    form: form, reload: {
            try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                .first { $0.id == p.id }.map { (Self.values($0), $0.version) }
        }, write: { _ = try await t.writes.updateParticipant(actor, current: p, input, expected: $0) })
    }

    @Sendable func participantDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, p) = try await participant(request, context)
        let slug = membership.organisation.slug
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("participant_delete_title", context), name: p.code,
                                impact: try await t.writes.participantImpact(p), action: TrajectoryPath.participantDelete.link(slug, trajectory.id, p.id),
                                back: TrajectoryPath.participants.link(slug, trajectory.id), version: p.version)
    }

    @Sendable func participantDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, p) = try await participant(request, context)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("participant_delete_title", context), name: p.code,
            action: TrajectoryPath.participantDelete.link(slug, trajectory.id, p.id), back: TrajectoryPath.participants.link(slug, trajectory.id),
            done: TrajectoryPath.participants.link(slug, trajectory.id), impact: { try await t.writes.participantImpact(p) },
            reload: {
                try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                    .first { $0.id == p.id }?.version
            },
            delete: { try await t.writes.deleteParticipant(actor, p, expected: $0) })
    }

    // MARK: stakeholders

    func stakeholder(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Trajectory, Stakeholder) {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let id = try request.parameter("stakeholder", context)
        guard let found = try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return (membership, trajectory, found)
    }

    static func values(_ s: Stakeholder) -> [String: String] {
        ["name": s.name, "group": s.group.rawValue, "required": s.required ? "1" : "", "hard_to_reach": s.hardToReach ? "1" : "",
         "low_digital_skills": s.lowDigitalSkills ? "1" : "", "language_needs": s.languageNeeds ? "1" : "",
         "power": "", "interest": "", "position_date": ""]
    }

    func stakeholderSpec(_ slug: String, _ trajectory: Trajectory, _ s: Stakeholder, _ context: AppRequestContext) -> RecordPages.Spec {
        RecordPages.Spec(
            heading: t.word("stakeholder_edit_title", context),
            layout: [("name", .text), ("group", .select(t.options(StakeholderGroup.self, selected: "", prefix: "group_", context))),
                     ("required", .checkbox), ("hard_to_reach", .checkbox), ("low_digital_skills", .checkbox), ("language_needs", .checkbox),
                     ("power", .number), ("interest", .number), ("position_date", .date)],
            action: TrajectoryPath.stakeholderEdit.link(slug, trajectory.id, s.id), back: TrajectoryPath.stakeholders.link(slug, trajectory.id),
            deleteLink: TrajectoryPath.stakeholderDelete.link(slug, trajectory.id, s.id))
    }

    @Sendable func stakeholderForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, s) = try await stakeholder(request, context)
        return pages.editPage(request, context, membership, trajectory, stakeholderSpec(membership.organisation.slug, trajectory, s, context),
                              values: Self.values(s), version: s.version)
    }

    @Sendable func stakeholderEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, s) = try await stakeholder(request, context)
        let form = try await request.form(context)
        let actor = try pages.actor(membership, context)
        var input = StakeholderInput()
        input.name = form["name"]; input.group = form["group"]; input.required = !form["required"].isEmpty
        input.hardToReach = !form["hard_to_reach"].isEmpty; input.lowDigitalSkills = !form["low_digital_skills"].isEmpty
        input.languageNeeds = !form["language_needs"].isEmpty
        input.power = form["power"]; input.interest = form["interest"]; input.positionDate = form["position_date"]
        return try await pages.save(request, context, membership, trajectory, stakeholderSpec(membership.organisation.slug, trajectory, s, context),
                                    form: form, reload: {
            try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                .first { $0.id == s.id }.map { (Self.values($0), $0.version) }
        }, write: { _ = try await t.writes.updateStakeholder(actor, current: s, input, expected: $0) })
    }

    @Sendable func stakeholderDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, s) = try await stakeholder(request, context)
        let slug = membership.organisation.slug
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("stakeholder_delete_title", context), name: s.name,
                                impact: try await t.writes.stakeholderImpact(s), action: TrajectoryPath.stakeholderDelete.link(slug, trajectory.id, s.id),
                                back: TrajectoryPath.stakeholders.link(slug, trajectory.id), version: s.version)
    }

    @Sendable func stakeholderDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, s) = try await stakeholder(request, context)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("stakeholder_delete_title", context), name: s.name,
            action: TrajectoryPath.stakeholderDelete.link(slug, trajectory.id, s.id), back: TrajectoryPath.stakeholders.link(slug, trajectory.id),
            done: TrajectoryPath.stakeholders.link(slug, trajectory.id), impact: { try await t.writes.stakeholderImpact(s) },
            reload: {
                try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                    .first { $0.id == s.id }?.version
            },
            delete: { try await t.writes.deleteStakeholder(actor, s, expected: $0) })
    }
}
