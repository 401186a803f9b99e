import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// Conversations on both databases: tenancy, votes (latest wins, history kept), refusals
/// that store nothing, moderation, the shared jobs table and all-or-nothing import.
@Suite("Conversation store contract")
struct ConversationStoreTests {
    struct Fixture {
        let store: ConversationStore
        let votes: ConversationVoteStore
        let jobs: JobStore
        let orgA: Organisation
        let orgB: Organisation
        let conversation: Conversation
    }

    static func fixture(_ database: Database, draft: ConversationDraft = ConversationDraft(question: "Wat moet beter?")) async throws -> Fixture {
        let organisations = OrganisationStore(database: database)
        let orgA = try await organisations.create(name: "Gemeente A", slug: "gemeente-a")
        let orgB = try await organisations.create(name: "Gemeente B", slug: "gemeente-b")
        let store = ConversationStore(database: database)
        let conversation = try await store.create(organisationID: orgA.id, draft: draft,
                                                  seeds: ["Het loket moet langer open", "Formulieren zijn te moeilijk"])
        return Fixture(store: store, votes: ConversationVoteStore(database: database, debounceSeconds: 0), jobs: JobStore(database: database),
                       orgA: orgA, orgB: orgB, conversation: conversation)
    }

    static func count(_ database: Database, _ table: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test("a conversation is read and changed only through its own organisation", arguments: TestDatabase.kinds)
    func tenancy(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            #expect(try await f.store.conversation(organisationID: f.orgA.id, id: f.conversation.id)?.question == "Wat moet beter?")
            #expect(try await f.store.conversation(organisationID: f.orgB.id, id: f.conversation.id) == nil)
            #expect(try await f.store.conversations(organisationID: f.orgB.id).isEmpty)
            #expect(try await f.store.statements(organisationID: f.orgB.id, conversationID: f.conversation.id).isEmpty)
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: f.conversation.id).map(\.number) == [0, 1])
            await #expect(throws: SamenError.notFound) {
                try await f.store.update(organisationID: f.orgB.id, conversationID: f.conversation.id, draft: ConversationDraft(question: "Overgenomen"))
            }
            await #expect(throws: SamenError.notFound) {
                try await f.store.moderate(organisationID: f.orgB.id, conversationID: f.conversation.id, numbers: [0], state: .rejected, reason: "x")
            }
            await #expect(throws: SamenError.notFound) {
                _ = try await f.store.addSeed(organisationID: f.orgB.id, conversationID: f.conversation.id, body: "Ingebroken")
            }
            await #expect(throws: SamenError.notFound) {
                try await f.votes.importConversation(organisationID: f.orgB.id, conversationID: f.conversation.id, statements: [], events: [])
            }
            try await f.store.saveResult(conversationID: f.conversation.id, result: StoredResult(computedAt: 1, voteEvents: 0, durationMilliseconds: 1, body: "{}"))
            #expect(try await f.store.result(organisationID: f.orgB.id, conversationID: f.conversation.id) == nil)
            #expect(try await f.store.result(organisationID: f.orgA.id, conversationID: f.conversation.id)?.body == "{}")
            #expect(try await f.store.conversation(organisationID: f.orgA.id, id: f.conversation.id)?.question == "Wat moet beter?")
            #expect(try await f.store.conversation(publicToken: f.conversation.publicToken)?.id == f.conversation.id)
            #expect(f.conversation.publicToken.count >= 24)
        }
    }

    @Test("the latest vote counts, every vote is kept, and a recompute is asked once", arguments: TestDatabase.kinds)
    func votes(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            let id = f.conversation.id
            let first = try await f.votes.vote(conversationID: id, tokenHash: "t1", statement: 0, value: .agree)
            #expect(try await f.votes.vote(conversationID: id, tokenHash: "t1", statement: 0, value: .disagree) == first)
            let second = try await f.votes.vote(conversationID: id, tokenHash: "t2", statement: 0, value: .pass)
            #expect(second != first)
            let latest = try await f.votes.latestVotes(conversationID: id)
            #expect(latest.map(\.vote) == [-1, 0])
            let events = try await f.votes.events(conversationID: id)
            #expect(events.map(\.vote) == [1, -1, 0])
            #expect(events[1].votedAtMilliseconds > events[0].votedAtMilliseconds)
            let figures = try await f.store.figures(organisationID: f.orgA.id, conversationID: id)
            #expect(figures.participants == 2 && figures.votes == 2 && figures.voteEvents == 3)
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: id)[0].voteCount == 2)
            #expect(try await Self.count(database, "jobs") == 1, "three votes, one waiting recompute")
            let next = try await f.votes.next(conversation: f.conversation, participant: first)
            #expect(next.statement?.number == 1 && next.answered == 1 && next.remaining == 1)
        }
    }

    @Test("refused votes and statements store nothing", arguments: TestDatabase.kinds)
    func refusals(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database, draft: ConversationDraft(question: "Vraag", moderation: .pre))
            let id = f.conversation.id
            try await f.store.moderate(organisationID: f.orgA.id, conversationID: id, numbers: [1], state: .rejected, reason: "dubbel")
            await #expect(throws: SamenError("statement_not_votable", kind: .conflict, field: "statement")) {
                try await f.votes.vote(conversationID: id, tokenHash: "t", statement: 1, value: .agree)
            }
            await #expect(throws: SamenError.validation("statement_unknown", field: "statement")) {
                try await f.votes.vote(conversationID: id, tokenHash: "t", statement: 99, value: .agree)
            }
            let waiting = try await f.votes.submitStatement(conversationID: id, tokenHash: "t", body: "Meer hulp bij het invullen")
            #expect(waiting.state == .pending)
            await #expect(throws: SamenError("statement_not_votable", kind: .conflict, field: "statement")) {
                try await f.votes.vote(conversationID: id, tokenHash: "t", statement: waiting.number, value: .agree)
            }
            await #expect(throws: ValidationErrors.self) {
                _ = try await f.votes.submitStatement(conversationID: id, tokenHash: "t", body: String(repeating: "x", count: 141))
            }
            await #expect(throws: ValidationErrors.self) {
                _ = try await f.votes.submitStatement(conversationID: id, tokenHash: "t", body: "   ")
            }
            // Closed yesterday: no vote, no statement.
            var draft = ConversationDraft(question: "Vraag", closesAt: Clock.now() - 10)
            draft.moderation = .pre
            try await f.store.update(organisationID: f.orgA.id, conversationID: id, draft: draft)
            await #expect(throws: SamenError("conversation_closed", kind: .conflict)) {
                try await f.votes.vote(conversationID: id, tokenHash: "t", statement: 0, value: .agree)
            }
            await #expect(throws: SamenError("conversation_closed", kind: .conflict)) {
                _ = try await f.votes.submitStatement(conversationID: id, tokenHash: "t", body: "Nog een")
            }
            #expect(try await Self.count(database, "conversation_votes") == 0)
            #expect(try await Self.count(database, "conversation_vote_events") == 0)
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: id).count == 3)
        }
    }

    @Test("bulk moderation keeps the reason; an unknown statement changes nothing", arguments: TestDatabase.kinds)
    func moderation(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            let id = f.conversation.id
            #expect(try await f.store.moderate(organisationID: f.orgA.id, conversationID: id, numbers: [0, 1], state: .meta, reason: "over het proces") == 2)
            let statements = try await f.store.statements(organisationID: f.orgA.id, conversationID: id)
            #expect(statements.allSatisfy { $0.state == .meta && $0.reason == "over het proces" })
            await #expect(throws: SamenError.validation("statement_unknown", field: "statements")) {
                try await f.store.moderate(organisationID: f.orgA.id, conversationID: id, numbers: [0, 7], state: .rejected, reason: "x")
            }
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: id).allSatisfy { $0.state == .meta })
            #expect(try await f.store.moderatedOut(conversationID: id) == [0, 1])
        }
    }

    @Test("jobs: debounced, claimed by one worker, kept when asked again while running", arguments: TestDatabase.kinds)
    func jobs(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            let kindName = JobStore.recomputeConversation
            try await f.jobs.enqueue(kind: kindName, subjectID: "c1", delay: 0)
            try await f.jobs.enqueue(kind: kindName, subjectID: "c1", delay: 0)
            let job = try #require(try await f.jobs.claim(kind: kindName, worker: "a"))
            #expect(job.subjectID == "c1" && job.version == 2)
            #expect(try await f.jobs.claim(kind: kindName, worker: "b") == nil, "claimed jobs are not handed out twice")
            try await f.jobs.enqueue(kind: kindName, subjectID: "c1", delay: 0)
            try await f.jobs.complete(job)
            let again = try #require(try await f.jobs.claim(kind: kindName, worker: "b"), "asked again while running: runs again")
            #expect(again.version == 3)
            try await f.jobs.fail(again, reason: "TestError", retryAfter: 60)
            #expect(try await f.jobs.claim(kind: kindName, worker: "c") == nil, "a failed job waits before a retry")
            #expect(try await f.jobs.pending(kind: kindName, subjectID: "c1") == (true, "TestError"))
            let retried = try #require(try await f.jobs.claim(kind: kindName, worker: "c", now: Clock.now() + 61))
            try await f.jobs.complete(retried)
            #expect(try await f.jobs.pending(kind: kindName, subjectID: "c1").waiting == false)
            // An expired lease (a worker that died) frees the job for another.
            try await f.jobs.enqueue(kind: kindName, subjectID: "c2", delay: 0)
            _ = try #require(try await f.jobs.claim(kind: kindName, worker: "dies", lease: 1))
            #expect(try await f.jobs.claim(kind: kindName, worker: "d", now: Clock.now() + 5)?.subjectID == "c2")
            // A lease renewed by its holder holds; a renewal by anyone else changes nothing.
            try await f.jobs.enqueue(kind: kindName, subjectID: "c3", delay: 0)
            let running = try #require(try await f.jobs.claim(kind: kindName, worker: "e", lease: 15))
            try await f.jobs.renew(running, worker: "e", lease: 15, now: Clock.now() + 10)
            try await f.jobs.renew(running, worker: "other", lease: 1, now: Clock.now())
            #expect(try await f.jobs.claim(kind: kindName, worker: "f", now: Clock.now() + 20) == nil)
            #expect(try await f.jobs.claim(kind: kindName, worker: "f", now: Clock.now() + 30)?.subjectID == "c3")
        }
    }

    @Test("import is all or nothing and keeps every vote event", arguments: TestDatabase.kinds)
    func importing(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            let empty = try await f.store.create(organisationID: f.orgA.id, draft: ConversationDraft(question: "Import"))
            let statements = (0..<3).map { ImportedStatement(number: $0 * 2, body: "Stelling \($0)", author: nil, state: .approved, isSeed: true, createdAtMilliseconds: 0) }
            let events = (0..<600).map { StoredVoteEvent(participant: $0 % 250, statement: ($0 % 3) * 2, vote: [1, 0, -1][$0 % 3], votedAtMilliseconds: Int64($0)) }
                + [StoredVoteEvent(participant: 0, statement: 0, vote: -1, votedAtMilliseconds: 10_000)]
            try await f.votes.importConversation(organisationID: f.orgA.id, conversationID: empty.id, statements: statements, events: events)
            #expect(try await f.votes.events(conversationID: empty.id) == events)
            let latest = try await f.votes.latestVotes(conversationID: empty.id)
            #expect(latest.first { $0.participant == 0 && $0.statement == 0 }?.vote == -1)
            #expect(try await f.store.figures(organisationID: f.orgA.id, conversationID: empty.id).participants == 250)
            // A second import into the now non-empty conversation is refused, and changes nothing.
            await #expect(throws: SamenError("conversation_not_empty", kind: .conflict, field: "file")) {
                try await f.votes.importConversation(organisationID: f.orgA.id, conversationID: empty.id, statements: statements, events: events)
            }
            #expect(try await f.votes.events(conversationID: empty.id).count == events.count)
            // New statements continue after the imported numbers.
            #expect(try await f.store.addSeed(organisationID: f.orgA.id, conversationID: empty.id, body: "Nieuw").number == 5)
        }
    }

    @Test("statements with few votes and statements that split the groups come first", arguments: TestDatabase.kinds)
    func order(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await Self.fixture(database)
            let id = f.conversation.id
            _ = try await f.store.addSeed(organisationID: f.orgA.id, conversationID: id, body: "Derde")
            for voter in ["a", "b"] {
                try await f.votes.vote(conversationID: id, tokenHash: voter, statement: 0, value: .agree)
                try await f.votes.vote(conversationID: id, tokenHash: voter, statement: 1, value: .agree)
            }
            try await f.votes.vote(conversationID: id, tokenHash: "c", statement: 1, value: .agree)
            // Votes: #0 2, #1 3, #2 0. Fewest first.
            #expect(try await f.votes.queue(conversation: f.conversation, participant: nil).map(\.number) == [2, 0, 1])
            // #1 splits the groups completely: 3 votes count as 1.5, before #0's 2.
            try await f.votes.saveSplits(conversationID: id, splits: [1: 1000])
            #expect(try await f.votes.queue(conversation: f.conversation, participant: nil).map(\.number) == [2, 1, 0])
        }
    }
}
