import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting stories, interviews and highlights (team side), through the
/// shared edit and delete-confirmation pages. A citizen's own withdrawal stays on the public side.
struct StoryEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var pages: RecordPages { RecordPages(t: t) }
    var writes: StoryWrites { StoryWrites(database: t.services.database) }
    var loader: StoryRecords { StoryRecords(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StoryPath.storyEdit.get, { $0.storyForm }), (StoryPath.storyEdit.post, { $0.storyEdit }),
            (StoryPath.storyDelete.get, { $0.storyDeleteForm }), (StoryPath.storyDelete.post, { $0.storyDelete }),
            (StoryPath.highlightEdit.get, { $0.highlightForm }), (StoryPath.highlightEdit.post, { $0.highlightEdit }),
            (StoryPath.highlightDelete.get, { $0.highlightDeleteForm }), (StoryPath.highlightDelete.post, { $0.highlightDelete }),
        ]
    }

    // MARK: stories and interviews

    static func values(_ s: Story) -> [String: String] {
        ["pseudonymised": s.pseudonymised, "special_category": s.specialCategory ? "1" : "", "retention_date": s.retentionDate,
         "participant": s.participantID ?? "", "activity": s.activityID ?? "", "age_band": s.ageBand, "district": s.district, "channel": s.channel]
    }

    static func input(_ form: FormData) -> StoryInput {
        var input = StoryInput()
        input.pseudonymised = form["pseudonymised"]; input.specialCategory = !form["special_category"].isEmpty
        input.retentionDate = form["retention_date"]; input.participantID = form["participant"]; input.activityID = form["activity"]
        input.ageBand = form["age_band"]; input.district = form["district"]; input.channel = form["channel"]
        return input
    }

    func storySpec(_ m: Membership, _ tr: Trajectory, _ s: Story, _ context: AppRequestContext) async throws -> RecordPages.Spec {
        let slug = m.organisation.slug
        let none = Option(value: "", label: "–", selected: false)
        let participants = try await t.participation.participants(organisationID: m.organisation.id, trajectoryID: tr.id)
            .map { Option(value: $0.id, label: $0.code, selected: false) }
        let activities = try await t.participation.activities(organisationID: m.organisation.id, trajectoryID: tr.id)
            .map { Option(value: $0.id, label: $0.date + " " + $0.title, selected: false) }
        return RecordPages.Spec(
            heading: t.word("story_edit_title", context),
            layout: [("pseudonymised", .textarea), ("special_category", .checkbox), ("retention_date", .date),
                     ("participant", .select([none] + participants)), ("activity", .select([none] + activities)),
                     ("age_band", .text), ("district", .text), ("channel", .text)],
            action: StoryPath.storyEdit.link(slug, tr.id, s.id), back: StoryPath.story.link(slug, tr.id, s.id),
            deleteLink: StoryPath.storyDelete.link(slug, tr.id, s.id))
    }

    @Sendable func storyForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s) = try await loader.story(request, context, for: .editContent)
        return pages.editPage(request, context, m, tr, try await storySpec(m, tr, s, context), values: Self.values(s), version: s.version)
    }

    @Sendable func storyEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s) = try await loader.story(request, context, for: .editContent)
        let form = try await request.form(context)
        let actor = try pages.actor(m, context)
        return try await pages.save(request, context, m, tr, try await storySpec(m, tr, s, context), form: form, reload: {
            try await loader.stories.story(organisationID: m.organisation.id, id: s.id).map { (Self.values($0), $0.version) }
        }, write: { _ = try await writes.updateStory(actor, current: s, Self.input(form), expected: $0) })
    }

    static func name(_ s: Story) -> String { String(s.pseudonymised.prefix(80)) + (s.pseudonymised.count > 80 ? "…" : "") }

    @Sendable func storyDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s) = try await loader.story(request, context, for: .editContent)
        let slug = m.organisation.slug
        return pages.deletePage(request, context, m, tr, heading: t.word("story_delete_title", context), name: Self.name(s),
                                impact: try await writes.storyImpact(s), action: StoryPath.storyDelete.link(slug, tr.id, s.id),
                                back: StoryPath.story.link(slug, tr.id, s.id), version: s.version)
    }

    @Sendable func storyDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s) = try await loader.story(request, context, for: .editContent)
        let slug = m.organisation.slug
        let actor = try pages.actor(m, context)
        return try await pages.confirmDelete(
            request, context, m, tr, heading: t.word("story_delete_title", context), name: Self.name(s),
            action: StoryPath.storyDelete.link(slug, tr.id, s.id), back: StoryPath.story.link(slug, tr.id, s.id),
            done: StoryPath.stories.link(slug, tr.id), impact: { try await writes.storyImpact(s) },
            reload: { try await loader.stories.story(organisationID: m.organisation.id, id: s.id)?.version },
            delete: { try await writes.deleteStory(actor, s, expected: $0) })
    }

    // MARK: highlights

    static func values(_ h: Highlight) -> [String: String] {
        var values = ["quote": h.quote, "touchpoint": h.touchpoint, "tags": h.tags.joined(separator: ", "), "polarity": h.polarity.rawValue,
                      "beneficiary": h.beneficiary.rawValue, "value_type": h.valueType.rawValue]
        for d in HighlightRules.defaultDimensions { values["dim_" + d] = h.dimensions.contains(d) ? "1" : "" }
        return values
    }

    static func input(_ form: FormData, _ current: Highlight) -> HighlightInput {
        var input = HighlightInput(current)
        input.quote = form["quote"]; input.touchpoint = form["touchpoint"]; input.tags = form["tags"]; input.polarity = form["polarity"]
        input.beneficiary = form["beneficiary"]; input.valueType = form["value_type"]
        input.dimensions = HighlightRules.defaultDimensions.filter { !form["dim_" + $0].isEmpty }
        return input
    }

    func highlightSpec(_ slug: String, _ tr: Trajectory, _ s: Story, _ h: Highlight, _ context: AppRequestContext) -> RecordPages.Spec {
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String) -> [Option] where T.RawValue == String {
            T.allCases.map { Option(value: $0.rawValue, label: t.word(prefix + ($0.rawValue.isEmpty ? "none" : $0.rawValue), context), selected: false) }
        }
        let labels: [(String, RecordForm.Kind)] = [
            ("quote", .textarea), ("touchpoint", .text), ("tags", .text), ("polarity", .select(options(ValuePolarity.self, "polarity_"))),
            ("beneficiary", .select(options(ValueBeneficiary.self, "beneficiary_"))), ("value_type", .select(options(ValueType.self, "value_type_"))),
        ]
        let dimensions: [(String, RecordForm.Kind)] = HighlightRules.defaultDimensions.map { ("dim_" + $0, RecordForm.Kind.checkbox) }
        return RecordPages.Spec(
            heading: t.word("highlight_edit_title", context), layout: labels + dimensions,
            action: StoryPath.highlightEdit.link(slug, tr.id, s.id, h.id), back: StoryPath.story.link(slug, tr.id, s.id),
            deleteLink: StoryPath.highlightDelete.link(slug, tr.id, s.id, h.id))
    }

    @Sendable func highlightForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s, h) = try await loader.highlight(request, context)
        return pages.editPage(request, context, m, tr, highlightSpec(m.organisation.slug, tr, s, h, context), values: Self.values(h), version: h.version)
    }

    @Sendable func highlightEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s, h) = try await loader.highlight(request, context)
        let form = try await request.form(context)
        let actor = try pages.actor(m, context)
        return try await pages.save(request, context, m, tr, highlightSpec(m.organisation.slug, tr, s, h, context), form: form, reload: {
            try await loader.evidence.highlights(organisationID: m.organisation.id, trajectoryID: tr.id, storyID: s.id)
                .first { $0.id == h.id }.map { (Self.values($0), $0.version) }
        }, write: { _ = try await writes.updateHighlight(actor, story: s, current: h, Self.input(form, h), expected: $0) })
    }

    @Sendable func highlightDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s, h) = try await loader.highlight(request, context)
        let slug = m.organisation.slug
        return pages.deletePage(request, context, m, tr, heading: t.word("highlight_delete_title", context), name: h.quote,
                                impact: try await writes.highlightImpact(h), action: StoryPath.highlightDelete.link(slug, tr.id, s.id, h.id),
                                back: StoryPath.story.link(slug, tr.id, s.id), version: h.version)
    }

    @Sendable func highlightDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr, s, h) = try await loader.highlight(request, context)
        let slug = m.organisation.slug
        let actor = try pages.actor(m, context)
        return try await pages.confirmDelete(
            request, context, m, tr, heading: t.word("highlight_delete_title", context), name: h.quote,
            action: StoryPath.highlightDelete.link(slug, tr.id, s.id, h.id), back: StoryPath.story.link(slug, tr.id, s.id),
            done: StoryPath.story.link(slug, tr.id, s.id), impact: { try await writes.highlightImpact(h) },
            reload: {
                try await loader.evidence.highlights(organisationID: m.organisation.id, trajectoryID: tr.id, storyID: s.id)
                    .first { $0.id == h.id }?.version
            },
            delete: { try await writes.deleteHighlight(actor, story: s, h, expected: $0) })
    }
}
