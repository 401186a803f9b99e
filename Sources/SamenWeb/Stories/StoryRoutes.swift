import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The team's side of stories: public links, interview notes, and the review that
/// approves the pseudonymised text before it leaves the team.
struct StoryRoutes: RouteGroup {
    let t: TrajectoryContext
    var stories: StoryStore { StoryStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/o/:org/trajectories/:trajectory/stories"), { $0.list }),
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/links"), { $0.createLink }),
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/links/:link/toggle"), { $0.toggleLink }),
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/interviews"), { $0.addInterview }),
            (RouteEntry(.get, "/o/:org/trajectories/:trajectory/stories/:story"), { $0.detail }),
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/:story"), { $0.review }),
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/names"), { $0.saveNames }),
        ]
    }


    struct LinkRow {
        let title: String
        let url: String
        let open: Bool
        let togglePath: String
        let questions: Int
    }

    struct StoryRow {
        let url: String
        let excerpt: String
        let source: String
        let approved: Bool
        let publication: Bool
        let specialCategory: Bool
        let date: String
    }

    struct ListBody {
        let links: [LinkRow]
        let hasLinks: Bool
        let rows: [StoryRow]
        let isEmpty: Bool
        /// The count and the previous/next links, once there are stories.
        let list: ListPage.Model?
        let canEdit: Bool
        let form: FormState
        let linkAction: String
        let interviewAction: String
        let uploadAction: String
        let query: String
        let searched: Bool
        let searchAction: String
        let participants: [Option]
        let activities: [Option]
        let knownNames: String
        let namesAction: String
    }

    static let searchLimit = 1_000
    static let fields = ["link_title", "questions", "text", "consent_publication", "consent_reuse", "known_names"]

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let defaults = ["link_title": t.word("story_link_default_title", context), "questions": t.word("story_link_default_questions", context)]
        return try await listPage(request, context, membership, trajectory,
                                  form: t.renderer.form(defaults, names: Self.fields, context), status: .ok)
    }

    func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                          form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let base = TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories"
        let links = try await stories.links(organisationID: org, trajectoryID: trajectory.id).map {
            LinkRow(title: $0.title, url: "/vertel/\($0.token)", open: $0.isOpen, togglePath: base + "/links/\($0.id)/toggle", questions: $0.questions.count)
        }
        // 50 a page: a large trajectory holds thousands of stories. A search shows its best
        // `searchLimit` hits, ranked, paged the same way.
        let list = ListPage(request, path: base, sorts: ["created"], defaultSort: "created", defaultDescending: true)
        let query = list.query.search
        let found: [Story], total: Int
        if query.isEmpty {
            (found, total) = try await stories.stories(organisationID: org, trajectoryID: trajectory.id, offset: list.query.offset,
                                                       limit: list.query.limit)
        } else {
            let hits = try await stories.search(organisationID: org, trajectoryID: trajectory.id, query: query, limit: Self.searchLimit)
            (found, total) = (Array(hits.dropFirst(list.query.offset).prefix(list.query.limit)), hits.count)
        }
        let rows = found.map { s in
            StoryRow(url: base + "/\(s.id)", excerpt: String(s.pseudonymised.prefix(160)) + (s.pseudonymised.count > 160 ? "…" : ""),
                     source: t.word("story_source_" + s.source.rawValue, context), approved: s.status == .approved,
                     publication: s.consent.publication, specialCategory: s.specialCategory,
                     date: CalendarDate(unixTime: s.createdAt).description)
        }
        let participation = ParticipationStore(database: t.services.database)
        let participants = try await participation.participants(organisationID: org, trajectoryID: trajectory.id).map {
            Option(value: $0.id, label: $0.code, selected: form.fields["participant"]?.value == $0.id)
        }
        let activities = try await participation.activities(organisationID: org, trajectoryID: trajectory.id).map {
            Option(value: $0.id, label: $0.date + " " + $0.title, selected: form.fields["activity"]?.value == $0.id)
        }
        let names = try await stories.knownNames(trajectoryID: trajectory.id).joined(separator: "\n")
        let paging = list.model(columns: [], total: total, shown: rows.count, words: { t.word($0, context) })
        let body = ListBody(links: links, hasLinks: !links.isEmpty, rows: rows, isEmpty: rows.isEmpty, list: total == 0 ? nil : paging,
                            canEdit: membership.role.allows(.editContent), form: form, linkAction: base + "/links",
                            interviewAction: base + "/interviews", uploadAction: base + "/upload", query: query, searched: !query.isEmpty, searchAction: base,
                            participants: participants, activities: activities, knownNames: form.fields["known_names"]?.value ?? names,
                            namesAction: base + "/names")
        return t.page("trajectory-stories", title: t.word("trajectory_tab_stories", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    private func back(_ membership: Membership, _ trajectory: Trajectory, notice: String) -> Response {
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories", notice: notice)
    }

    @Sendable func createLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        let questions = form["questions"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var errors = TrajectoryRules.required(form["link_title"], field: "link_title")
        if questions.isEmpty || questions.count > 8 || questions.contains(where: { $0.count > 300 }) {
            errors.append(.validation("questions_invalid", field: "questions"))
        }
        if !errors.isEmpty {
            return try await listPage(request, context, membership, trajectory,
                                      form: t.renderer.form(["link_title": form["link_title"], "questions": form["questions"]], errors: errors,
                                                            names: Self.fields, context), status: .unprocessableContent)
        }
        _ = try await stories.createLink(organisationID: membership.organisation.id, trajectoryID: trajectory.id, token: Secrets.token(),
                                         title: form["link_title"].trimmed, questions: questions)
        return back(membership, trajectory, notice: "notice_story_link_created")
    }

    @Sendable func toggleLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        try await stories.setLinkOpen(organisationID: membership.organisation.id, linkID: try request.parameter("link", context),
                                      open: form["open"] == "1")
        return back(membership, trajectory, notice: "notice_saved")
    }

    /// Interview notes or a transcript (paste; a WebVTT transcript is turned into plain text).
    @Sendable func addInterview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        var input = InterviewInput()
        input.text = form["text"]; input.consentPublication = !form["consent_publication"].isEmpty; input.consentReuse = !form["consent_reuse"].isEmpty
        input.participantID = form["participant"]; input.activityID = form["activity"]
        do {
            _ = try await StoryWrites(database: t.services.database).createInterview(try RecordPages(t: t).actor(membership, context),
                                                                                     trajectoryID: trajectory.id, input)
        } catch let error as SamenError where error.kind == .validation {
            return try await interviewRefused(request, context, membership, trajectory, form, [error])
        } catch let errors as ValidationErrors {
            return try await interviewRefused(request, context, membership, trajectory, form, errors.errors)
        }
        return back(membership, trajectory, notice: "notice_interview_added")
    }

    private func interviewRefused(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                                  _ form: FormData, _ errors: [SamenError]) async throws -> Response {
        let values = ["text": String(form["text"].prefix(StoryRules.maximumTextLength)), "participant": form["participant"], "activity": form["activity"]]
        return try await listPage(request, context, membership, trajectory, form: t.renderer.form(values, errors: errors, names: Self.fields, context),
                                  status: .unprocessableContent)
    }

    /// The names the team wants removed from texts, one per line.
    @Sendable func saveNames(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        let names = form["known_names"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.count > 500 || names.contains(where: { $0.count > 100 || $0.count < 2 }) {
            return try await listPage(request, context, membership, trajectory,
                                      form: t.renderer.form(["known_names": form["known_names"]], errors: [.validation("known_names_invalid", field: "known_names")],
                                                            names: Self.fields, context), status: .unprocessableContent)
        }
        try await stories.setKnownNames(organisationID: membership.organisation.id, trajectoryID: trajectory.id, names: names)
        return back(membership, trajectory, notice: "notice_saved")
    }

    struct DetailBody {
        let story: Story
        let original: String
        let purged: Bool
        let source: String
        let consentInternal: Bool
        let consentPublication: Bool
        let consentReuse: Bool
        let approved: Bool
        let canEdit: Bool
        let form: FormState
        let action: String
        let back: String
        let highlights: [HighlightRow]
        let hasHighlights: Bool
        let dimensions: [Option]
        let polarities: [Option]
        let beneficiaries: [Option]
        let valueTypes: [Option]
        let highlightForm: FormState
        let highlightAction: String
        let version: String
        let stale: RecordForm.Stale?
        let editLink: String
        let deleteLink: String
        /// The interventions and experiments the story led to (the experiments module).
        let ledTo: ExperimentChain.LedTo
    }

    struct HighlightRow {
        let quote: String
        let labels: String
        /// Where the passage is used further along the chain, each with its page.
        let uses: [InsightRoutes.Link]
        let hasUses: Bool
        let editPath: String
        let deletePath: String
    }

    private func story(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) async throws -> Story {
        guard let story = try await stories.story(organisationID: membership.organisation.id, id: try request.parameter("story", context)),
              story.trajectoryID == trajectory.id else { throw SamenError.notFound }
        return story
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let story = try await story(request, context, membership, trajectory)
        return try await detailPage(request, context, membership, trajectory, story,
                                    form: t.renderer.form(Self.reviewValues(story), names: Self.reviewLayout.map(\.0), context), status: .ok)
    }

    static let highlightFields = ["quote", "start", "end", "touchpoint", "tags"]

    func detailPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory, _ story: Story,
                    form: FormState, highlightForm: FormState? = nil, chosenDimensions: [String] = [], chosenPolarity: String = "none",
                    version: Int? = nil, stale: RecordForm.Stale? = nil, status: HTTPResponse.Status) async throws -> Response {
        let slug = membership.organisation.slug
        // Reviewers see the original text and are named in the audit trail; viewers see only the pseudonymised text.
        let canEdit = membership.role.allows(.editContent)
        if canEdit { try await StoryWrites(database: t.services.database).readOriginal(try RecordPages(t: t).actor(membership, context), story) }
        let evidence = EvidenceStore(database: t.services.database)
        let org = membership.organisation.id
        let insights = try await evidence.insights(organisationID: org, trajectoryID: trajectory.id)
        // Where each highlight is used further along the chain: insights, personas, journey steps.
        let design = try await DesignUses.load(t, membership, trajectory, context)
        func uses(_ id: String) -> [InsightRoutes.Link] {
            InsightRoutes.Link.sentence(insights.filter { $0.highlightIDs.contains(id) }.map {
                InsightRoutes.Link(label: $0.title, url: StoryPath.insight.link(slug, trajectory.id, $0.id))
            } + design.links { $0.contains(id) })
        }
        let highlights = try await evidence.highlights(organisationID: org, trajectoryID: trajectory.id, storyID: story.id).map { h in
            let used = uses(h.id)
            return HighlightRow(quote: h.quote, labels: EvidenceRoutes(t: t).labels(h, context), uses: used, hasUses: !used.isEmpty,
                         editPath: StoryPath.highlightEdit.link(slug, trajectory.id, story.id, h.id),
                         deletePath: StoryPath.highlightDelete.link(slug, trajectory.id, story.id, h.id))
        }
        let body = DetailBody(story: story, original: canEdit ? story.original ?? "" : "", purged: story.original == nil,
                              source: t.word("story_source_" + story.source.rawValue, context), consentInternal: story.consent.internalAnalysis,
                              consentPublication: story.consent.publication, consentReuse: story.consent.reuse, approved: story.status == .approved,
                              canEdit: canEdit, form: form, action: StoryPath.story.link(slug, trajectory.id, story.id),
                              back: StoryPath.stories.link(slug, trajectory.id),
                              highlights: highlights, hasHighlights: !highlights.isEmpty,
                              dimensions: HighlightRules.defaultDimensions.map {
                                  Option(value: $0, label: t.word("dimension_" + $0, context), selected: chosenDimensions.contains($0))
                              },
                              polarities: ValuePolarity.allCases.map {
                                  Option(value: $0.rawValue, label: t.word("polarity_" + $0.rawValue, context), selected: $0.rawValue == chosenPolarity)
                              },
                              beneficiaries: ValueBeneficiary.allCases.map {
                                  Option(value: $0.rawValue, label: t.word("beneficiary_" + ($0.rawValue.isEmpty ? "none" : $0.rawValue), context),
                                         selected: false)
                              },
                              valueTypes: ValueType.allCases.map {
                                  Option(value: $0.rawValue, label: t.word("value_type_" + ($0.rawValue.isEmpty ? "none" : $0.rawValue), context),
                                         selected: false)
                              },
                              highlightForm: highlightForm ?? t.renderer.form([:], names: Self.highlightFields, context),
                              highlightAction: StoryPath.highlights.link(slug, trajectory.id, story.id), version: String(version ?? story.version),
                              stale: stale, editLink: StoryPath.storyEdit.link(slug, trajectory.id, story.id),
                              deleteLink: StoryPath.storyDelete.link(slug, trajectory.id, story.id),
                              ledTo: try await ExperimentChain(t: t).ledTo(storyID: story.id, membership, trajectory))
        return t.page("trajectory-story", title: t.word("story_title", context), body: body, request: request, context: context,
                      membership: membership, trajectory: trajectory, status: status)
    }

    static let reviewLayout: [(String, RecordForm.Kind)] = [("pseudonymised", .textarea), ("special_category", .checkbox), ("retention_date", .date)]

    static func reviewValues(_ story: Story) -> [String: String] {
        ["pseudonymised": story.pseudonymised, "retention_date": story.retentionDate, "special_category": story.specialCategory ? "1" : ""]
    }

    /// The review goes through the same use-case as the edit page and the API; a stale
    /// version shows what was typed beside what is stored now (409) and keeps the typing.
    @Sendable func review(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let story = try await story(request, context, membership, trajectory)
        let form = try await request.form(context)
        var input = StoryInput(story)
        input.pseudonymised = form["pseudonymised"]; input.specialCategory = !form["special_category"].isEmpty; input.retentionDate = form["retention_date"]
        let typed = RecordPages.typed(form, Self.reviewLayout)
        let names = Self.reviewLayout.map(\.0)
        do {
            _ = try await StoryWrites(database: t.services.database).updateStory(
                try RecordPages(t: t).actor(membership, context), current: story, input, approve: form["approve"] == "1",
                expected: RecordForm.version(form["version"]))
        } catch let errors as ValidationErrors {
            return try await detailPage(request, context, membership, trajectory, story, form: t.renderer.form(typed, errors: errors.errors, names: names, context),
                                        version: RecordForm.version(form["version"]), status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .validation {
            return try await detailPage(request, context, membership, trajectory, story, form: t.renderer.form(typed, errors: [error], names: names, context),
                                        version: RecordForm.version(form["version"]), status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            guard let now = try await stories.story(organisationID: membership.organisation.id, id: story.id) else { throw SamenError.notFound }
            let state = t.renderer.form(typed, names: names, context)
            return try await detailPage(request, context, membership, trajectory, now, form: state, version: now.version,
                                        stale: RecordForm.stale(Self.reviewLayout, typed: typed, stored: Self.reviewValues(now), state), status: .conflict)
        }
        return back(membership, trajectory, notice: form["approve"] == "1" ? "notice_story_approved" : "notice_saved")
    }
}
