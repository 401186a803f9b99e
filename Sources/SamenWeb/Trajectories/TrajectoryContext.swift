import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// What every trajectory page needs: the gate, the stores, and the words for codes.
struct TrajectoryContext {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var trajectories: TrajectoryStore { TrajectoryStore(database: services.database) }
    var participation: ParticipationStore { ParticipationStore(database: services.database) }
    var writes: TrajectoryWrites { TrajectoryWrites(database: services.database) }

    /// Membership gate, then the trajectory of that organisation (404 otherwise).
    func access(_ request: Request, _ context: AppRequestContext, for action: Action) async throws -> (Membership, Trajectory) {
        let membership = try await services.membership(request, context, for: action)
        let id = try request.parameter("trajectory", context)
        guard let trajectory = try await trajectories.trajectory(organisationID: membership.organisation.id, id: id) else {
            throw SamenError.notFound
        }
        return (membership, trajectory)
    }

    func today() -> String { CalendarDate(unixTime: Clock.now()).description }

    func facts(_ membership: Membership, _ trajectory: Trajectory) async throws -> TrajectoryFacts {
        let org = membership.organisation.id
        return try await participation.facts(
            organisationID: org, trajectory: trajectory,
            decisions: try await trajectories.decisions(organisationID: org, trajectoryID: trajectory.id),
            shares: try await trajectories.shares(organisationID: org, trajectoryID: trajectory.id),
            today: CalendarDate(unixTime: Clock.now()))
    }

    /// The advisor's signals for a trajectory: the twelve challenges and every feature's own
    /// (the portfolio's 13–17), with the numbers the team has dismissed.
    func advice(_ membership: Membership, _ trajectory: Trajectory) async throws -> (facts: TrajectoryFacts, signals: [ChallengeSignal], dismissed: [TrajectoryStore.Dismissal]) {
        let facts = try await facts(membership, trajectory)
        var signals = ChallengeAdvisor.signals(facts)
        for module in FeatureModules.all {
            signals += try await module.advisorSignals(self, membership, trajectory, facts)
        }
        let dismissed = try await trajectories.dismissals(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        return (facts, signals, dismissed)
    }

    /// `advice` for a page of trajectories (the list), by trajectory id: every fact table is read
    /// once for all of them, so the page's store calls do not grow with its rows.
    func advice(_ membership: Membership, page: [Trajectory]) async throws -> [String: (signals: [ChallengeSignal], dismissed: [TrajectoryStore.Dismissal])] {
        let org = membership.organisation.id
        let facts = try await participation.facts(organisationID: org, trajectories: page, today: CalendarDate(unixTime: Clock.now()))
        let all = page.compactMap { facts[$0.id] }
        var signals = Dictionary(uniqueKeysWithValues: all.map { ($0.trajectory.id, ChallengeAdvisor.signals($0)) })
        for module in FeatureModules.all {
            for (id, more) in try await module.advisorSignals(self, membership, all) { signals[id, default: []] += more }
        }
        let dismissed = try await trajectories.dismissals(organisationID: org, trajectoryIDs: page.map(\.id))
        return Dictionary(uniqueKeysWithValues: page.map { ($0.id, (signals[$0.id] ?? [], dismissed[$0.id] ?? [])) })
    }

    /// The advisor signals not dismissed, per trajectory of a page (the list, the dashboard).
    func openSignalCounts(_ membership: Membership, page: [Trajectory]) async throws -> [String: Int] {
        try await advice(membership, page: page).mapValues { advice in
            let dismissed = Set(advice.dismissed.map(\.challenge))
            return advice.signals.filter { !dismissed.contains($0.number) }.count
        }
    }

    /// The signal numbers a team may dismiss: the twelve challenges and those the features add.
    static var advisorNumbers: Set<Int> { Set(1...12).union(FeatureModules.all.flatMap { $0.advisorNumbers }) }

    /// Every field name the trajectory forms use, so the field partials always have a state to render.
    static let fieldNames = [
        "title", "service", "goal", "target_groups", "owner", "start_date", "end_date", "goal_reason", "date", "summary", "reason",
        "decided_by", "place", "facilitator", "notes", "name", "position_date", "code", "age_band", "district", "role",
        "contributions", "power", "interest", "required", "hard_to_reach", "low_digital_skills", "language_needs", "vulnerable",
        "group", "phase", "kind", "consent", "participant",
    ]

    func form(_ values: [String: String], errors: [SamenError] = [], _ context: AppRequestContext) -> FormState {
        renderer.form(values, errors: errors, names: Self.fieldNames, context)
    }

    func form(errors: [SamenError] = [], _ context: AppRequestContext) -> FormState {
        form([:], errors: errors, context)
    }

    func word(_ key: String, _ context: AppRequestContext) -> String { renderer.text(key, context) }
    func phaseName(_ phase: Phase, _ context: AppRequestContext) -> String { word("phase_" + phase.rawValue, context) }
    func groupName(_ group: StakeholderGroup, _ context: AppRequestContext) -> String { word("group_" + group.rawValue, context) }
    func kindName(_ kind: ActivityKind, _ context: AppRequestContext) -> String { word("activity_kind_" + kind.rawValue, context) }

    /// Sub-navigation shared by the trajectory pages.
    func tabs(_ slug: String, _ trajectory: Trajectory, current: String, _ context: AppRequestContext) -> [LayoutModel.NavItem] {
        let base = TrajectoryPath.trajectory.link(slug, trajectory.id)
        return ([
            ("", "trajectory_tab_overview"), ("/activities", "trajectory_tab_activities"), ("/stories", "trajectory_tab_stories"),
            ("/insights", "trajectory_tab_insights"), ("/personas", "trajectory_tab_personas"),
            ("/report", "trajectory_tab_report"),
            ("/stakeholders", "trajectory_tab_stakeholders"), ("/participants", "trajectory_tab_participants"),
            ("/representation", "trajectory_tab_representation"), ("/decisions", "trajectory_tab_decisions"),
        ] + FeatureModules.trajectoryTabs).map { suffix, key in
            LayoutModel.NavItem(label: word(key, context), url: base + suffix, current: current == base + suffix)
        }
    }

    func page(_ template: String, title: String, body: Any, request: Request, context: AppRequestContext, membership: Membership,
              trajectory: Trajectory, status: HTTPResponse.Status = .ok) -> Response {
        struct Frame {
            let trajectoryTitle: String
            let tabs: [LayoutModel.NavItem]
            let page: Any
        }
        let frame = Frame(trajectoryTitle: trajectory.title,
                          tabs: tabs(membership.organisation.slug, trajectory, current: request.uri.path, context), page: body)
        return renderer.page(template, title: title + " – " + trajectory.title, body: frame, request: request, context: context,
                             status: status, nav: services.organisationNav(membership, current: request.uri.path, context))
    }
}

/// The older link helpers, kept for the feature areas not yet moved to `TrajectoryPath`.
enum TrajectoryPaths {
    static func list(_ slug: String) -> String { TrajectoryPath.list.link(slug) }
    static func trajectory(_ slug: String, _ id: String) -> String { TrajectoryPath.trajectory.link(slug, id) }
    static func activity(_ slug: String, _ trajectoryID: String, _ id: String) -> String { TrajectoryPath.activity.link(slug, trajectoryID, id) }
}

extension TrajectoryContext {
    func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String, prefix: String,
                                                    _ context: AppRequestContext) -> [Option] where T.RawValue == String {
        T.allCases.map { Option(value: $0.rawValue, label: word(prefix + $0.rawValue, context), selected: $0.rawValue == selected) }
    }
}
