import Foundation
import SamenCore
import SamenStore

/// The organisation's front page as a dashboard: what needs attention first (trajectories
/// with open advisor signals), then the latest trajectories with their phase, the open
/// conversations and the surveys. Each list is short and links to the full one.
struct OrganisationDashboard {
    static let shown = 8

    struct TrajectoryRow {
        let title: String
        let url: String
        let phase: String
        let warnings: Int
        let warningsText: String
    }

    struct Item {
        let title: String
        let url: String
    }

    let attention: [TrajectoryRow]
    let hasAttention: Bool
    let trajectories: [TrajectoryRow]
    let hasTrajectories: Bool
    let conversations: [Item]
    let hasConversations: Bool
    let surveys: [Item]
    let hasSurveys: Bool

    static func load(_ services: AppServices, _ membership: Membership, _ context: AppRequestContext) async throws -> OrganisationDashboard {
        let t = TrajectoryContext(services: services)
        let org = membership.organisation.id, slug = membership.organisation.slug
        let found = try await t.trajectories.page(organisationID: org, ListQuery(sort: "start", descending: true, limit: shown))
        let open = try await t.openSignalCounts(membership, page: found.trajectories)
        let rows = found.trajectories.map { trajectory in
            let warnings = open[trajectory.id] ?? 0
            return TrajectoryRow(title: trajectory.title, url: TrajectoryPath.trajectory.link(slug, trajectory.id),
                                 phase: t.phaseName(trajectory.currentPhase, context), warnings: warnings,
                                 warningsText: services.renderer.translations.count("count_signals", warnings, context.locale))
        }
        let attention = rows.filter { $0.warnings > 0 }.sorted { $0.warnings > $1.warnings }
        let now = Clock.now()
        let conversations = try await ConversationStore(database: services.database).conversations(organisationID: org)
            .filter { $0.isOpen(at: now) }.prefix(shown)
            .map { Item(title: $0.question, url: ConversationPaths.detail(slug, $0.id)) }
        let surveys = try await SurveyStore(database: services.database).surveys(organisationID: org).prefix(shown)
            .map { Item(title: $0.title, url: Paths.survey(slug, $0.id)) }
        return OrganisationDashboard(attention: attention, hasAttention: !attention.isEmpty, trajectories: rows, hasTrajectories: !rows.isEmpty,
                                     conversations: Array(conversations), hasConversations: !conversations.isEmpty,
                                     surveys: Array(surveys), hasSurveys: !surveys.isEmpty)
    }
}
