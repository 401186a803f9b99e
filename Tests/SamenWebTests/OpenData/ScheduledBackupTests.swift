import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// Scheduled backups (`SAMEN_BACKUP_DIR`, `SAMEN_BACKUP_INTERVAL`, `SAMEN_BACKUP_KEEP`): one
/// server takes each interval's backup, old copies are pruned, every run is recorded, and
/// the superadmins' page shows the last one.
@Suite("Scheduled backups")
struct ScheduledBackupTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samen-scheduled-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the interval and the number of copies are read from the environment; bad values are refused with a message")
    func environment() throws {
        #expect(BackupSchedule.seconds("90") == 5400 && BackupSchedule.seconds("90m") == 5400 && BackupSchedule.seconds("6h") == 21_600)
        #expect(BackupSchedule.seconds("1d") == 86_400 && BackupSchedule.seconds("30s") == 30)
        for bad in ["0", "-5m", "6 uur", "", "h", "99999999999999999d"] { #expect(BackupSchedule.seconds(bad) == nil, "\(bad)") }
        #expect(BackupSchedule.from(environment: [:]) == nil, "no folder, no schedule")
        let set = try BackupSchedule.from(environment: ["SAMEN_BACKUP_DIR": "/b", "SAMEN_BACKUP_INTERVAL": "6h", "SAMEN_BACKUP_KEEP": "3"])?.get()
        #expect(set == BackupSchedule(directory: "/b", interval: 21_600, keep: 3))
        #expect(try BackupSchedule.from(environment: ["SAMEN_BACKUP_DIR": "/b"])?.get() == BackupSchedule(directory: "/b", interval: 86_400, keep: 7))
        for bad in [["SAMEN_BACKUP_INTERVAL": "soms"], ["SAMEN_BACKUP_KEEP": "0"]] {
            let result = BackupSchedule.from(environment: bad.merging(["SAMEN_BACKUP_DIR": "/b"]) { a, _ in a })
            #expect(throws: BackupSchedule.Invalid.self) { try result?.get() }
        }
        #expect(try SamenConfiguration.fromEnvironment(["SAMEN_BACKUP_DIR": "/b", "SAMEN_BACKUP_KEEP": "2"]).backup?.get().keep == 2)
    }

    @Test("two servers at once: one takes the interval's backup; later intervals add copies, the oldest beyond KEEP go; each run is recorded",
          arguments: TestDatabase.kinds)
    func oneServerTakesIt(kind: DatabaseKind) async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await BackupRoundTripTests.withDemo(kind) { database, url in
            let schedule = BackupSchedule(directory: directory, interval: 3600, keep: 2)
            let a = ScheduledBackup(database: database, url: url, schedule: schedule, logger: BackupRoundTripTests.logger, worker: "a")
            let b = ScheduledBackup(database: database, url: url, schedule: schedule, logger: BackupRoundTripTests.logger, worker: "b")
            let start = Int64(1_800_000_000) / 3600 * 3600
            async let first = a.runIfDue(now: start + 10)
            async let second = b.runIfDue(now: start + 20)
            let taken = try await [first, second].compactMap { $0 }
            #expect(taken.count == 1, "exactly one server took the backup")
            let run = try #require(taken.first)
            #expect(run.outcome == .succeeded && run.errorType == nil, "\(run)")
            let size = try #require(try FileManager.default.attributesOfItem(atPath: run.file)[.size] as? NSNumber).int64Value
            #expect(run.sizeBytes == size && size > 0)
            #expect(DatabaseBackup.kind(of: run.file) == (kind == .sqlite ? .sqlite : DatabaseBackup.hasTool("pg_dump") ? .pgDump : .portable))
            #expect(try await a.runIfDue(now: start + 3599) == nil, "the same interval is not backed up twice")
            for hour in 1...3 { #expect(try await b.runIfDue(now: start + Int64(hour) * 3600)?.outcome == .succeeded) }
            let runs = try await BackupRunStore(database: database).latest()
            #expect(runs.count == 4 && runs.allSatisfy { $0.outcome == .succeeded && $0.finishedAt != nil })
            let copies = try a.copies()
            #expect(copies == runs.prefix(2).map { ($0.file as NSString).lastPathComponent }, "the newest two are kept")
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
            _ = try await a.runIfDue(now: start + 4 * 3600)
            #expect(FileManager.default.fileExists(atPath: directory + "/notes.txt"), "other files are never pruned")
        }
    }

    @Test("a backup that fails is recorded with its error type and leaves no file", arguments: TestDatabase.kinds)
    func failureRecorded(kind: DatabaseKind) async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let blocked = directory + "/a-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        try await TestDatabase.with(kind) { database, url in
            let backup = ScheduledBackup(database: database, url: url, schedule: BackupSchedule(directory: blocked, interval: 60, keep: 1),
                                         logger: BackupRoundTripTests.logger)
            let run = try #require(try await backup.runIfDue(now: 6000))
            #expect(run.outcome == .failed && run.errorType?.isEmpty == false)
            #expect(try await BackupRunStore(database: database).latest().first?.outcome == .failed)
        }
    }

    @Test("samen serve takes the backup itself; the superadmin's page shows the schedule and that the last backup succeeded")
    func servedAndShown() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = try await TestDatabase.makeURL(.sqlite)
        var configuration = SamenConfiguration(databaseURL: url, bcryptCost: 4, loadDemo: true)
        configuration.backup = .success(BackupSchedule(directory: directory, interval: 21_600, keep: 3))
        // One database handle for the app and the test (one SQLite writer); the app closes it.
        let database = try await Database.open(url: url, logger: Logger(label: "test"))
        let app = try await buildApplication(configuration: configuration, database: database)
        defer { try? FileManager.default.removeItem(atPath: (String(url.dropFirst("sqlite://".count)) as NSString).deletingLastPathComponent) }
        try await app.test(.router) { client in
            var run: BackupRun?
            for _ in 0..<100 where run == nil {
                run = try await BackupRunStore(database: database).latest().first { $0.outcome != .running }
                if run == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let taken = try #require(run, "the server's backup service took a backup")
            #expect(taken.outcome == .succeeded && FileManager.default.fileExists(atPath: taken.file))
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            #expect(try await ilse.get(Paths.organisations).text.contains(#"href="/system/backups""#))
            let page = try await ilse.get("/system/backups")
            #expect(page.status == .ok && page.text.contains(directory) && page.text.contains("elke 6 uur"))
            #expect(page.text.contains("Gelukt.") && page.text.contains((taken.file as NSString).lastPathComponent))
        }
    }

    @Test("without a schedule the page says how to set one up; only superadmins see it")
    func unscheduled() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let page = try await ilse.get("/system/backups")
            #expect(page.status == .ok && page.text.contains("SAMEN_BACKUP_DIR") && page.text.contains("Er is nog geen reservekopie gemaakt."))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get("/system/backups").status == .notFound)
            #expect(!(try await marco.get(Paths.organisations).text.contains("/system/backups")))
            #expect(try await Browser(client).get("/system/backups").status != .ok)
        }
    }
}
