import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import Testing

/// Votes that arrive together share one transaction (group commit) on both databases.
@Suite("Vote group commit contract")
struct VoteGroupCommitTests {
    typealias Request = ConversationVoteStore.VoteRequest

    @Test("a batch keeps every good vote and refuses a bad one without trace", arguments: TestDatabase.kinds)
    func mixedBatch(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await ConversationStoreTests.fixture(database)
            let id = f.conversation.id
            let outcomes = await f.votes.voteBatch([
                Request(conversationID: id, tokenHash: "a", statement: 0, value: .agree),
                Request(conversationID: id, tokenHash: "b", statement: 99, value: .agree),     // unknown statement
                Request(conversationID: id, tokenHash: "a", statement: 0, value: .disagree),  // changes a's vote
                Request(conversationID: id, tokenHash: "c", statement: 1, value: .pass),
                Request(conversationID: "no-such-conversation", tokenHash: "a", statement: 0, value: .agree),
            ])
            #expect(outcomes.count == 5)
            let participants = outcomes.map { try? $0.get() }
            #expect(participants[0] != nil && participants[0] == participants[2] && participants[3] != nil)
            #expect(participants[0] != participants[3])
            #expect(throws: SamenError.validation("statement_unknown", field: "statement")) { try outcomes[1].get() }
            #expect(throws: SamenError.notFound) { try outcomes[4].get() }
            // b never became a participant; a's vote was replaced, both events kept.
            #expect(try await ConversationStoreTests.count(database, "conversation_participants") == 2)
            #expect(try await f.votes.latestVotes(conversationID: id).map(\.vote) == [-1, 0])
            #expect(try await f.votes.events(conversationID: id).map(\.vote) == [1, -1, 0])
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: id).map(\.voteCount) == [1, 1])
            #expect(try await ConversationStoreTests.count(database, "jobs") == 1)
        }
    }

    @Test("many concurrent votes: every accepted vote is stored", arguments: TestDatabase.kinds)
    func concurrentVotes(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await ConversationStoreTests.fixture(database)
            let id = f.conversation.id
            let intake = VoteGroupCommit(store: f.votes, maximumBatch: 16)
            let voters = 40
            let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
                for voter in 0..<voters {
                    for statement in 0..<2 {
                        group.addTask {
                            _ = try await intake.vote(Request(conversationID: id, tokenHash: "voter-\(voter)", statement: statement,
                                                              value: voter % 2 == 0 ? .agree : .disagree))
                            return 1
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(accepted == voters * 2)
            #expect(try await ConversationStoreTests.count(database, "conversation_vote_events") == voters * 2)
            #expect(try await ConversationStoreTests.count(database, "conversation_participants") == voters)
            #expect(try await f.store.statements(organisationID: f.orgA.id, conversationID: id).map(\.voteCount) == [voters, voters])
            // A refused vote through the intake reaches its caller.
            await #expect(throws: SamenError.validation("statement_unknown", field: "statement")) {
                _ = try await intake.vote(Request(conversationID: id, tokenHash: "late", statement: 7, value: .agree))
            }
        }
    }

    @Test("two batches at once (two app servers) number their newcomers without gaps or doubles, a shared token once",
          arguments: TestDatabase.kinds)
    func concurrentBatchesNumberNewcomers(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let f = try await ConversationStoreTests.fixture(database)
            let id = f.conversation.id
            // Tokens 20–29 are in both batches: one server must find the other's participant.
            let batches = [Array(0..<30), Array(20..<50)].map { tokens in
                tokens.map { Request(conversationID: id, tokenHash: "t\($0)", statement: $0 % 2, value: .agree) }
            }
            let outcomes = try await withThrowingTaskGroup(of: [String: Int].self) { group in
                for batch in batches {
                    group.addTask {
                        let results = await f.votes.voteBatch(batch)
                        return Dictionary(uniqueKeysWithValues: try zip(batch, results).map { ($0.tokenHash, try $1.get()) })
                    }
                }
                return try await group.reduce(into: [[String: Int]]()) { $0.append($1) }
            }
            for token in 20..<30 { #expect(outcomes[0]["t\(token)"] == outcomes[1]["t\(token)"]) }
            let numbers = Set(outcomes.flatMap(\.values))
            #expect(numbers == Set(0..<50))
            #expect(try await ConversationStoreTests.count(database, "conversation_participants") == 50)
            #expect(try await ConversationStoreTests.count(database, "conversation_vote_events") == 60)
            // The next newcomer continues the numbering.
            #expect(try await f.votes.vote(conversationID: id, tokenHash: "late", statement: 0, value: .pass) == 50)
        }
    }
}
