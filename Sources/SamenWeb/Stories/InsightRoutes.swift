import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// An insight's own page: what it says, the citizens' words it rests on (each with its
/// story), and what was built on it further along the chain: personas and journey steps
/// that use the same passages, and the interventions that answer it. The story page links
/// here, so the chain reads both ways.
struct InsightRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] { [(StoryPath.insight.get, { $0.show })] }

    struct Link {
        let label: String
        let url: String
        /// What follows the link in a sentence ("; " between links, nothing after the last).
        var separator = ""

        /// The links as one sentence's list.
        static func sentence(_ links: [Link]) -> [Link] {
            links.enumerated().map { index, link in
                var link = link
                link.separator = index < links.count - 1 ? "; " : ""
                return link
            }
        }
    }

    struct Body {
        let title: String
        let description: String
        let quotes: [EvidenceRoutes.QuoteRow]
        let hasQuotes: Bool
        let builtOn: [Link]
        let hasBuiltOn: Bool
        let canEdit: Bool
        let editPath: String
        let deletePath: String
        let back: String
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let org = membership.organisation.id, slug = membership.organisation.slug
        let evidence = EvidenceStore(database: t.services.database)
        guard let insight = try await evidence.insights(organisationID: org, trajectoryID: trajectory.id)
            .first(where: { $0.id == (try? request.parameter("insight", context)) }) else { throw SamenError.notFound }
        let byID = Dictionary(try await evidence.highlights(organisationID: org, trajectoryID: trajectory.id, ids: insight.highlightIDs)
                                .map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let routes = EvidenceRoutes(t: t)
        let quotes = routes.quoteRows(membership, trajectory, insight.highlightIDs.compactMap { byID[$0] }, checked: [], context)
        let passages = Set(insight.highlightIDs)
        let design = try await DesignUses.load(t, membership, trajectory, context)
        let interventions = try await PortfolioStore(database: t.services.database).interventions(organisationID: org, trajectoryID: trajectory.id)
            .filter { $0.insightIDs.contains(insight.id) }
            .map { Link(label: t.word("led_to_intervention", context) + ": " + $0.title, url: PortfolioPath.intervention.link(slug, trajectory.id, $0.id)) }
        let builtOn = design.links { !passages.isDisjoint(with: $0) } + interventions
        let body = Body(title: insight.title, description: insight.description, quotes: quotes, hasQuotes: !quotes.isEmpty,
                        builtOn: builtOn, hasBuiltOn: !builtOn.isEmpty, canEdit: membership.role.allows(.editContent),
                        editPath: StoryPath.insightEdit.link(slug, trajectory.id, insight.id),
                        deletePath: StoryPath.insightDelete.link(slug, trajectory.id, insight.id),
                        back: StoryPath.insights.link(slug, trajectory.id))
        return t.page("insight", title: insight.title, body: body, request: request, context: context, membership: membership, trajectory: trajectory)
    }
}
