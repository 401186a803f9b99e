import Foundation
import SamenCore
import SamenStore

/// The community report ("U zei, wij deden"): its rules, the save and its audit entry.
extension StoryWrites {
    /// `actions` maps an insight id to what was done with it; `publicToken` is the public link (nil: not published).
    public func saveReport(_ actor: WriteActor, trajectoryID: String, intro: String, quoteIDs: [String], actions: [String: String],
                           publicToken: String?) async throws {
        try actor.require(.runTrajectory)
        var errors = TrajectoryRules.optional(intro, field: "intro", max: 5000)
        for (insightID, text) in actions.sorted(by: { $0.key < $1.key }) where text.trimmed.count > 2000 {
            errors.append(.validation("field_too_long", field: "we_did_" + insightID))
        }
        try ValidationErrors.check(errors)
        try await database.transaction { sql in
            try await ReportStore.save(sql: sql, organisationID: actor.organisationID, trajectoryID: trajectoryID, intro: intro.trimmed,
                                       quoteIDs: quoteIDs, actions: actions.mapValues(\.trimmed), publicToken: publicToken)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "community_report", entityID: trajectoryID,
                                        action: .update, fields: ["intro", "quotes", "actions", publicToken == nil ? "unpublished" : "public_link"])
        }
    }
}
