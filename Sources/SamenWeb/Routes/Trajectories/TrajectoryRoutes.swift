import Hummingbird
import SamenCore
import SamenStore

/// The list of trajectories, creating and editing one, its phases and decision log.
struct TrajectoryRoutes {
    let t: TrajectoryContext

    static let entries = [
        RouteEntry(.get, "/o/:org/trajectories"),
        RouteEntry(.post, "/o/:org/trajectories"),
        RouteEntry(.get, "/o/:org/trajectories/:trajectory/edit"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/edit"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/phase"),
        RouteEntry(.get, "/o/:org/trajectories/:trajectory/decisions"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/decisions"),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [list, create, editForm, edit, phase, decisions, addDecision] as [Handler])))
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
        var rows: [Row] = []
        for trajectory in try await t.trajectories.list(organisationID: membership.organisation.id) {
            let facts = try await t.facts(membership, trajectory)
            let dismissed = Set(try await t.trajectories.dismissals(organisationID: membership.organisation.id, trajectoryID: trajectory.id).map(\.challenge))
            let warnings = ChallengeAdvisor.signals(facts).filter { !dismissed.contains($0.number) }.count
            rows.append(Row(title: trajectory.title, url: TrajectoryPaths.trajectory(slug, trajectory.id), service: trajectory.service,
                            phase: t.phaseName(trajectory.currentPhase, context), warnings: warnings, start: trajectory.startDate))
        }
        let body = ListBody(rows: rows, isEmpty: rows.isEmpty, canCreate: membership.role.allows(.runTrajectory), form: form,
                            createPath: TrajectoryPaths.list(slug))
        return t.renderer.page("trajectories", title: t.word("trajectories_title", context), body: body, request: request,
                               context: context, status: status,
                               nav: t.services.organisationNav(membership.organisation, current: request.uri.path, context))
    }

    static let fields = ["title", "service", "goal", "target_groups", "owner", "start_date", "end_date"]

    /// Reads and checks the trajectory form.
    static func draft(_ form: FormData) -> Result<TrajectoryStore.Draft, ValidationErrors> {
        let errors = TrajectoryRules.required(form["title"], field: "title") + TrajectoryRules.required(form["service"], field: "service")
            + TrajectoryRules.required(form["goal"], field: "goal", max: 2000) + TrajectoryRules.optional(form["target_groups"], field: "target_groups")
            + TrajectoryRules.optional(form["owner"], field: "owner", max: 200)
            + TrajectoryRules.period(start: form["start_date"], end: form["end_date"])
        if !errors.isEmpty { return .failure(ValidationErrors(errors)) }
        return .success(.init(title: form["title"].trimmed, service: form["service"].trimmed, goal: form["goal"].trimmed,
                              targetGroups: form["target_groups"].trimmed, owner: form["owner"].trimmed, startDate: form["start_date"],
                              endDate: form["end_date"].isEmpty ? nil : form["end_date"]))
    }

    static func values(_ form: FormData, extra: [String] = []) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (fields + extra).map { ($0, form[$0]) })
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await t.services.membership(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        switch Self.draft(form) {
        case .failure(let errors):
            return try await listPage(request, context, membership, form: t.form(Self.values(form), errors: errors.errors, context),
                                      status: .unprocessableContent)
        case .success(let draft):
            let trajectory = try await t.trajectories.create(organisationID: membership.organisation.id, draft)
            return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id), notice: "notice_trajectory_created")
        }
    }

    struct EditBody {
        let form: FormState
        let action: String
        let back: String
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let values = ["title": trajectory.title, "service": trajectory.service, "goal": trajectory.goal,
                      "target_groups": trajectory.targetGroups, "owner": trajectory.owner, "start_date": trajectory.startDate,
                      "end_date": trajectory.endDate ?? ""]
        return editPage(request, context, membership, trajectory, form: t.form(values, context), status: .ok)
    }

    private func editPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                          form: FormState, status: HTTPResponse.Status) -> Response {
        let base = TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id)
        return t.page("trajectory-edit", title: t.word("trajectory_edit_title", context),
                      body: EditBody(form: form, action: base + "/edit", back: base), request: request, context: context,
                      membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        var result = Self.draft(form)
        // A new goal needs a reason: the decision log must say why (seed 004 #9).
        if case .success(let draft) = result, draft.goal != trajectory.goal, form["goal_reason"].trimmed.isEmpty {
            result = .failure(ValidationErrors([.validation("goal_reason_required", field: "goal_reason")]))
        }
        switch result {
        case .failure(let errors):
            return editPage(request, context, membership, trajectory,
                            form: t.form(Self.values(form, extra: ["goal_reason"]), errors: errors.errors, context),
                            status: .unprocessableContent)
        case .success(let draft):
            try await t.trajectories.update(organisationID: membership.organisation.id, id: trajectory.id, draft,
                                            goalReason: form["goal_reason"].trimmed, decidedBy: try context.requireUser().displayName,
                                            today: t.today())
            return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        }
    }

    /// Opens, closes or reopens a phase.
    @Sendable func phase(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        guard let phase = Phase(rawValue: form["phase"]), let status = PhaseStatus(rawValue: form["status"]), status != .notStarted else {
            throw SamenError.validation("phase_invalid", field: "phase")
        }
        try await t.trajectories.setPhase(organisationID: membership.organisation.id, id: trajectory.id, phase: phase, status: status,
                                          decidedBy: try context.requireUser().displayName, today: t.today())
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id), notice: "notice_saved")
    }

    struct DecisionRow {
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
        let rows = try await t.trajectories.decisions(organisationID: membership.organisation.id, trajectoryID: trajectory.id).map {
            DecisionRow(date: $0.date, kind: t.word("decision_kind_" + $0.kind.rawValue, context),
                        summary: $0.kind == .phaseChange ? phaseChangeText($0.summary, context) : $0.summary,
                        reason: $0.reason, decidedBy: $0.decidedBy)
        }
        let body = DecisionsBody(rows: rows.reversed(), isEmpty: rows.isEmpty, canEdit: membership.role.allows(.editContent), form: form,
                                 action: TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/decisions")
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
        let errors = TrajectoryRules.date(form["date"], field: "date") + TrajectoryRules.required(form["summary"], field: "summary", max: 500)
            + TrajectoryRules.optional(form["reason"], field: "reason") + TrajectoryRules.optional(form["decided_by"], field: "decided_by", max: 200)
        if !errors.isEmpty {
            let values = ["date": form["date"], "summary": form["summary"], "reason": form["reason"], "decided_by": form["decided_by"]]
            return try await decisionsPage(request, context, membership, trajectory, form: t.form(values, errors: errors, context),
                                           status: .unprocessableContent)
        }
        let by = form["decided_by"].trimmed.isEmpty ? try context.requireUser().displayName : form["decided_by"].trimmed
        try await t.trajectories.addDecision(organisationID: membership.organisation.id, trajectoryID: trajectory.id, date: form["date"],
                                             summary: form["summary"].trimmed, reason: form["reason"].trimmed, decidedBy: by)
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/decisions", notice: "notice_saved")
    }
}
