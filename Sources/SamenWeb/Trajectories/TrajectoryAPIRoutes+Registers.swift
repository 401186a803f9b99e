import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Participants, stakeholders and decisions in the API.
extension TrajectoryAPIRoutes {
    // MARK: participants

    func participantRecord(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Participant {
        let id = try request.parameter("participant", context)
        guard let found = try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return found
    }

    @Sendable func listParticipants(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let all = try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        return try APIWrites.list("participants", try APIWrites.page(all.map(J.ParticipantJSON.init), request, sorts: [
            "code": { $0.code < $1.code }, "group": { $0.group < $1.group },
        ]))
    }

    @Sendable func createParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let body = try await APIWrites.decode(J.ParticipantBody.self, request, context)
        let created = try await t.writes.createParticipant(actor, trajectoryID: trajectory.id, body.merged(onto: ParticipantInput()))
        var response = try APIWrites.json(J.ParticipantJSON(created), version: created.version, status: .created)
        response.headers[.location] = Self.participant.link(membership.organisation.slug, trajectory.id, created.id)
        return response
    }

    @Sendable func getParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let found = try await participantRecord(request, context, membership, trajectory)
        return try APIWrites.json(J.ParticipantJSON(found), version: found.version)
    }

    @Sendable func updateParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await participantRecord(request, context, membership, trajectory)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.ParticipantBody.self, request, context)
        let saved = try await t.writes.updateParticipant(actor, current: current, body.merged(onto: ParticipantInput(current)), expected: expected)
        return try APIWrites.json(J.ParticipantJSON(saved), version: saved.version)
    }

    @Sendable func deleteParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await participantRecord(request, context, membership, trajectory)
        try await t.writes.deleteParticipant(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: stakeholders

    func stakeholderRecord(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Stakeholder {
        let id = try request.parameter("stakeholder", context)
        guard let found = try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return found
    }

    @Sendable func listStakeholders(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let all = try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        return try APIWrites.list("stakeholders", try APIWrites.page(all.map(J.StakeholderJSON.init), request, sorts: [
            "name": { $0.name < $1.name }, "group": { $0.group < $1.group },
        ]))
    }

    @Sendable func createStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let body = try await APIWrites.decode(J.StakeholderBody.self, request, context)
        let created = try await t.writes.createStakeholder(actor, trajectoryID: trajectory.id, body.merged(onto: StakeholderInput()))
        var response = try APIWrites.json(J.StakeholderJSON(created), version: created.version, status: .created)
        response.headers[.location] = Self.stakeholder.link(membership.organisation.slug, trajectory.id, created.id)
        return response
    }

    @Sendable func getStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let found = try await stakeholderRecord(request, context, membership, trajectory)
        return try APIWrites.json(J.StakeholderJSON(found), version: found.version)
    }

    @Sendable func updateStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await stakeholderRecord(request, context, membership, trajectory)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.StakeholderBody.self, request, context)
        let saved = try await t.writes.updateStakeholder(actor, current: current, body.merged(onto: StakeholderInput(current)), expected: expected)
        return try APIWrites.json(J.StakeholderJSON(saved), version: saved.version)
    }

    @Sendable func deleteStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await stakeholderRecord(request, context, membership, trajectory)
        try await t.writes.deleteStakeholder(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    @Sendable func addPosition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await stakeholderRecord(request, context, membership, trajectory)
        let body = try await APIWrites.decode(J.PositionBody.self, request, context)
        try await t.writes.addPosition(actor, trajectoryID: trajectory.id, stakeholderID: current.id, power: String(body.power),
                                       interest: String(body.interest), date: body.positionDate)
        let now = try await stakeholderRecord(request, context, membership, trajectory)
        return try APIWrites.json(J.StakeholderJSON(now), version: now.version, status: .created)
    }

    // MARK: decisions

    func decisionRecord(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Decision {
        let id = try request.parameter("decision", context)
        guard let found = try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return found
    }

    @Sendable func listDecisions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let all = try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        return try APIWrites.list("decisions", try APIWrites.page(all.map(J.DecisionJSON.init), request, sorts: [
            "date": { $0.date < $1.date }, "kind": { $0.kind < $1.kind },
        ]))
    }

    @Sendable func createDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let body = try await APIWrites.decode(J.DecisionBody.self, request, context)
        let created = try await t.writes.createDecision(actor, trajectoryID: trajectory.id, body.merged(onto: DecisionInput()))
        var response = try APIWrites.json(J.DecisionJSON(created), version: created.version, status: .created)
        response.headers[.location] = Self.decision.link(membership.organisation.slug, trajectory.id, created.id)
        return response
    }

    @Sendable func getDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let found = try await decisionRecord(request, context, membership, trajectory)
        return try APIWrites.json(J.DecisionJSON(found), version: found.version)
    }

    @Sendable func updateDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await decisionRecord(request, context, membership, trajectory)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.DecisionBody.self, request, context)
        let saved = try await t.writes.updateDecision(actor, current: current, body.merged(onto: DecisionInput(current)), expected: expected)
        return try APIWrites.json(J.DecisionJSON(saved), version: saved.version)
    }

    @Sendable func deleteDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await decisionRecord(request, context, membership, trajectory)
        try await t.writes.deleteDecision(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }
}
