import Hummingbird
import SamenCore
import SamenStore

/// A trajectory's overview: details, phases, the challenges advisor, "Wie hebben we
/// gehoord?" and the timeline.
struct TrajectoryOverviewRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(TrajectoryPath.trajectory.get, { $0.overview }), (TrajectoryPath.trajectory.appending("challenges/:challenge/dismiss").post, { $0.dismiss })]
    }


    struct PhaseItem {
        let name: String
        let status: String
        let current: Bool
        let canOpen: Bool
        let canClose: Bool
        let canReopen: Bool
        let value: String
    }

    struct Warning {
        let number: Int
        let title: String
        let why: String
        let advice: String
        let dismissPath: String
        let fieldID: String
    }

    struct Dismissed {
        let number: Int
        let title: String
        let reason: String
        let by: String
    }

    struct CoverageCell {
        let count: Int
        let missing: Bool
    }

    struct CoverageRow {
        let group: String
        let cells: [CoverageCell]
    }

    struct TimelineItem {
        let date: String
        let kind: String
        let text: String
        let url: String?
    }

    struct Body {
        let trajectory: Trajectory
        let currentPhase: String
        let endDate: String
        let phases: [PhaseItem]
        let phasePath: String
        let canRun: Bool
        let warnings: [Warning]
        let hasWarnings: Bool
        let dismissed: [Dismissed]
        let hasDismissed: Bool
        let phaseNames: [String]
        let coverage: [CoverageRow]
        let hasCoverage: Bool
        let citizensAtStart: Bool
        let citizensInImplementation: Bool
        let timeline: [TimelineItem]
        let editPath: String
        let exports: [LayoutModel.NavItem]
        let linked: [LayoutModel.NavItem]
        let hasLinked: Bool
        let form: FormState
    }

    @Sendable func overview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return try await overviewPage(request, context, membership, trajectory, form: t.form(context), status: .ok)
    }

    func overviewPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                      form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let slug = membership.organisation.slug
        let (facts, signals, dismissals) = try await t.advice(membership, trajectory)
        let canRun = membership.role.allows(.runTrajectory)
        let phases = Phase.allCases.map { phase in
            let status = trajectory.status(phase)
            return PhaseItem(name: t.phaseName(phase, context), status: t.word("phase_status_" + status.rawValue, context),
                             current: phase == trajectory.currentPhase, canOpen: canRun && status == .notStarted,
                             canClose: canRun && status == .open, canReopen: canRun && status == .closed, value: phase.rawValue)
        }
        let dismissedNumbers = Set(dismissals.map(\.challenge))
        let warnings = signals.filter { !dismissedNumbers.contains($0.number) }.map { signal in
            Warning(number: signal.number, title: t.word("challenge_\(signal.number)_title", context),
                    why: evidence(signal, context), advice: t.word("challenge_\(signal.number)_advice", context),
                    dismissPath: TrajectoryPath.dismiss.link(slug, trajectory.id, String(signal.number)), fieldID: "reason-\(signal.number)")
        }
        let coverage = Coverage(facts)
        let rows = StakeholderGroup.allCases.compactMap { group -> CoverageRow? in
            let cells = Phase.allCases.map { CoverageCell(count: coverage.count(group, $0), missing: coverage.missing[$0]?.contains(group) ?? false) }
            let relevant = cells.contains { $0.count > 0 || $0.missing }
            return relevant ? CoverageRow(group: t.groupName(group, context), cells: cells) : nil
        }
        var timeline = facts.activities.map {
            TimelineItem(date: $0.date, kind: t.kindName($0.kind, context), text: $0.title + " (" + t.phaseName($0.phase, context) + ")",
                         url: TrajectoryPath.activity.link(slug, trajectory.id, $0.id))
        }
        timeline += facts.decisions.map {
            TimelineItem(date: $0.date, kind: t.word("decision_kind_" + $0.kind.rawValue, context),
                         text: $0.kind == .phaseChange ? TrajectoryRoutes(t: t).phaseChangeText($0.summary, context) : $0.summary, url: nil)
        }
        timeline.sort { $0.date < $1.date }
        let exports = FeatureModules.trajectoryExports.map {
            LayoutModel.NavItem(label: t.word("export_" + $0, context), url: TrajectoryPath.export.link(slug, trajectory.id, $0 + ".csv"), current: false)
        }
        // Surveys and conversations that belong to this trajectory.
        let org = membership.organisation.id
        let linked = try await SurveyStore(database: t.services.database).surveys(organisationID: org)
            .filter { $0.trajectoryID == trajectory.id }
            .map { LayoutModel.NavItem(label: t.word("linked_survey", context) + ": " + $0.title, url: Paths.survey(slug, $0.id), current: false) }
            + (try await ConversationStore(database: t.services.database).conversations(organisationID: org))
            .filter { $0.trajectoryID == trajectory.id }
            .map { LayoutModel.NavItem(label: t.word("linked_conversation", context) + ": " + $0.question,
                                       url: ConversationPaths.detail(slug, $0.id), current: false) }
        let body = Body(
            trajectory: trajectory, currentPhase: t.phaseName(trajectory.currentPhase, context), endDate: trajectory.endDate ?? "–",
            phases: phases, phasePath: TrajectoryPath.phase.link(slug, trajectory.id), canRun: canRun, warnings: warnings, hasWarnings: !warnings.isEmpty,
            dismissed: dismissals.map { Dismissed(number: $0.challenge, title: t.word("challenge_\($0.challenge)_title", context),
                                                  reason: $0.reason, by: $0.dismissedBy) },
            hasDismissed: !dismissals.isEmpty, phaseNames: Phase.allCases.map { t.phaseName($0, context) }, coverage: rows,
            hasCoverage: !rows.isEmpty, citizensAtStart: coverage.citizensAtStart, citizensInImplementation: coverage.citizensInImplementation,
            timeline: timeline, editPath: TrajectoryPath.edit.link(slug, trajectory.id), exports: exports, linked: linked, hasLinked: !linked.isEmpty, form: form)
        return t.page("trajectory", title: t.word("trajectory_tab_overview", context), body: body, request: request, context: context,
                      membership: membership, trajectory: trajectory, status: status)
    }

    /// The data behind a warning, in words: the evidence template with its values filled in.
    func evidence(_ signal: ChallengeSignal, _ context: AppRequestContext) -> String {
        var text = t.word("challenge_" + signal.evidenceKey, context)
        let values = signal.values.map { value in
            StakeholderGroup(rawValue: value).map { t.groupName($0, context) }
                ?? Phase(rawValue: value).map { t.phaseName($0, context) }
                ?? (HighlightRules.defaultDimensions.contains(value) ? t.word("dimension_" + value, context) : value)
        }
        text = text.replacingOccurrences(of: "{list}", with: values.joined(separator: ", "))
        for (i, value) in values.enumerated() { text = text.replacingOccurrences(of: "{\(i)}", with: value) }
        return text
    }

    @Sendable func dismiss(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        guard let number = Int(try request.parameter("challenge", context)), TrajectoryContext.advisorNumbers.contains(number) else { throw SamenError.notFound }
        let errors = TrajectoryRules.required(form["reason"], field: "reason-\(number)", max: 500)
        if !errors.isEmpty {
            return try await overviewPage(request, context, membership, trajectory, form: t.form(errors: errors, context),
                                          status: .unprocessableContent)
        }
        try await t.trajectories.dismiss(organisationID: membership.organisation.id, trajectoryID: trajectory.id, challenge: number,
                                         reason: form["reason"].trimmed, by: try context.requireUser().displayName)
        return t.services.cookies.redirect(TrajectoryPath.trajectory.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
    }
}
