import Hummingbird
import SamenCore
import SamenStore

/// The list of trajectories, creating and editing one, its phases and decision log.
struct TrajectoryRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.list.get, { $0.list }), (TrajectoryPath.list.post, { $0.create }),
            (TrajectoryPath.edit.get, { $0.editForm }), (TrajectoryPath.edit.post, { $0.edit }),
            (TrajectoryPath.trajectory.appending("phase").post, { $0.phase }),
            (TrajectoryPath.decisions.get, { $0.decisions }), (TrajectoryPath.decisions.post, { $0.addDecision }),
        ]
    }

    struct Row {
        let title: String
        let url: String
        let service: String
        let phase: String
        let warnings: Int
        let start: String
    }

    struct ListBody {
        let rows: [Row]
        let isEmpty: Bool
        let noMatch: Bool
        let list: ListPage.Model
        let canCreate: Bool
        let form: FormState
        let createPath: String
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await t.services.membership(request, context, for: .viewOrganisation)
        return try await listPage(request, context, membership, form: t.form(["start_date": t.today()], context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, form: FormState,
                          status: HTTPResponse.Status) async throws -> Response {
        let slug = membership.organisation.slug
        let list = ListPage(request, path: TrajectoryPath.list.link(slug), sorts: ["title", "service", "start"], defaultSort: "start",
                            defaultDescending: true)
        let found = try await t.trajectories.page(organisationID: membership.organisation.id, list.query)
        var rows: [Row] = []
        // The advisor for the whole page at once: one query per fact table, not per row.
        let open = try await t.openSignalCounts(membership, page: found.trajectories)
        for trajectory in found.trajectories {
            let warnings = open[trajectory.id] ?? 0
            rows.append(Row(title: trajectory.title, url: TrajectoryPath.trajectory.link(slug, trajectory.id), service: trajectory.service,
                            phase: t.phaseName(trajectory.currentPhase, context), warnings: warnings, start: trajectory.startDate))
        }
        let anyAtAll = found.total > 0 || !list.query.search.isEmpty
        let model = list.model(columns: [("title", t.word("column_trajectory", context)), ("service", t.word("field_service", context)),
                                         ("start", t.word("field_start_date", context))],
                               total: found.total, shown: rows.count, words: { t.word($0, context) })
        let body = ListBody(rows: rows, isEmpty: !anyAtAll, noMatch: anyAtAll && rows.isEmpty, list: model, canCreate: membership.role.allows(.runTrajectory), form: form,
                            createPath: TrajectoryPath.list.link(slug))
        return t.renderer.page("trajectories", title: t.word("trajectories_title", context), body: body, request: request,
                               context: context, status: status,
                               nav: t.services.organisationNav(membership, current: request.uri.path, context))
    }

    static let fields = ["title", "service", "goal", "target_groups", "owner", "start_date", "end_date"]

    static func input(_ form: FormData) -> TrajectoryInput {
        var input = TrajectoryInput()
        input.title = form["title"]; input.service = form["service"]; input.goal = form["goal"]
        input.targetGroups = form["target_groups"]; input.owner = form["owner"]; input.startDate = form["start_date"]
        input.endDate = form["end_date"]; input.goalReason = form["goal_reason"]
        return input
    }

    static func values(_ form: FormData, extra: [String] = []) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (fields + extra).map { ($0, form[$0]) })
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await t.services.membership(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        do {
            let trajectory = try await t.writes.createTrajectory(try RecordPages(t: t).actor(membership, context), Self.input(form))
            return t.services.cookies.redirect(TrajectoryPath.trajectory.link(membership.organisation.slug, trajectory.id), notice: "notice_trajectory_created")
        } catch let errors as ValidationErrors {
            return try await listPage(request, context, membership, form: t.form(Self.values(form), errors: errors.errors, context),
                                      status: .unprocessableContent)
        }
    }

    struct EditBody {
        let form: FormState
        let action: String
        let back: String
        let version: Int
        let stale: RecordForm.Stale?
        let deleteLink: String
    }

    static func values(_ trajectory: Trajectory) -> [String: String] {
        ["title": trajectory.title, "service": trajectory.service, "goal": trajectory.goal, "target_groups": trajectory.targetGroups,
         "owner": trajectory.owner, "start_date": trajectory.startDate, "end_date": trajectory.endDate ?? ""]
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        return editPage(request, context, membership, trajectory, form: t.form(Self.values(trajectory), context), version: trajectory.version,
                        status: .ok)
    }

    private func editPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                          form: FormState, version: Int, stale: RecordForm.Stale? = nil, status: HTTPResponse.Status) -> Response {
        let slug = membership.organisation.slug
        return t.page("trajectory-edit", title: t.word("trajectory_edit_title", context),
                      body: EditBody(form: form, action: TrajectoryPath.edit.link(slug, trajectory.id), back: TrajectoryPath.trajectory.link(slug, trajectory.id),
                                     version: version, stale: stale, deleteLink: TrajectoryPath.delete.link(slug, trajectory.id)),
                      request: request, context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        let typed = Self.values(form, extra: ["goal_reason"])
        do {
            _ = try await t.writes.updateTrajectory(try RecordPages(t: t).actor(membership, context), id: trajectory.id, Self.input(form),
                                                    expected: RecordForm.version(form["version"]))
            return t.services.cookies.redirect(TrajectoryPath.trajectory.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            return editPage(request, context, membership, trajectory, form: t.form(typed, errors: errors.errors, context),
                            version: RecordForm.version(form["version"]) ?? trajectory.version, status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            // Someone saved first: show both values, keep what was typed, and offer the stored version to save over.
            guard let now = try await t.trajectories.trajectory(organisationID: membership.organisation.id, id: trajectory.id) else {
                throw SamenError.notFound
            }
            let state = t.form(typed, context)
            let layout = Self.fields.map { ($0, RecordForm.Kind.text) }
            return editPage(request, context, membership, now, form: state, version: now.version,
                            stale: RecordForm.stale(layout, typed: typed, stored: Self.values(now), state), status: .conflict)
        }
    }

    /// Opens, closes or reopens a phase.
    @Sendable func phase(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        try await t.writes.setPhase(try RecordPages(t: t).actor(membership, context), id: trajectory.id, phase: form["phase"], status: form["status"])
        return t.services.cookies.redirect(TrajectoryPath.trajectory.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
    }

    struct DecisionRow {
        let editLink: String?
        let date: String
        let kind: String
        let summary: String
        let reason: String
        let decidedBy: String
    }

    struct DecisionsBody {
        let rows: [DecisionRow]
        let isEmpty: Bool
        let canEdit: Bool
        let form: FormState
        let action: String
    }

    @Sendable func decisions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return try await decisionsPage(request, context, membership, trajectory, form: t.form(["date": t.today()], context), status: .ok)
    }

    private func decisionsPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                               form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let canEdit = membership.role.allows(.editContent)
        let rows = try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id).map {
            DecisionRow(editLink: canEdit && $0.kind == .decision
                            ? TrajectoryPath.decisionEdit.link(membership.organisation.slug, trajectory.id, $0.id) : nil,
                        date: $0.date, kind: t.word("decision_kind_" + $0.kind.rawValue, context),
                        summary: $0.kind == .phaseChange ? phaseChangeText($0.summary, context) : $0.summary,
                        reason: $0.reason, decidedBy: $0.decidedBy)
        }
        let body = DecisionsBody(rows: rows.reversed(), isEmpty: rows.isEmpty, canEdit: canEdit, form: form,
                                 action: TrajectoryPath.decisions.link(membership.organisation.slug, trajectory.id))
        return t.page("trajectory-decisions", title: t.word("trajectory_tab_decisions", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    func phaseChangeText(_ summary: String, _ context: AppRequestContext) -> String {
        let parts = summary.split(separator: ":").map(String.init)
        guard parts.count == 2, let phase = Phase(rawValue: parts[0]) else { return summary }
        return t.phaseName(phase, context) + ": " + t.word("phase_status_" + parts[1], context)
    }

    @Sendable func addDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        var input = DecisionInput()
        input.date = form["date"]; input.summary = form["summary"]; input.reason = form["reason"]; input.decidedBy = form["decided_by"]
        do {
            _ = try await t.writes.createDecision(try RecordPages(t: t).actor(membership, context), trajectoryID: trajectory.id, input)
            return t.services.cookies.redirect(TrajectoryPath.decisions.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            let values = ["date": form["date"], "summary": form["summary"], "reason": form["reason"], "decided_by": form["decided_by"]]
            return try await decisionsPage(request, context, membership, trajectory, form: t.form(values, errors: errors.errors, context),
                                           status: .unprocessableContent)
        }
    }
}
