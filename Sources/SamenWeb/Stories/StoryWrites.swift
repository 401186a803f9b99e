import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every team-side write to the citizen's voice and the evidence chain, shared by the web
/// pages, the API and the command line: plain values in, the stored record or a
/// `SamenError` out. Each use-case checks the role, applies the rules, and stores the
/// change and its audit entry in one transaction. `expected` is the row version the
/// caller read (nil: any version). A citizen's own withdrawal stays in `StoryStore`.
public struct StoryWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: stories and interviews

    /// Interview notes or a transcript from the team: pseudonymised before storing, like the paste form.
    public func createInterview(_ actor: WriteActor, trajectoryID: String, _ input: InterviewInput, field: String = "text") async throws -> Story {
        try actor.require(.editContent)
        let clean = try input.validated(today: CalendarDate(unixTime: Clock.now()), field: field)
        let stories = StoryStore(database: database)
        let pseudonymised = try await stories.pseudonymiser(trajectoryID: trajectoryID).pseudonymise(clean.text).text
        return try await database.transaction { sql in
            let id = try await StoryStore.insert(sql: sql, .init(
                trajectoryID: trajectoryID, linkID: nil, source: .interview, receiptHash: nil, original: clean.text, pseudonymised: pseudonymised,
                consent: StoryConsent(internalAnalysis: true, publication: clean.consentPublication, reuse: clean.consentReuse),
                ageBand: clean.ageBand, district: clean.district, channel: clean.channel, retentionDate: clean.retentionDate,
                participantID: clean.participantID.isEmpty ? nil : clean.participantID,
                activityID: clean.activityID.isEmpty ? nil : clean.activityID), organisationID: actor.organisationID)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "story", entityID: id, action: .create)
            guard let stored = try await StoryStore.load(sql: sql, organisationID: actor.organisationID, id: id) else { throw SamenError.notFound }
            return stored
        }
    }

    /// The team's review and corrections. Approving runs the identifier detectors again on
    /// the reviewed text, so an approval cannot let a direct identifier slip out.
    public func updateStory(_ actor: WriteActor, current: Story, _ input: StoryInput, approve: Bool? = nil, expected: Int?) async throws -> Story {
        try actor.require(.editContent)
        let clean = try input.validated()
        if approve == true {
            let recheck = try await StoryStore(database: database).pseudonymiser(trajectoryID: current.trajectoryID).pseudonymise(clean.pseudonymised)
            if !recheck.findings.isEmpty { throw ValidationErrors([.validation("identifiers_left", field: "pseudonymised")]) }
        }
        return try await database.transaction { sql in
            _ = try await StoryRecordWrites.updateStory(sql: sql, organisationID: actor.organisationID, id: current.id, trajectoryID: current.trajectoryID,
                                                        clean, approve: approve, by: actor.displayName, expected: expected)
            var fields = Self.changes(StoryInput(current), clean)
            if let approve, approve != (current.status == .approved) { fields.append("status") }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "story", entityID: current.id,
                                        action: .update, fields: fields.sorted())
            guard let stored = try await StoryStore.load(sql: sql, organisationID: actor.organisationID, id: current.id) else { throw SamenError.notFound }
            return stored
        }
    }

    /// Deletes a story or interview with its highlights (a team decision, not the citizen's withdrawal).
    public func deleteStory(_ actor: WriteActor, _ story: Story, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deleteStory(sql: sql, organisationID: actor.organisationID, id: story.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: story.trajectoryID, entity: "story", entityID: story.id, action: .delete)
        }
    }

    public func storyImpact(_ story: Story) async throws -> DeletionImpact {
        try await database.read { sql in try await StoryRecordWrites.storyImpact(sql: sql, id: story.id) }
    }

    /// Only the roles that review a story may see its original (not pseudonymised) text,
    /// and whoever is shown it is named in the audit trail. Viewers get the pseudonymised text.
    public func readOriginal(_ actor: WriteActor, _ story: Story) async throws {
        try actor.require(.editContent)
        guard story.original != nil else { return }
        try await AuditStore(database: database).recordRead(actor: actor, trajectoryID: story.trajectoryID, entity: "story", entityID: story.id)
    }

    // MARK: highlights

    /// A passage of the pseudonymised text (never of the original).
    public func createHighlight(_ actor: WriteActor, story: Story, _ input: HighlightInput) async throws -> Highlight {
        try actor.require(.editContent)
        let highlight = try input.validated(in: story.pseudonymised, storyID: story.id)
        return try await database.transaction { sql in
            let stored = try await EvidenceStore.insertHighlight(sql: sql, organisationID: actor.organisationID, highlight)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: story.trajectoryID, entity: "highlight", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateHighlight(_ actor: WriteActor, story: Story, current: Highlight, _ input: HighlightInput, expected: Int?) async throws -> Highlight {
        try actor.require(.editContent)
        var highlight = try input.validated(in: story.pseudonymised, storyID: story.id, current: current)
        return try await database.transaction { sql in
            highlight.version = try await StoryRecordWrites.updateHighlight(sql: sql, organisationID: actor.organisationID, highlight, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: story.trajectoryID, entity: "highlight", entityID: current.id,
                                        action: .update, fields: Self.changes(HighlightInput(current), HighlightInput(highlight)))
            return highlight
        }
    }

    public func deleteHighlight(_ actor: WriteActor, story: Story, _ highlight: Highlight, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deleteHighlight(sql: sql, organisationID: actor.organisationID, id: highlight.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: story.trajectoryID, entity: "highlight", entityID: highlight.id,
                                        action: .delete)
        }
    }

    public func highlightImpact(_ highlight: Highlight) async throws -> DeletionImpact {
        try await database.read { sql in try await StoryRecordWrites.highlightImpact(sql: sql, id: highlight.id) }
    }

    // MARK: helpers

    /// The changed fields' names (never values), as the API and the forms name them.
    static func changes<T>(_ before: T, _ after: T) -> [String] {
        TrajectoryWrites.changes(before, after).map {
            $0.replacingOccurrences(of: "_i_ds", with: "_ids").replacingOccurrences(of: "_i_d", with: "_id")
        }
    }
}
