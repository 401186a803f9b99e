import Foundation
import Logging
import SamenCore

/// When and where scheduled backups go: `SAMEN_BACKUP_DIR` (turns them on),
/// `SAMEN_BACKUP_INTERVAL` (`90` or `90m` minutes, `6h`, `1d`, `30s`; default 1 day) and
/// `SAMEN_BACKUP_KEEP` (copies to keep, default 7).
public struct BackupSchedule: Sendable, Equatable {
    public var directory: String
    /// Seconds between backups.
    public var interval: Int64
    public var keep: Int

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public init(directory: String, interval: Int64, keep: Int) {
        self.directory = directory
        self.interval = interval
        self.keep = keep
    }

    /// The schedule the environment sets; nil when `SAMEN_BACKUP_DIR` is not set.
    public static func from(environment env: [String: String]) -> Result<BackupSchedule, Invalid>? {
        guard let directory = env["SAMEN_BACKUP_DIR"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard let interval = seconds(env["SAMEN_BACKUP_INTERVAL"] ?? "1d") else {
            return .failure(Invalid(description: "SAMEN_BACKUP_INTERVAL must be a number of minutes, or end in s, m, h or d (for example 30m, 6h, 1d)."))
        }
        guard let keep = Int(env["SAMEN_BACKUP_KEEP"] ?? "7"), keep >= 1 else {
            return .failure(Invalid(description: "SAMEN_BACKUP_KEEP must be a whole number of copies, at least 1."))
        }
        return .success(BackupSchedule(directory: directory, interval: interval, keep: keep))
    }

    /// `90`, `90m` → 5400; `6h`, `1d`, `30s`; nil for anything else or less than a second.
    public static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let unit = trimmed.last.flatMap { units[$0] }
        guard let number = Int64(unit == nil ? trimmed : String(trimmed.dropLast())), number > 0 else { return nil }
        let (value, overflow) = number.multipliedReportingOverflow(by: unit ?? 60)
        return overflow ? nil : value
    }
}

/// Takes the backup of the current interval when no server has taken it yet, prunes copies
/// beyond `keep`, and records the run. The file is what `samen backup` writes: a checked
/// SQLite copy, a `pg_dump` file, or (PostgreSQL without `pg_dump`) the portable backup.
public struct ScheduledBackup: Sendable {
    public static let filePrefix = "samen-backup-"
    static let extensions = ["sqlite", "pgdump", "json"]

    let database: Database
    let url: String
    public let schedule: BackupSchedule
    public let logger: Logger
    let worker: String

    public init(database: Database, url: String, schedule: BackupSchedule, logger: Logger, worker: String = "backup-" + Identifier.make()) {
        self.database = database
        self.url = url
        self.schedule = schedule
        self.logger = logger
        self.worker = worker
    }

    /// Runs the backup of the interval `now` falls in, unless it was taken already; returns the run it made.
    @discardableResult
    public func runIfDue(now: Int64 = Clock.now()) async throws -> BackupRun? {
        let runs = BackupRunStore(database: database)
        guard var run = try await runs.claim(slot: now / schedule.interval, worker: worker, now: now) else { return nil }
        let portable = database.kind == .postgres && !DatabaseBackup.hasTool("pg_dump")
        let kind = database.kind == .sqlite ? "sqlite" : portable ? "json" : "pgdump"
        let path = (schedule.directory as NSString).appendingPathComponent(Self.fileName(at: now, id: run.id, extension: kind))
        run.file = path
        run.kind = portable ? DatabaseBackup.Kind.portable.rawValue : database.kind == .sqlite ? DatabaseBackup.Kind.sqlite.rawValue : DatabaseBackup.Kind.pgDump.rawValue
        do {
            try FileManager.default.createDirectory(atPath: schedule.directory, withIntermediateDirectories: true)
            _ = try await DatabaseBackup.backup(database, url: url, to: path, portable: portable, logger: logger)
            run.sizeBytes = ((try FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value
            run.outcome = .succeeded
            try prune()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            // The error's type only: its text could name paths or data.
            run.outcome = .failed
            run.errorType = "\(type(of: error))"
            logger.error("scheduled backup failed", metadata: ["type": "\(type(of: error))"])
        }
        try await runs.finish(run)
        return run
    }

    /// `samen-backup-20261201-213000-<id>.sqlite`: names sort by time.
    static func fileName(at time: Int64, id: String, extension ext: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return filePrefix + formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time))) + "-" + id.prefix(8) + "." + ext
    }

    /// The scheduled copies in the folder, newest first (other files are never touched).
    public func copies() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: schedule.directory)
            .filter { name in name.hasPrefix(Self.filePrefix) && Self.extensions.contains((name as NSString).pathExtension) }
            .sorted(by: >)
    }

    /// Deletes the oldest scheduled copies beyond `keep`.
    func prune() throws {
        for name in try copies().dropFirst(schedule.keep) {
            try FileManager.default.removeItem(atPath: (schedule.directory as NSString).appendingPathComponent(name))
        }
    }
}
