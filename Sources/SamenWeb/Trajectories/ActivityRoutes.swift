import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Activities in a trajectory, and who took part in each (with the dominance check).
struct ActivityRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.activities.get, { $0.list }), (TrajectoryPath.activities.post, { $0.create }),
            (TrajectoryPath.activity.get, { $0.detail }), (TrajectoryPath.participation.post, { $0.logParticipation }),
        ]
    }

    struct Row {
        let date: String
        let title: String
        let url: String
        let kind: String
        let phase: String
        let place: String
        let people: Int
        let dominated: Bool
    }

    struct ListBody {
        let rows: [Row]
        let isEmpty: Bool
        let canEdit: Bool
        let form: FormState
        let action: String
        let phases: [Option]
        let kinds: [Option]
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let values = ["date": t.today(), "phase": trajectory.currentPhase.rawValue, "kind": ActivityKind.session.rawValue]
        return try await listPage(request, context, membership, trajectory, form: t.form(values, context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                          form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let participations = Dictionary(grouping: try await t.participation.participations(organisationID: org, trajectoryID: trajectory.id),
                                        by: \.activityID)
        let rows = try await t.participation.activities(organisationID: org, trajectoryID: trajectory.id).map { a in
            let people = participations[a.id] ?? []
            return Row(date: a.date, title: a.title, url: TrajectoryPath.activity.link(membership.organisation.slug, trajectory.id, a.id),
                       kind: t.kindName(a.kind, context), phase: t.phaseName(a.phase, context), place: a.place, people: people.count,
                       dominated: Dominance(contributions: people.map(\.contributions))?.dominated ?? false)
        }
        let body = ListBody(rows: rows, isEmpty: rows.isEmpty, canEdit: membership.role.allows(.editContent), form: form,
                            action: TrajectoryPath.activities.link(membership.organisation.slug, trajectory.id),
                            phases: t.options(Phase.self, selected: form.fields["phase"]?.value ?? "", prefix: "phase_", context),
                            kinds: t.options(ActivityKind.self, selected: form.fields["kind"]?.value ?? "", prefix: "activity_kind_", context))
        return t.page("trajectory-activities", title: t.word("trajectory_tab_activities", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        do {
            let activity = try await t.writes.createActivity(try RecordPages(t: t).actor(membership, context), trajectoryID: trajectory.id,
                                                             ActivityEditRoutes.input(form))
            return t.services.cookies.redirect(TrajectoryPath.activity.link(membership.organisation.slug, trajectory.id, activity.id),
                                               notice: "notice_activity_added")
        } catch let errors as ValidationErrors {
            let values = Dictionary(uniqueKeysWithValues: ["title", "date", "phase", "kind", "place", "facilitator", "notes"].map { ($0, form[$0]) })
            return try await listPage(request, context, membership, trajectory, form: t.form(values, errors: errors.errors, context),
                                      status: .unprocessableContent)
        }
    }

    struct PersonRow {
        let editLink: String
        let code: String
        let group: String
        let role: String
        let consent: String
        let contributions: Int
        let share: String
    }

    struct DetailBody {
        let activity: Activity
        let kind: String
        let phase: String
        let people: [PersonRow]
        let isEmpty: Bool
        let dominance: Dominance?
        let topShareText: String
        let giniText: String
        let canEdit: Bool
        let participants: [Option]
        let hasParticipants: Bool
        let consents: [Option]
        let form: FormState
        let action: String
        let participantsPath: String
        let back: String
        let editLink: String
        let deleteLink: String
    }

    private func activity(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Activity {
        guard let activity = try await t.participation.activity(organisationID: membership.organisation.id, id: try request.parameter("activity", context)),
              activity.trajectoryID == trajectory.id else { throw SamenError.notFound }
        return activity
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let activity = try await activity(request, context, membership, trajectory)
        return try await detailPage(request, context, membership, trajectory, activity,
                                    form: t.form(["consent": Consent.internalAnalysis.rawValue, "role": ""], context),
                                    status: .ok)
    }

    private func detailPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                            _ activity: Activity, form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let everyone = try await t.participation.participants(organisationID: org, trajectoryID: trajectory.id)
        let byID = Dictionary(everyone.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let here = try await t.participation.participations(organisationID: org, trajectoryID: trajectory.id).filter { $0.activityID == activity.id }
        let total = here.reduce(0) { $0 + $1.contributions }
        let rows = here.map { p in
            PersonRow(editLink: TrajectoryPath.participationEdit.link(membership.organisation.slug, trajectory.id, activity.id, p.participantID),
                      code: byID[p.participantID]?.code ?? "?", group: byID[p.participantID].map { t.groupName($0.group, context) } ?? "",
                      role: p.role, consent: t.word("consent_" + p.consent.rawValue, context), contributions: p.contributions,
                      share: total > 0 ? context.numbers.percent(100 * Double(p.contributions) / Double(total), digits: 0) : "–")
        }
        let present = Set(here.map(\.participantID))
        let dominance = Dominance(contributions: here.map(\.contributions))
        let body = DetailBody(
            activity: activity, kind: t.kindName(activity.kind, context), phase: t.phaseName(activity.phase, context), people: rows,
            isEmpty: rows.isEmpty, dominance: dominance, topShareText: dominance.map { context.numbers.percent(fraction: $0.topShare, digits: 0) } ?? "–",
            giniText: context.numbers.decimal(dominance?.gini), canEdit: membership.role.allows(.editContent),
            participants: everyone.filter { !present.contains($0.id) }.map {
                Option(value: $0.id, label: $0.code + " – " + t.groupName($0.group, context), selected: form.fields["participant"]?.value == $0.id)
            },
            hasParticipants: everyone.contains { !present.contains($0.id) },
            consents: t.options(Consent.self, selected: form.fields["consent"]?.value ?? "", prefix: "consent_", context), form: form,
            action: TrajectoryPath.participation.link(membership.organisation.slug, trajectory.id, activity.id),
            participantsPath: TrajectoryPath.participants.link(membership.organisation.slug, trajectory.id),
            back: TrajectoryPath.activities.link(membership.organisation.slug, trajectory.id),
            editLink: TrajectoryPath.activityEdit.link(membership.organisation.slug, trajectory.id, activity.id),
            deleteLink: TrajectoryPath.activityDelete.link(membership.organisation.slug, trajectory.id, activity.id))
        return t.page("trajectory-activity", title: activity.title, body: body, request: request, context: context,
                      membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func logParticipation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let activity = try await activity(request, context, membership, trajectory)
        let form = try await request.form(context)
        var input = ParticipationInput()
        input.participantID = form["participant"]; input.role = form["role"]; input.consent = form["consent"]
        input.contributions = form["contributions"]
        let errors: [SamenError]
        do {
            _ = try await t.writes.logParticipation(try RecordPages(t: t).actor(membership, context), activity: activity, input)
            return t.services.cookies.redirect(TrajectoryPath.activity.link(membership.organisation.slug, trajectory.id, activity.id), notice: "notice_saved")
        } catch let failure as ValidationErrors {
            errors = failure.errors
        } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
            errors = [error]
        }
        let values = ["participant": form["participant"], "role": form["role"], "consent": form["consent"], "contributions": form["contributions"]]
        return try await detailPage(request, context, membership, trajectory, activity, form: t.form(values, errors: errors, context),
                                    status: .unprocessableContent)
    }
}
