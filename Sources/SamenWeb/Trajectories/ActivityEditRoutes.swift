import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Editing and deleting activities and the participation records in them.
struct ActivityEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var pages: RecordPages { RecordPages(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.activityEdit.get, { $0.editForm }), (TrajectoryPath.activityEdit.post, { $0.edit }),
            (TrajectoryPath.activityDelete.get, { $0.deleteForm }), (TrajectoryPath.activityDelete.post, { $0.delete }),
            (TrajectoryPath.participationEdit.get, { $0.participationForm }), (TrajectoryPath.participationEdit.post, { $0.participationEdit }),
            (TrajectoryPath.participationDelete.get, { $0.participationDeleteForm }),
            (TrajectoryPath.participationDelete.post, { $0.participationDelete }),
        ]
    }

    // MARK: activities

    func activity(_ request: Request, _ context: AppRequestContext, for action: Action) async throws -> (Membership, Trajectory, Activity) {
        let (membership, trajectory) = try await t.access(request, context, for: action)
        guard let activity = try await t.participation.activity(organisationID: membership.organisation.id, id: try request.parameter("activity", context)),
              activity.trajectoryID == trajectory.id else { throw SamenError.notFound }
        return (membership, trajectory, activity)
    }

    static func values(_ a: Activity) -> [String: String] {
        ["title": a.title, "date": a.date, "phase": a.phase.rawValue, "kind": a.kind.rawValue, "place": a.place,
         "facilitator": a.facilitator, "notes": a.notes]
    }

    static func input(_ form: FormData) -> ActivityInput {
        var input = ActivityInput()
        input.title = form["title"]; input.date = form["date"]; input.phase = form["phase"]; input.kind = form["kind"]
        input.place = form["place"]; input.facilitator = form["facilitator"]; input.notes = form["notes"]
        return input
    }

    func spec(_ slug: String, _ trajectory: Trajectory, _ activity: Activity, _ context: AppRequestContext) -> RecordPages.Spec {
        RecordPages.Spec(
            heading: t.word("activity_edit_title", context),
            layout: [("title", .text), ("date", .date), ("phase", .select(t.options(Phase.self, selected: "", prefix: "phase_", context))),
                     ("kind", .select(t.options(ActivityKind.self, selected: "", prefix: "activity_kind_", context))),
                     ("place", .text), ("facilitator", .text), ("notes", .textarea)],
            action: TrajectoryPath.activityEdit.link(slug, trajectory.id, activity.id),
            back: TrajectoryPath.activity.link(slug, trajectory.id, activity.id),
            deleteLink: TrajectoryPath.activityDelete.link(slug, trajectory.id, activity.id))
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity) = try await activity(request, context, for: .editContent)
        return pages.editPage(request, context, membership, trajectory, spec(membership.organisation.slug, trajectory, activity, context),
                              values: Self.values(activity), version: activity.version)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity) = try await activity(request, context, for: .editContent)
        let form = try await request.form(context)
        let actor = try pages.actor(membership, context)
        return try await pages.save(request, context, membership, trajectory, spec(membership.organisation.slug, trajectory, activity, context),
                                    form: form, reload: {
            try await t.participation.activity(organisationID: membership.organisation.id, id: activity.id).map { (Self.values($0), $0.version) }
        }, write: { version in
            _ = try await t.writes.updateActivity(actor, current: activity, Self.input(form), expected: version)
        })
    }

    @Sendable func deleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity) = try await activity(request, context, for: .editContent)
        let slug = membership.organisation.slug
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("activity_delete_title", context),
                                name: activity.title, impact: try await t.writes.activityImpact(activity),
                                action: TrajectoryPath.activityDelete.link(slug, trajectory.id, activity.id),
                                back: TrajectoryPath.activity.link(slug, trajectory.id, activity.id), version: activity.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity) = try await activity(request, context, for: .editContent)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("activity_delete_title", context), name: activity.title,
            action: TrajectoryPath.activityDelete.link(slug, trajectory.id, activity.id),
            back: TrajectoryPath.activity.link(slug, trajectory.id, activity.id), done: TrajectoryPath.activities.link(slug, trajectory.id),
            impact: { try await t.writes.activityImpact(activity) },
            reload: { try await t.participation.activity(organisationID: membership.organisation.id, id: activity.id)?.version },
            delete: { try await t.writes.deleteActivity(actor, activity, expected: $0) })
    }

    // MARK: participation records

    func participation(_ request: Request, _ context: AppRequestContext) async throws
        -> (Membership, Trajectory, Activity, Participation, Participant?) {
        let (membership, trajectory, activity) = try await activity(request, context, for: .editContent)
        let participantID = try request.parameter("participant", context)
        guard let record = try await t.participation.participations(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first(where: { $0.activityID == activity.id && $0.participantID == participantID }) else { throw SamenError.notFound }
        let person = try await t.participation.participants(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
            .first { $0.id == participantID }
        return (membership, trajectory, activity, record, person)
    }

    static func values(_ p: Participation) -> [String: String] {
        ["role": p.role, "consent": p.consent.rawValue, "contributions": String(p.contributions)]
    }

    func participationSpec(_ slug: String, _ trajectory: Trajectory, _ activity: Activity, _ record: Participation,
                           _ context: AppRequestContext) -> RecordPages.Spec {
        RecordPages.Spec(
            heading: t.word("participation_edit_title", context),
            layout: [("role", .text), ("consent", .select(t.options(Consent.self, selected: "", prefix: "consent_", context))),
                     ("contributions", .number)],
            action: TrajectoryPath.participationEdit.link(slug, trajectory.id, activity.id, record.participantID),
            back: TrajectoryPath.activity.link(slug, trajectory.id, activity.id),
            deleteLink: TrajectoryPath.participationDelete.link(slug, trajectory.id, activity.id, record.participantID))
    }

    @Sendable func participationForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity, record, _) = try await participation(request, context)
        return pages.editPage(request, context, membership, trajectory,
                              participationSpec(membership.organisation.slug, trajectory, activity, record, context),
                              values: Self.values(record), version: record.version)
    }

    @Sendable func participationEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity, record, _) = try await participation(request, context)
        let form = try await request.form(context)
        let actor = try pages.actor(membership, context)
        var input = ParticipationInput()
        input.role = form["role"]; input.consent = form["consent"]; input.contributions = form["contributions"]
        input.participantID = record.participantID
        return try await pages.save(request, context, membership, trajectory,
                                    participationSpec(membership.organisation.slug, trajectory, activity, record, context), form: form,
                                    reload: {
            try await t.participation.participations(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                .first { $0.activityID == activity.id && $0.participantID == record.participantID }.map { (Self.values($0), $0.version) }
        }, write: { version in
            _ = try await t.writes.updateParticipation(actor, activity: activity, current: record, input, expected: version)
        })
    }

    @Sendable func participationDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity, record, person) = try await participation(request, context)
        let slug = membership.organisation.slug
        return pages.deletePage(request, context, membership, trajectory, heading: t.word("participation_delete_title", context),
                                name: (person?.code ?? "?") + " – " + activity.title, impact: DeletionImpact([]),
                                action: TrajectoryPath.participationDelete.link(slug, trajectory.id, activity.id, record.participantID),
                                back: TrajectoryPath.activity.link(slug, trajectory.id, activity.id), version: record.version)
    }

    @Sendable func participationDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory, activity, record, person) = try await participation(request, context)
        let slug = membership.organisation.slug
        let actor = try pages.actor(membership, context)
        let back = TrajectoryPath.activity.link(slug, trajectory.id, activity.id)
        return try await pages.confirmDelete(
            request, context, membership, trajectory, heading: t.word("participation_delete_title", context),
            name: (person?.code ?? "?") + " – " + activity.title,
            action: TrajectoryPath.participationDelete.link(slug, trajectory.id, activity.id, record.participantID), back: back, done: back,
            impact: { DeletionImpact([]) },
            reload: {
                try await t.participation.participations(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
                    .first { $0.activityID == activity.id && $0.participantID == record.participantID }?.version
            },
            delete: { try await t.writes.deleteParticipation(actor, activity: activity, record, expected: $0) })
    }
}
