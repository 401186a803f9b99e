import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Moderation through its use-case: the facilitator's role, the rules, all-or-nothing, and
/// one audit entry per statement; a community report save is audited too.
@Suite("Moderation and report writes")
struct ConversationModerationWritesTests {
    @Test("moderation needs a facilitator, a reason to reject, known statements; each decided statement is in the trail",
          arguments: TestDatabase.kinds)
    func moderation(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await ConversationWritesTests.setUp(database)
            var input = ConversationInput()
            input.question = "Wat moet de bibliotheek doen?"
            let writes = ConversationWrites(database: database)
            let conversation = try await writes.create(a, input, seeds: ["Langer open", "Meer boeken", "Een koffiehoek"])
            var member = a
            member.role = .member
            await #expect(throws: SamenError.forbidden) { try await writes.moderate(member, conversation, ModerationInput(numbers: [1], action: "approve")) }
            let noReason = try await #require(throws: ValidationErrors.self) {
                try await writes.moderate(a, conversation, ModerationInput(numbers: [1], action: "reject"))
            }
            #expect(noReason.errors.map(\.code) == ["moderation_reason_required"])
            await #expect(throws: SamenError.validation("statement_unknown", field: "statements")) {
                try await writes.moderate(a, conversation, ModerationInput(numbers: [1, 99], action: "reject", reason: "Dubbel"))
            }
            await #expect(throws: SamenError.notFound) {
                try await writes.moderate(b, conversation, ModerationInput(numbers: [1], action: "reject", reason: "Dubbel"))
            }
            let store = ConversationStore(database: database)
            #expect(try await store.moderatedOut(conversationID: conversation.id).isEmpty, "nothing changed by the refusals")
            #expect(try await writes.moderate(a, conversation, ModerationInput(numbers: [2, 1, 2], action: "reject", reason: "Dubbel")) == 2)
            #expect(try await store.moderatedOut(conversationID: conversation.id) == [1, 2])
            let entries = try await ConversationWritesTests.audit(database, a).filter { $0.entity == "conversation_statement" }
            #expect(Set(entries.map(\.entityID)) == ["\(conversation.id)/1", "\(conversation.id)/2"])
            #expect(entries.allSatisfy { $0.fields == ["state", "reason"] && $0.actorName == "Ilse" })
        }
    }

    @Test("a community report save needs a facilitator and is in the trail; a too-long text stores nothing", arguments: TestDatabase.kinds)
    func report(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await StoryWritesContractTests.world(database)
            let writes = StoryWrites(database: database)
            await #expect(throws: SamenError.forbidden) {
                try await writes.saveReport(w.viewer, trajectoryID: w.trajectoryID, intro: "x", quoteIDs: [], actions: [:], publicToken: nil)
            }
            let long = try await #require(throws: ValidationErrors.self) {
                try await writes.saveReport(w.ilse, trajectoryID: w.trajectoryID, intro: String(repeating: "a", count: 5001), quoteIDs: [],
                                            actions: [:], publicToken: "tok")
            }
            #expect(long.errors.map(\.field) == ["intro"])
            #expect(try await ReportStore(database: database).publicReport(token: "tok") == nil)
            try await writes.saveReport(w.ilse, trajectoryID: w.trajectoryID, intro: " Wat we hoorden ", quoteIDs: [], actions: [:], publicToken: "tok")
            #expect(try await ReportStore(database: database).publicReport(token: "tok")?.report.intro == "Wat we hoorden")
            let entry = try #require(try await w.trail().first { $0.entity == "community_report" })
            #expect(entry.entityID == w.trajectoryID && entry.action == .update && entry.fields.contains("public_link"))
        }
    }
}
