import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// Who may join a conversation, per its participation setting, on both databases. A
/// refused newcomer leaves no trace; the address is only ever a (keyed) hash.
@Suite("Conversation participation modes")
struct ConversationParticipationTests {
    static func conversation(_ database: Database, _ mode: ParticipationMode, cap: Int? = nil) async throws -> Conversation {
        var draft = ConversationDraft(question: "Wat moet beter?")
        draft.participation = mode
        draft.addressCap = cap
        let organisation = try await OrganisationStore(database: database).create(name: "Gemeente", slug: "gemeente-\(mode.rawValue)")
        return try await ConversationStore(database: database).create(organisationID: organisation.id, draft: draft,
                                                                      seeds: ["Het loket moet langer open", "Formulieren zijn te moeilijk"])
    }

    static func participants(_ database: Database) async throws -> Int {
        try await ConversationStoreTests.count(database, "conversation_participants")
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as SamenError { return error.code } catch { return "\(error)" }
    }

    @Test("open: every new cookie is a new participant, and they show up as one crowded address", arguments: TestDatabase.kinds)
    func open(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let conversation = try await Self.conversation(database, .open)
            let votes = ConversationVoteStore(database: database, debounceSeconds: 0)
            for person in 0..<100 {
                try await votes.vote(conversationID: conversation.id, tokenHash: "cookie-\(person)", statement: 0, value: .agree, addressHash: "one-address")
            }
            try await votes.vote(conversationID: conversation.id, tokenHash: "elsewhere", statement: 0, value: .agree, addressHash: "other")
            #expect(try await Self.participants(database) == 101)
            let crowded = try await ConversationAddressStore(database: database).crowdedParticipants(conversationID: conversation.id)
            #expect(crowded.count == 100, "the 100 from one address, not the one from elsewhere")
            #expect(try await ConversationAddressStore(database: database).leftOutOfMap(conversationID: conversation.id).isEmpty,
                    "nobody is left out until the facilitator chooses so")
        }
    }

    @Test("personal links only: a cookie is refused and stores nothing; a personal link takes part", arguments: TestDatabase.kinds)
    func personalLinks(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let conversation = try await Self.conversation(database, .personalLinks)
            let votes = ConversationVoteStore(database: database, debounceSeconds: 0)
            let refused = await Self.code {
                try await votes.vote(conversationID: conversation.id, tokenHash: "cookie", kind: "cookie", statement: 0, value: .agree, addressHash: "a")
            }
            #expect(refused == "participation_personal_link_required")
            let statement = await Self.code {
                _ = try await votes.submitStatement(conversationID: conversation.id, tokenHash: "cookie", kind: "cookie", body: "Meer bankjes")
            }
            #expect(statement == "participation_personal_link_required")
            #expect(try await Self.participants(database) == 0)
            #expect(try await ConversationStoreTests.count(database, "conversation_vote_events") == 0)
            try await votes.vote(conversationID: conversation.id, tokenHash: "link", kind: "link", statement: 0, value: .agree, addressHash: "a")
            #expect(try await Self.participants(database) == 1)
        }
    }

    @Test("capped: at most the cap of new participants per address per hour; others and known participants go on", arguments: TestDatabase.kinds)
    func capped(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let conversation = try await Self.conversation(database, .capped, cap: 3)
            #expect(conversation.participation == .capped && conversation.addressCap == 3)
            let votes = ConversationVoteStore(database: database, debounceSeconds: 0)
            for person in 0..<3 {
                try await votes.vote(conversationID: conversation.id, tokenHash: "a-\(person)", statement: 0, value: .agree, addressHash: "hall")
            }
            let fourth = await Self.code {
                try await votes.vote(conversationID: conversation.id, tokenHash: "a-3", statement: 0, value: .agree, addressHash: "hall")
            }
            #expect(fourth == "participation_address_cap")
            #expect(try await Self.participants(database) == 3, "the refused newcomer stored nothing")
            try await votes.vote(conversationID: conversation.id, tokenHash: "a-0", statement: 1, value: .disagree, addressHash: "hall")
            try await votes.vote(conversationID: conversation.id, tokenHash: "b-0", statement: 0, value: .agree, addressHash: "home")
            try await votes.vote(conversationID: conversation.id, tokenHash: "link", kind: "link", statement: 0, value: .agree, addressHash: "hall")
            #expect(try await Self.participants(database) == 5)
            // An hour later the address may bring new people again.
            try await database.transaction { sql in
                try await sql.raw("UPDATE conversation_participants SET created_at = created_at - 3601").run()
            }
            try await votes.vote(conversationID: conversation.id, tokenHash: "a-3", statement: 0, value: .agree, addressHash: "hall")
            #expect(try await Self.participants(database) == 6)
            let stored = try #require(try await ConversationStore(database: database).conversation(publicToken: conversation.publicToken))
            #expect(stored.participation == .capped && stored.addressCap == 3)
        }
    }

    @Test("the setting's rules: a cap is needed when capped, and any cap given is within 1…10000")
    func rules() {
        #expect(ParticipationRules.check(mode: "capped", cap: "0").2.map(\.code) == ["conversation_address_cap_invalid"])
        #expect(ParticipationRules.check(mode: "capped", cap: "").2.map(\.code) == ["conversation_address_cap_invalid"])
        #expect(ParticipationRules.check(mode: "capped", cap: " 25 ").1 == 25)
        #expect(ParticipationRules.check(mode: "open", cap: "").1 == nil && ParticipationRules.check(mode: "open", cap: "").2.isEmpty)
        #expect(ParticipationRules.check(mode: "open", cap: "2").1 == nil, "a cap only counts when capped")
        #expect(ParticipationRules.check(mode: "open", cap: "0").2.map(\.code) == ["conversation_address_cap_invalid"], "a given cap is checked")
        #expect(ParticipationRules.check(mode: "everyone", cap: "").2.map(\.code) == ["conversation_participation_invalid"])
    }
}
