import Foundation
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// A backup taken while citizens vote: it is one consistent moment, and a restore brings
/// back exactly that moment. Voters vote one after another through the group commit (as
/// the web app does), so "the moment" is known per voter: every vote acknowledged before the
/// backup began is in it, none that was asked for after it ended, and each voter's votes in
/// it are the first ones that voter cast, never a later vote without an earlier one.
@Suite("Backup under a vote load")
struct BackupUnderVoteLoadTests {
    static let logger = Logger(label: "samen.test.backup-load")
    static let voters = 8
    /// The load is bounded: it stops once both backups are taken, or at this many votes each.
    static let votesAtMost = 5_000

    /// Per voter: votes acknowledged, and votes asked for (acknowledged or still in flight).
    actor Tally {
        var acknowledged = [Int](repeating: 0, count: BackupUnderVoteLoadTests.voters)
        var asked = [Int](repeating: 0, count: BackupUnderVoteLoadTests.voters)
        func ask(_ voter: Int) { asked[voter] += 1 }
        var stopped = false
        func acknowledge(_ voter: Int) { acknowledged[voter] += 1 }
        func stop() { stopped = true }
        var total: Int { acknowledged.reduce(0, +) }
    }

    /// Every table's name, row count and content hash.
    static func fingerprint(_ database: Database) async throws -> [String] {
        try await PortableBackup.snapshot(database).tables.map { "\($0.name) \($0.rows.count) \($0.sha256)" }
    }

    /// Vote events per voter in a database, by the voter's token.
    static func eventsPerVoter(_ database: Database, conversationID: String) async throws -> [Int] {
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT p.token_hash AS token, COUNT(*) AS n FROM conversation_vote_events e
                JOIN conversation_participants p ON p.conversation_id = e.conversation_id AND p.number = e.participant
                WHERE e.conversation_id = \(bind: conversationID) GROUP BY p.token_hash
                """).all()
        }
        var counts = [Int](repeating: 0, count: voters)
        for row in rows {
            let token = try row.decode(column: "token", as: String.self)
            if let voter = Int(token.dropFirst("voter-".count)), counts.indices.contains(voter) {
                counts[voter] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    @Test("a backup taken during a vote load restores with every table's rows and hash as captured, holding exactly the votes of that moment",
          arguments: TestDatabase.kinds)
    func backupDuringVotes(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samen-backup-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.with(kind) { database, url in
            let f = try await ConversationStoreTests.fixture(database)
            let id = f.conversation.id
            let intake = VoteGroupCommit(store: f.votes, maximumBatch: 16)
            let tally = Tally()
            let load = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for voter in 0..<Self.voters {
                        group.addTask {
                            for vote in 0..<Self.votesAtMost where await !tally.stopped {
                                await tally.ask(voter)
                                _ = try await intake.vote(.init(conversationID: id, tokenHash: "voter-\(voter)", statement: vote % 2,
                                                                value: vote % 3 == 0 ? .agree : .disagree))
                                await tally.acknowledge(voter)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            while await tally.total < Self.voters * 5 { try await Task.sleep(for: .milliseconds(2)) }

            // Both forms of backup, each taken while the votes go on.
            var backups: [(file: String, portable: Bool, before: [Int], after: [Int])] = []
            for portable in [false, true] {
                let before = await tally.acknowledged
                let file = folder.appendingPathComponent(portable ? "load.samen-backup" : "load.native").path
                _ = try await DatabaseBackup.backup(database, url: url, to: file, portable: portable, logger: Self.logger)
                backups.append((file, portable, before, await tally.asked))
            }
            // A few more votes after the last backup, so that it was taken during the load.
            let last = await tally.total
            while await tally.total < last + Self.voters { try await Task.sleep(for: .milliseconds(2)) }
            await tally.stop()
            try await load.value
            let acknowledged = await tally.acknowledged
            #expect(try await Self.eventsPerVoter(database, conversationID: id) == acknowledged, "every acknowledged vote is stored in the source")

            for backup in backups {
                let form = backup.portable ? "portable" : "native"
                try await TestDatabase.with(kind, migrate: backup.portable) { target, targetURL in
                    _ = try await DatabaseBackup.restore(target, url: targetURL, from: backup.file, force: false, logger: Self.logger)
                    let restored = try await Self.fingerprint(target)
                    if backup.portable {
                        let captured = try PortableBackup.read(Data(contentsOf: URL(fileURLWithPath: backup.file)))
                        #expect(restored == captured.tables.map { "\($0.name) \($0.rows.count) \($0.sha256)" },
                                "\(form): every table's rows and hash as the backup captured them")
                    } else if kind == .sqlite {
                        let copy = try Database.openSQLite(path: backup.file, logger: Self.logger, maxConnections: 1)
                        let captured = try await Self.fingerprint(copy)
                        await copy.shutdown()
                        #expect(restored == captured, "\(form): every table's rows and hash as the backup captured them")
                    }
                    let events = try await Self.eventsPerVoter(target, conversationID: id)
                    for voter in 0..<Self.voters {
                        #expect((backup.before[voter]...backup.after[voter]).contains(events[voter]),
                                "\(form): voter \(voter) has \(events[voter]) votes, acknowledged \(backup.before[voter]) before, \(backup.after[voter]) asked after")
                    }
                    #expect(events.reduce(0, +) < acknowledged.reduce(0, +), "\(form): the backup was taken during the load, not after it")
                    // The counters kept beside the votes agree with the votes themselves.
                    let counts = try await ConversationStore(database: target).statements(organisationID: f.orgA.id, conversationID: id)
                        .map(\.voteCount)
                    #expect(counts == [events.filter { $0 >= 1 }.count, events.filter { $0 >= 2 }.count], "\(form): vote counts per statement")
                    #expect(try await ConversationStoreTests.count(target, "conversation_participants") == events.filter { $0 > 0 }.count)
                }
            }
        }
    }
}
