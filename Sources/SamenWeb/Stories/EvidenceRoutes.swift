import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Highlights on a story and insights that group them: the evidence chain, readable
/// both ways (from a story to its insights, from an insight back to people's words).
struct EvidenceRoutes {
    let t: TrajectoryContext
    var evidence: EvidenceStore { EvidenceStore(database: t.services.database) }
    var stories: StoryStore { StoryStore(database: t.services.database) }

    static let entries = [
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/:story/highlights"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/:story/highlights/:highlight/delete"),
        RouteEntry(.get, "/o/:org/trajectories/:trajectory/insights"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/insights"),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [addHighlight, deleteHighlight, insights, createInsight] as [Handler])))
    }

    private func story(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Story {
        guard let story = try await stories.story(organisationID: membership.organisation.id, id: try request.parameter("story", context)),
              story.trajectoryID == trajectory.id else { throw SamenError.notFound }
        return story
    }

    @Sendable func addHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let story = try await story(request, context, membership, trajectory)
        let form = try await request.form(context)
        let storyPath = TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories/\(story.id)"
        var errors: [SamenError] = []
        var passage: (Int, Int, String)?
        switch HighlightRules.locate(in: story.pseudonymised, quote: form["quote"], start: form["start"], end: form["end"]) {
        case .success(let found): passage = found
        case .failure(let error): errors.append(error)
        }
        var tags: [String] = []
        switch HighlightRules.tags(form["tags"]) {
        case .success(let found): tags = found
        case .failure(let error): errors.append(error)
        }
        let dimensions = form.values("dimension").filter { HighlightRules.defaultDimensions.contains($0) }
        let polarity = ValuePolarity(rawValue: form["polarity"]) ?? .none
        errors += TrajectoryRules.optional(form["touchpoint"], field: "touchpoint", max: 120)
        guard errors.isEmpty, let passage else {
            let values = Dictionary(uniqueKeysWithValues: StoryRoutes.highlightFields.map { ($0, form[$0]) })
            let review = t.renderer.form(["pseudonymised": story.pseudonymised, "retention_date": story.retentionDate,
                                          "special_category": story.specialCategory ? "1" : ""],
                                         names: ["pseudonymised", "retention_date", "special_category"], context)
            return try await StoryRoutes(t: t).detailPage(
                request, context, membership, trajectory, story, form: review,
                highlightForm: t.renderer.form(values, errors: errors, names: StoryRoutes.highlightFields, context),
                chosenDimensions: dimensions, chosenPolarity: form["polarity"], status: .unprocessableContent)
        }
        _ = try await evidence.addHighlight(organisationID: membership.organisation.id, Highlight(
            id: "", storyID: story.id, start: passage.0, end: passage.1, quote: passage.2, dimensions: dimensions,
            touchpoint: form["touchpoint"].trimmed, polarity: polarity, beneficiary: ValueBeneficiary(rawValue: form["beneficiary"]) ?? .none,
            valueType: ValueType(rawValue: form["value_type"]) ?? .none, tags: tags))
        return t.services.cookies.redirect(storyPath, notice: "notice_highlight_added")
    }

    @Sendable func deleteHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let story = try await story(request, context, membership, trajectory)
        try await evidence.deleteHighlight(organisationID: membership.organisation.id, id: try request.parameter("highlight", context))
        return .seeOther(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories/\(story.id)")
    }

    struct QuoteRow {
        let id: String
        let quote: String
        let storyURL: String
        let labels: String
        let checked: Bool
        let fieldID: String
    }

    struct InsightRow {
        let title: String
        let description: String
        let quotes: [QuoteRow]
        let hasQuotes: Bool
    }

    struct InsightsBody {
        let insights: [InsightRow]
        let isEmpty: Bool
        let highlights: [QuoteRow]
        let hasHighlights: Bool
        let canEdit: Bool
        let form: FormState
        let action: String
    }

    /// The words for a highlight's tags: dimensions, free tags, then the Co-VAL fields.
    func labels(_ h: Highlight, _ context: AppRequestContext) -> String {
        (h.dimensions.map { t.word("dimension_" + $0, context) } + h.tags
            + (h.polarity == .none ? [] : [t.word("polarity_" + h.polarity.rawValue, context)])
            + (h.beneficiary == .none ? [] : [t.word("beneficiary_" + h.beneficiary.rawValue, context)])
            + (h.valueType == .none ? [] : [t.word("value_type_" + h.valueType.rawValue, context)])).joined(separator: ", ")
    }

    func quoteRows(_ membership: Membership, _ trajectory: Trajectory, _ highlights: [Highlight], checked: Set<String>,
                   _ context: AppRequestContext) -> [QuoteRow] {
        highlights.map { h in
            return QuoteRow(id: h.id, quote: h.quote,
                            storyURL: TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories/\(h.storyID)",
                            labels: labels(h, context), checked: checked.contains(h.id), fieldID: "highlight-\(h.id)")
        }
    }

    @Sendable func insights(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return try await insightsPage(request, context, membership, trajectory, form: t.renderer.form([:], names: ["title", "description"], context),
                                      checked: [], status: .ok)
    }

    private func insightsPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                              form: FormState, checked: Set<String>, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let highlights = try await evidence.highlights(organisationID: org, trajectoryID: trajectory.id)
        let byID = Dictionary(highlights.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try await evidence.insights(organisationID: org, trajectoryID: trajectory.id).map { insight in
            let quotes = quoteRows(membership, trajectory, insight.highlightIDs.compactMap { byID[$0] }, checked: [], context)
            return InsightRow(title: insight.title, description: insight.description, quotes: quotes, hasQuotes: !quotes.isEmpty)
        }
        let body = InsightsBody(insights: rows, isEmpty: rows.isEmpty, highlights: quoteRows(membership, trajectory, highlights, checked: checked, context),
                                hasHighlights: !highlights.isEmpty, canEdit: membership.role.allows(.editContent), form: form,
                                action: TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/insights")
        return t.page("trajectory-insights", title: t.word("trajectory_tab_insights", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func createInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        let chosen = form.values("highlight")
        var errors = TrajectoryRules.required(form["title"], field: "title") + TrajectoryRules.optional(form["description"], field: "description")
        if chosen.isEmpty { errors.append(.validation("insight_needs_evidence", field: "highlights")) }
        if errors.isEmpty {
            do {
                _ = try await evidence.createInsight(organisationID: membership.organisation.id, trajectoryID: trajectory.id,
                                                     title: form["title"].trimmed, description: form["description"].trimmed, highlightIDs: chosen)
                return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/insights", notice: "notice_insight_created")
            } catch let error as SamenError where error.kind == .validation {
                errors = [error]
            }
        }
        return try await insightsPage(request, context, membership, trajectory,
                                      form: t.renderer.form(["title": form["title"], "description": form["description"]], errors: errors,
                                                            names: ["title", "description"], context),
                                      checked: Set(chosen), status: .unprocessableContent)
    }
}
