import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import SQLKit
import Testing

/// The conversation use-cases on SQLite and PostgreSQL: one meaning of the dates, one
/// default, versions, tenancy, what a delete takes with it, refusals, and the audit trail.
@Suite("Conversation writes contract")
struct ConversationWritesTests {
    static func setUp(_ database: Database) async throws -> (WriteActor, WriteActor) {
        let store = OrganisationStore(database: database)
        let a = try await store.create(name: "Gemeente A", slug: "a"), b = try await store.create(name: "Gemeente B", slug: "b")
        return (WriteActor(organisationID: a.id, userID: "u-a", displayName: "Ilse", role: .facilitator),
                WriteActor(organisationID: b.id, userID: "u-b", displayName: "Sanne", role: .administrator))
    }

    static func audit(_ database: Database, _ actor: WriteActor) async throws -> [AuditEntry] {
        try await AuditStore(database: database).entries(organisationID: actor.organisationID, filter: AuditFilter(), limit: 100, cursor: nil).entries
    }

    static func count(_ database: Database, _ table: String, _ conversationID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE conversation_id = \(bind: conversationID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func vote(_ database: Database, _ conversationID: String, statement: Int) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO conversation_participants (conversation_id, number, token_hash, kind, created_at)
                VALUES (\(bind: conversationID), 1, 'h', 'anonymous', 0)
                """).run()
            try await sql.raw("""
                INSERT INTO conversation_votes (conversation_id, participant, statement, vote, voted_at_ms)
                VALUES (\(bind: conversationID), 1, \(bind: statement), 1, 0)
                """).run()
            try await sql.raw("""
                INSERT INTO conversation_vote_events (conversation_id, participant, statement, vote, voted_at_ms)
                VALUES (\(bind: conversationID), 1, \(bind: statement), 1, 0)
                """).run()
        }
    }

    @Test("the closing day is the last open day, allow_statements defaults to true, and the day reads back as typed",
          arguments: TestDatabase.kinds)
    func datesAndDefault(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, _) = try await Self.setUp(database)
            var input = ConversationInput()
            input.question = "Wat moet de bibliotheek doen?"
            input.opensOn = "2026-03-01"
            input.closesOn = "2026-03-29" // the day summer time starts: 23 hours long
            let created = try await ConversationWrites(database: database).create(a, input)
            #expect(created.allowStatements)
            let endOfMarch29 = Int64(1_774_821_600) // 2026-03-30 00:00 in Amsterdam (UTC+2)
            #expect(created.closesAt == endOfMarch29)
            #expect(created.isOpen(at: endOfMarch29 - 1) && !created.isOpen(at: endOfMarch29))
            #expect(created.opensAt == 1_772_319_600) // 2026-03-01 00:00 in Amsterdam (UTC+1)
            let stored = try #require(try await ConversationStore(database: database).conversation(organisationID: a.organisationID, id: created.id))
            #expect(ConversationInput(stored).closesOn == "2026-03-29" && ConversationInput(stored).opensOn == "2026-03-01")
            var wrong = input
            wrong.closesOn = "2026-02-28"
            wrong.moderation = "sometimes"
            do {
                _ = try await ConversationWrites(database: database).create(a, wrong)
                Issue.record("accepted dates out of order")
            } catch let errors as ValidationErrors {
                #expect(Set(errors.errors.map(\.code)) == ["conversation_dates_order", "conversation_moderation_invalid"])
                #expect(errors.error(for: "closes_on")?.code == "conversation_dates_order")
            }
        }
    }

    @Test("an edit names its version: right raises it, stale changes nothing, another organisation's is not found; audited without values",
          arguments: TestDatabase.kinds)
    func versionedEdit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await Self.setUp(database)
            let writes = ConversationWrites(database: database)
            var input = ConversationInput()
            input.question = "Vraag één"
            let created = try await writes.create(a, input)
            #expect(created.version == 1)
            input.question = "Geheime vraag twee"
            input.allowStatements = false
            let saved = try await writes.update(a, id: created.id, input, expected: 1)
            #expect(saved.version == 2 && saved.question == "Geheime vraag twee" && !saved.allowStatements)
            input.question = "Te laat"
            await #expect(throws: SamenError.stale) { _ = try await writes.update(a, id: created.id, input, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await writes.update(b, id: created.id, input, expected: 2) }
            await #expect(throws: SamenError.notFound) { try await writes.delete(b, id: created.id, expected: nil) }
            let viewer = WriteActor(organisationID: a.organisationID, userID: "v", displayName: "Marco", role: .viewer)
            await #expect(throws: SamenError.forbidden) { _ = try await writes.update(viewer, id: created.id, input, expected: 2) }
            let now = try #require(try await ConversationStore(database: database).conversation(organisationID: a.organisationID, id: created.id))
            #expect(now.question == "Geheime vraag twee" && now.version == 2)
            let entries = try await Self.audit(database, a)
            let update = try #require(entries.first { $0.action == .update && $0.entity == "conversation" })
            #expect(update.fields == ["allow_statements", "question"] && update.actorName == "Ilse")
            #expect(entries.contains { $0.action == .create && $0.entityID == created.id })
            let trail = try await database.read { sql in
                try await sql.raw("SELECT fields, entity_id, actor_name FROM audit_log").all().map { try $0.decode(column: "fields", as: String.self) }
            }
            #expect(!trail.joined().contains("Geheime"))
            #expect(try await Self.audit(database, b).isEmpty)
        }
    }

    @Test("a delete takes what its confirmation page lists; a voted seed keeps its text", arguments: TestDatabase.kinds)
    func deleteAndSeeds(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await Self.setUp(database)
            let writes = ConversationWrites(database: database)
            var input = ConversationInput()
            input.question = "Vraag"
            let c = try await writes.create(a, input, seeds: ["Langer open", "Meer stilteplekken"])
            let statements = try await ConversationStore(database: database).statements(organisationID: a.organisationID, conversationID: c.id)
            let voted = statements[0], free = statements[1]
            try await Self.vote(database, c.id, statement: voted.number)
            // A voted seed: its text stays.
            await #expect(throws: SamenError("statement_has_votes", kind: .conflict)) {
                _ = try await writes.updateSeed(a, conversationID: c.id, number: voted.number, StatementInput(body: "Anders"), expected: nil)
            }
            // An unvoted one: right version, then stale.
            let edited = try await writes.updateSeed(a, conversationID: c.id, number: free.number, StatementInput(body: "Stilte"), expected: 1)
            #expect(edited.version == 2 && edited.body == "Stilte")
            await #expect(throws: SamenError.stale) {
                _ = try await writes.updateSeed(a, conversationID: c.id, number: free.number, StatementInput(body: "Oud"), expected: 1)
            }
            await #expect(throws: SamenError.notFound) { _ = try await writes.seed(b, conversationID: c.id, number: free.number) }
            let after = try await ConversationStore(database: database).statements(organisationID: a.organisationID, conversationID: c.id)
            #expect(after.map(\.body) == ["Langer open", "Stilte"])
            // Deleting the voted seed takes its votes.
            #expect(try await writes.seedImpact(a, conversationID: c.id, number: voted.number).items == [.init(key: "impact_votes", count: 1)])
            try await writes.deleteSeed(a, conversationID: c.id, number: voted.number, expected: voted.version)
            #expect(try await Self.count(database, "conversation_votes", c.id) == 0)
            #expect(try await Self.count(database, "conversation_statements", c.id) == 1)
            // The conversation: impact, stale delete changes nothing, then everything goes.
            let impact = try await writes.impact(a, id: c.id)
            #expect(impact.items == [.init(key: "impact_statements", count: 1), .init(key: "impact_conversation_participants", count: 1)])
            await #expect(throws: SamenError.stale) { try await writes.delete(a, id: c.id, expected: 7) }
            #expect(try await Self.count(database, "conversation_statements", c.id) == 1)
            try await writes.delete(a, id: c.id, expected: c.version)
            #expect(try await ConversationStore(database: database).conversation(organisationID: a.organisationID, id: c.id) == nil)
            for table in ["conversation_statements", "conversation_participants", "conversation_votes"] {
                #expect(try await Self.count(database, table, c.id) == 0, "\(table)")
            }
            let deletes = try await Self.audit(database, a).filter { $0.action == .delete }.map(\.entity)
            #expect(deletes.sorted() == ["conversation", "conversation_statement"])
        }
    }
}
