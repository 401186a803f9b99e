import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The writable JSON API of trajectories and their records. Reads answer with an `ETag`
/// (the row version); writes take `If-Match` and answer 412 when it is stale. Every write
/// goes through the same use-case as the web form.
struct TrajectoryAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = TrajectoryRecordJSON

    static let base = PathPattern("/api/v1/organisations/:org/trajectories")
    static let one = base.appending(":trajectory")
    static let activities = one.appending("activities")
    static let activity = activities.appending(":activity")
    static let participation = activity.appending("participation")
    static let participationOne = participation.appending(":participant")
    static let participants = one.appending("participants")
    static let participant = participants.appending(":participant")
    static let stakeholders = one.appending("stakeholders")
    static let stakeholder = stakeholders.appending(":stakeholder")
    static let decisions = one.appending("decisions")
    static let decision = decisions.appending(":decision")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (base.post, { $0.createTrajectory }), (one.patch, { $0.updateTrajectory }), (one.delete, { $0.deleteTrajectory }),
            (one.appending("phases").post, { $0.setPhase }),
            (activities.get, { $0.listActivities }), (activities.post, { $0.createActivity }),
            (activity.get, { $0.getActivity }), (activity.patch, { $0.updateActivity }), (activity.delete, { $0.deleteActivity }),
            (participation.get, { $0.listParticipation }), (participation.post, { $0.logParticipation }),
            (participationOne.patch, { $0.updateParticipation }), (participationOne.delete, { $0.deleteParticipation }),
            (participants.get, { $0.listParticipants }), (participants.post, { $0.createParticipant }),
            (participant.get, { $0.getParticipant }), (participant.patch, { $0.updateParticipant }), (participant.delete, { $0.deleteParticipant }),
            (stakeholders.get, { $0.listStakeholders }), (stakeholders.post, { $0.createStakeholder }),
            (stakeholder.get, { $0.getStakeholder }), (stakeholder.patch, { $0.updateStakeholder }), (stakeholder.delete, { $0.deleteStakeholder }),
            (stakeholder.appending("positions").post, { $0.addPosition }),
            (decisions.get, { $0.listDecisions }), (decisions.post, { $0.createDecision }),
            (decision.get, { $0.getDecision }), (decision.patch, { $0.updateDecision }), (decision.delete, { $0.deleteDecision }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    static let noContent = Response(status: .noContent)

    // MARK: trajectories

    @Sendable func createTrajectory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await t.services.membership(request, context, for: .viewOrganisation)
        let body = try await APIWrites.decode(J.TrajectoryBody.self, request, context)
        let created = try await t.writes.createTrajectory(try RecordPages(t: t).actor(membership, context), body.merged(onto: TrajectoryInput()))
        var response = try APIWrites.json(TrajectoryDataRoutes(t: t).json(created, warnings: nil), version: created.version, status: .created)
        response.headers[.location] = Self.one.link(membership.organisation.slug, created.id)
        return response
    }

    @Sendable func updateTrajectory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, _, trajectory) = try await actor(request, context)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.TrajectoryBody.self, request, context)
        let saved = try await t.writes.updateTrajectory(actor, id: trajectory.id, body.merged(onto: TrajectoryInput(trajectory)), expected: expected)
        return try APIWrites.json(TrajectoryDataRoutes(t: t).json(saved, warnings: nil), version: saved.version)
    }

    @Sendable func deleteTrajectory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, _, trajectory) = try await actor(request, context)
        try await t.writes.deleteTrajectory(actor, id: trajectory.id, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    @Sendable func setPhase(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let body = try await APIWrites.decode(J.PhaseBody.self, request, context)
        try await t.writes.setPhase(actor, id: trajectory.id, phase: body.phase, status: body.status)
        let now = try await t.trajectories.trajectory(organisationID: membership.organisation.id, id: trajectory.id) ?? trajectory
        return try APIWrites.json(TrajectoryDataRoutes(t: t).json(now, warnings: nil), version: now.version)
    }

    // MARK: activities

    func activityRecord(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Activity {
        guard let found = try await t.participation.activity(organisationID: membership.organisation.id, id: try request.parameter("activity", context)),
              found.trajectoryID == trajectory.id else { throw SamenError.notFound }
        return found
    }

    @Sendable func listActivities(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let all = try await t.participation.activities(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        return try APIWrites.list("activities", try APIWrites.page(all.map(J.ActivityJSON.init), request, sorts: [
            "date": { $0.date < $1.date }, "title": { $0.title < $1.title }, "phase": { $0.phase < $1.phase },
        ]))
    }

    @Sendable func createActivity(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let body = try await APIWrites.decode(J.ActivityBody.self, request, context)
        let created = try await t.writes.createActivity(actor, trajectoryID: trajectory.id, body.merged(onto: ActivityInput()))
        var response = try APIWrites.json(J.ActivityJSON(created), version: created.version, status: .created)
        response.headers[.location] = Self.activity.link(membership.organisation.slug, trajectory.id, created.id)
        return response
    }

    @Sendable func getActivity(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let found = try await activityRecord(request, context, membership, trajectory)
        return try APIWrites.json(J.ActivityJSON(found), version: found.version)
    }

    @Sendable func updateActivity(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await activityRecord(request, context, membership, trajectory)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.ActivityBody.self, request, context)
        let saved = try await t.writes.updateActivity(actor, current: current, body.merged(onto: ActivityInput(current)), expected: expected)
        return try APIWrites.json(J.ActivityJSON(saved), version: saved.version)
    }

    @Sendable func deleteActivity(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let current = try await activityRecord(request, context, membership, trajectory)
        try await t.writes.deleteActivity(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: participation records

    func participationRecord(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                             _ activity: Activity) async throws -> Participation {
        let participantID = try request.parameter("participant", context)
        guard let found = try await t.participation.participations(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.activityID == activity.id && $0.participantID == participantID }) else { throw SamenError.notFound }
        return found
    }

    @Sendable func listParticipation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, membership, trajectory) = try await actor(request, context)
        let activity = try await activityRecord(request, context, membership, trajectory)
        let all = try await t.participation.participations(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .filter { $0.activityID == activity.id }
        return try APIWrites.list("participation", try APIWrites.page(all.map(J.ParticipationJSON.init), request, sorts: [
            "contributions": { $0.contributions < $1.contributions },
        ]))
    }

    @Sendable func logParticipation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let activity = try await activityRecord(request, context, membership, trajectory)
        let body = try await APIWrites.decode(J.ParticipationBody.self, request, context)
        var input = ParticipationInput()
        input.contributions = "0"
        let created = try await t.writes.logParticipation(actor, activity: activity, body.merged(onto: input))
        return try APIWrites.json(J.ParticipationJSON(created), version: created.version, status: .created)
    }

    @Sendable func updateParticipation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let activity = try await activityRecord(request, context, membership, trajectory)
        let current = try await participationRecord(request, context, membership, trajectory, activity)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.ParticipationBody.self, request, context)
        let saved = try await t.writes.updateParticipation(actor, activity: activity, current: current,
                                                           body.merged(onto: ParticipationInput(current)), expected: expected)
        return try APIWrites.json(J.ParticipationJSON(saved), version: saved.version)
    }

    @Sendable func deleteParticipation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, membership, trajectory) = try await actor(request, context)
        let activity = try await activityRecord(request, context, membership, trajectory)
        let current = try await participationRecord(request, context, membership, trajectory, activity)
        try await t.writes.deleteParticipation(actor, activity: activity, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }
}
