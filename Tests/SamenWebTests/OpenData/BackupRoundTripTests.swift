import Foundation
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Backups of the demo installation: the portable form restores into either database with
/// every table equal, native SQLite and pg_dump copies restore, and bad input changes nothing.
@Suite("Backup and restore")
struct BackupRoundTripTests {
    static let logger = Logger(label: "samen.test.backup")

    /// A migrated database of the kind with the demo loaded.
    static func withDemo<T: Sendable>(_ kind: DatabaseKind, _ body: (Database, String) async throws -> T) async throws -> T {
        try await TestDatabase.with(kind) { database, url in
            try await DemoData.loadIfEmpty(database: database, configuration: SamenConfiguration(databaseURL: url, bcryptCost: 4), logger: logger)
            return try await body(database, url)
        }
    }

    /// Every table's name, row count and content hash.
    static func fingerprint(_ database: Database) async throws -> [String] {
        try await PortableBackup.snapshot(database).tables.map { "\($0.name) \($0.rows.count) \($0.sha256)" }
    }

    static func organisations(_ database: Database) async throws -> Int {
        try await OrganisationStore(database: database).all().count
    }

    @Test("the demo goes SQLite → PostgreSQL → SQLite with every table's rows and hash unchanged")
    func portableRoundTrip() async throws {
        let middle: DatabaseKind = TestDatabase.kinds.contains(.postgres) ? .postgres : .sqlite
        try await Self.withDemo(.sqlite) { source, _ in
            let before = try await Self.fingerprint(source)
            #expect(before.contains { $0.hasPrefix("stories 3 ") }, "the demo's stories are in the backup")
            let first = try PortableBackup.read(try await PortableBackup.dump(source))
            let there = try await TestDatabase.with(middle) { target, _ in
                try await PortableBackup.restore(first, into: target, force: false)
                let restored = (try await Self.fingerprint(target), try await PortableBackup.dump(target))
                // Answers are numbered by the database: after a restore the numbering goes on past the restored rows.
                let wave = try #require(try await target.read { sql in
                    try await sql.raw("SELECT id, survey_id, organisation_id FROM survey_waves ORDER BY id LIMIT 1").first()
                })
                let (organisationID, surveyID) = (try wave.decode(column: "organisation_id", as: String.self),
                                                  try wave.decode(column: "survey_id", as: String.self))
                let responses = SurveyResponseStore(database: target)
                let stored = try await responses.count(organisationID: organisationID, surveyID: surveyID)
                #expect(stored > 0, "the demo's answers were restored")
                try await responses.importAnswers(organisationID: organisationID, surveyID: surveyID,
                                                  waveID: try wave.decode(column: "id", as: String.self),
                                                  [SurveyAnswerSheet(need: Array(repeating: 4, count: 16), experience: Array(repeating: 3, count: 16))])
                #expect(try await responses.count(organisationID: organisationID, surveyID: surveyID) == stored + 1)
                return restored
            }
            #expect(there.0 == before, "on \(middle)")
            let back = try await TestDatabase.with(.sqlite) { target, _ in
                try await PortableBackup.restore(try PortableBackup.read(there.1), into: target, force: false)
                return try await Self.fingerprint(target)
            }
            #expect(back == before, "back on SQLite")
        }
    }

    @Test("a restore into a database that is not empty is refused without --force and changes nothing; with --force it replaces all", arguments: TestDatabase.kinds)
    func nonEmpty(kind: DatabaseKind) async throws {
        try await Self.withDemo(kind) { database, _ in
            let before = try await Self.fingerprint(database)
            let empty = try await TestDatabase.with(.sqlite) { db, _ in try PortableBackup.read(try await PortableBackup.dump(db)) }
            await #expect(throws: PortableBackup.Refusal.self) { try await PortableBackup.restore(empty, into: database, force: false) }
            #expect(try await Self.fingerprint(database) == before, "nothing changed")
            try await PortableBackup.restore(empty, into: database, force: true)
            #expect(try await Self.organisations(database) == 0, "--force replaced everything")
        }
    }

    @Test("a damaged backup, a file that is no backup and one of another schema version are refused with a clear message", arguments: TestDatabase.kinds)
    func damaged(kind: DatabaseKind) async throws {
        let dump = try await Self.withDemo(.sqlite) { database, _ in try await PortableBackup.dump(database) }
        var text = String(decoding: dump, as: UTF8.self)
        let target = try #require(text.range(of: "Gemeente Voorbeeld"))
        text.replaceSubrange(target, with: "Gemeente Voorbeelt")
        #expect(throws: PortableBackup.Refusal(description: "The backup is damaged: table organisations does not match its checksum.")) {
            try PortableBackup.read(Data(text.utf8))
        }
        #expect(throws: PortableBackup.Refusal.self) { try PortableBackup.read(dump.prefix(dump.count / 2)) }
        var other = try PortableBackup.read(dump)
        other.schemaVersion += 1
        try await TestDatabase.with(kind) { database, _ in
            let error = await #expect(throws: PortableBackup.Refusal.self) { try await PortableBackup.restore(other, into: database, force: false) }
            #expect(error?.description.contains("schema version") == true)
            let count = try await Self.organisations(database)
            #expect(count == 0, "nothing was written")
        }
    }

    @Test("samen backup / restore: a native copy of each database restores with every table equal", arguments: TestDatabase.kinds)
    func native(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samen-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("backup").path
        let before = try await Self.withDemo(kind) { database, url in
            let report = try await DatabaseBackup.backup(database, url: url, to: file, portable: false, logger: Self.logger)
            #expect(report.contains(kind == .sqlite ? "(sqlite)" : "(pg_dump)"), "\(report)")
            return try await Self.fingerprint(database)
        }
        #expect(DatabaseBackup.kind(of: file) == (kind == .sqlite ? .sqlite : .pgDump))
        try await TestDatabase.with(kind, migrate: false) { database, url in
            _ = try await DatabaseBackup.restore(database, url: url, from: file, force: false, logger: Self.logger)
            #expect(try await Self.fingerprint(database) == before)
        }
        let junk = folder.appendingPathComponent("junk").path
        try Data("not a backup".utf8).write(to: URL(fileURLWithPath: junk))
        try await TestDatabase.with(kind) { database, url in
            _ = await #expect(throws: PortableBackup.Refusal.self) {
                try await DatabaseBackup.restore(database, url: url, from: junk, force: false, logger: Self.logger)
            }
        }
    }

    @Test("a SQLite backup taken while writes go on is a consistent, checked copy")
    func backupDuringWrites() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samen-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.withDemo(.sqlite) { database, url in
            let organisations = OrganisationStore(database: database)
            let writer = Task {
                for i in 0..<60 { _ = try await organisations.create(name: "Load \(i)", slug: "load-\(i)") }
            }
            let file = folder.appendingPathComponent("during.sqlite").path
            _ = try await DatabaseBackup.backup(database, url: url, to: file, portable: false, logger: Self.logger)
            try await writer.value
            let copy = try Database.openSQLite(path: file, logger: Self.logger, maxConnections: 1)
            let count = try await Self.organisations(copy)
            await copy.shutdown()
            #expect((2...62).contains(count), "the copy holds the demo and some of the writes (\(count))")
            try await TestDatabase.with(.sqlite) { target, targetURL in
                _ = try await DatabaseBackup.restore(target, url: targetURL, from: file, force: false, logger: Self.logger)
                #expect(try await Self.organisations(target) == count, "restored as it was at the moment of the backup")
            }
        }
    }
}
