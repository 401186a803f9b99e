import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Highlights on a story and insights that group them: the evidence chain, readable
/// both ways (from a story to its insights, from an insight back to people's words).
struct EvidenceRoutes: RouteGroup {
    let t: TrajectoryContext
    var evidence: EvidenceStore { EvidenceStore(database: t.services.database) }
    var stories: StoryStore { StoryStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(StoryPath.highlights.post, { $0.addHighlight }), (StoryPath.insights.get, { $0.insights }), (StoryPath.insights.post, { $0.createInsight })]
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
        let storyPath = StoryPath.story.link(membership.organisation.slug, trajectory.id, story.id)
        var input = HighlightInput()
        input.quote = form["quote"]; input.start = form["start"]; input.end = form["end"]; input.tags = form["tags"]
        input.touchpoint = form["touchpoint"]; input.polarity = form["polarity"]; input.beneficiary = form["beneficiary"]
        input.valueType = form["value_type"]; input.dimensions = form.values("dimension")
        do {
            _ = try await StoryWrites(database: t.services.database).createHighlight(try RecordPages(t: t).actor(membership, context), story: story, input)
        } catch let refused as ValidationErrors {
            let values = Dictionary(uniqueKeysWithValues: StoryRoutes.highlightFields.map { ($0, form[$0]) })
            let routes = StoryRoutes(t: t)
            return try await routes.detailPage(
                request, context, membership, trajectory, story,
                form: t.renderer.form(StoryRoutes.reviewValues(story), names: StoryRoutes.reviewLayout.map(\.0), context),
                highlightForm: t.renderer.form(values, errors: refused.errors, names: StoryRoutes.highlightFields, context),
                chosenDimensions: input.dimensions, chosenPolarity: form["polarity"], status: .unprocessableContent)
        }
        return t.services.cookies.redirect(storyPath, notice: "notice_highlight_added")
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
        let detailPath: String
        let editPath: String
        let deletePath: String
        let title: String
        let description: String
        let quotes: [QuoteRow]
        let hasQuotes: Bool
    }

    struct InsightsBody {
        let insights: [InsightRow]
        let isEmpty: Bool
        /// Search and paging of the insights (50 a page), once there are any.
        let list: ListPage.Model?
        let noMatch: Bool
        let highlights: [QuoteRow]
        let hasHighlights: Bool
        let passageSearch: PassageSearch
        let canEdit: Bool
        let form: FormState
        let action: String
    }

    /// The search above a form's passage choices: a large trajectory's form lists only the
    /// newest `PassageSearch.limit` (and those already chosen); the search finds the others.
    struct PassageSearch {
        static let limit = 100
        static let parameter = "passages"
        let action: String
        let value: String
        let note: String
        /// Shown once there is more to find than the form lists, or while a search is on.
        let shown: Bool

        /// The search box's model for `listed` of `total` matching passages.
        static func make(_ t: TrajectoryContext, _ context: AppRequestContext, action: String, value: String,
                         listed: Int, total: Int) -> PassageSearch {
            let note = t.word("passage_search_shown", context)
                .replacingOccurrences(of: "{shown}", with: context.numbers.integer(listed))
                .replacingOccurrences(of: "{total}", with: context.numbers.integer(total))
            return PassageSearch(action: action, value: value, note: note, shown: total > listed || !value.isEmpty)
        }

        /// The search text of a request (`?passages=`), trimmed and bounded.
        static func value(_ request: Request) -> String {
            String((request.uri.queryParameters[Substring(parameter)] ?? "").prefix(200)).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The passages a form offers: the chosen ones, then the newest that match the search;
    /// none (and no search) for a role that cannot edit, since it gets no form.
    func passageHighlights(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                           checked: Set<String>, action: String) async throws -> (highlights: [Highlight], search: PassageSearch) {
        guard membership.role.allows(.editContent) else {
            return ([], PassageSearch(action: action, value: "", note: "", shown: false))
        }
        let search = PassageSearch.value(request)
        let org = membership.organisation.id
        let (choices, total) = try await evidence.highlightChoices(organisationID: org, trajectoryID: trajectory.id, search: search,
                                                                   limit: PassageSearch.limit)
        let listed = Set(choices.map(\.id))
        let chosen = try await evidence.highlights(organisationID: org, trajectoryID: trajectory.id, ids: checked.subtracting(listed))
        return (chosen + choices, PassageSearch.make(t, context, action: action, value: search, listed: choices.count, total: total))
    }

    /// `passageHighlights` as the options of a record form's field (a quote cut at 140 characters).
    func passageOptions(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                        checked: Set<String>, action: String) async throws -> (options: [Option], search: PassageSearch) {
        let (highlights, search) = try await passageHighlights(request, context, membership, trajectory, checked: checked, action: action)
        return (highlights.map {
            Option(value: $0.id, label: "“" + ($0.quote.count > 140 ? String($0.quote.prefix(140)) + "…" : $0.quote) + "”", selected: false)
        }, search)
    }

    /// `passageHighlights` as the checkboxes of a form.
    func passageChoices(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                        checked: Set<String>, action: String) async throws -> (rows: [QuoteRow], search: PassageSearch) {
        let (highlights, search) = try await passageHighlights(request, context, membership, trajectory, checked: checked, action: action)
        return (quoteRows(membership, trajectory, highlights, checked: checked, context), search)
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
        let action = TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/insights"
        let all = try await evidence.insights(organisationID: org, trajectoryID: trajectory.id)
        // Searched and paged here, after one read: a trajectory holds hundreds of insights, not
        // millions, and what made the page slow was reading and showing every quote.
        let list = ListPage(request, path: action, sorts: ["created"], defaultSort: "created", defaultDescending: false)
        let needle = list.query.search.lowercased()
        let matching = needle.isEmpty ? all : all.filter { ($0.title + "\n" + $0.description).lowercased().contains(needle) }
        let insights = Array(matching.dropFirst(list.query.offset).prefix(list.query.limit))
        let quoted = try await evidence.highlights(organisationID: org, trajectoryID: trajectory.id, ids: insights.flatMap(\.highlightIDs))
        let byID = Dictionary(quoted.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = insights.map { insight in
            let quotes = quoteRows(membership, trajectory, insight.highlightIDs.compactMap { byID[$0] }, checked: [], context)
            return InsightRow(detailPath: StoryPath.insight.link(membership.organisation.slug, trajectory.id, insight.id),
                              editPath: StoryPath.insightEdit.link(membership.organisation.slug, trajectory.id, insight.id),
                              deletePath: StoryPath.insightDelete.link(membership.organisation.slug, trajectory.id, insight.id), title: insight.title, description: insight.description, quotes: quotes, hasQuotes: !quotes.isEmpty)
        }
        let canEdit = membership.role.allows(.editContent)
        let (choices, search) = try await passageChoices(request, context, membership, trajectory, checked: checked, action: action)
        let model = all.isEmpty ? nil : list.model(columns: [], total: matching.count, shown: rows.count, words: { t.word($0, context) })
        let body = InsightsBody(insights: rows, isEmpty: all.isEmpty, list: model, noMatch: !all.isEmpty && rows.isEmpty, highlights: choices,
                                hasHighlights: !choices.isEmpty || !search.value.isEmpty, passageSearch: search, canEdit: canEdit,
                                form: form, action: action)
        return t.page("trajectory-insights", title: t.word("trajectory_tab_insights", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func createInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        let chosen = form.values("highlight")
        var input = InsightInput()
        input.title = form["title"]; input.description = form["description"]; input.highlightIDs = chosen
        var errors: [SamenError] = []
        do {
            _ = try await StoryWrites(database: t.services.database).createInsight(try RecordPages(t: t).actor(membership, context),
                                                                                 trajectoryID: trajectory.id, input)
            return t.services.cookies.redirect(StoryPath.insights.link(membership.organisation.slug, trajectory.id), notice: "notice_insight_created")
        } catch let refused as ValidationErrors {
            errors = refused.errors
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        }
        return try await insightsPage(request, context, membership, trajectory,
                                      form: t.renderer.form(["title": form["title"], "description": form["description"]], errors: errors,
                                                            names: ["title", "description"], context),
                                      checked: Set(chosen), status: .unprocessableContent)
    }
}
