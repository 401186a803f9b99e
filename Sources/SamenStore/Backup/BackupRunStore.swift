import Foundation
import SamenCore
import SQLKit

/// One run of the scheduled backup: when, which file, how large, and whether it worked
/// (the error's type only, never its text).
public struct BackupRun: Sendable, Equatable {
    public enum Outcome: String, Sendable { case running, succeeded, failed }

    public var id: String
    public var slot: Int64
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var worker: String
    public var file: String
    public var kind: String
    public var sizeBytes: Int64?
    public var outcome: Outcome
    public var errorType: String?
}

/// The `backup_runs` table. A run is claimed by inserting its slot (the interval it belongs
/// to); the slot is unique, so when several servers try at once exactly one insert wins.
public struct BackupRunStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Claims `slot` for `worker`: the new run, or nil when another server already took it.
    public func claim(slot: Int64, worker: String, now: Int64 = Clock.now()) async throws -> BackupRun? {
        let id = Identifier.make()
        return try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO backup_runs (id, slot, started_at, worker, outcome)
                VALUES (\(bind: id), \(bind: slot), \(bind: now), \(bind: worker), \(bind: BackupRun.Outcome.running.rawValue))
                ON CONFLICT (slot) DO NOTHING
                """).run()
            let winner = try await sql.raw("SELECT id FROM backup_runs WHERE slot = \(bind: slot)").first()?.decode(column: "id", as: String.self)
            guard winner == id else { return nil }
            return BackupRun(id: id, slot: slot, startedAt: now, finishedAt: nil, worker: worker, file: "", kind: "", sizeBytes: nil,
                             outcome: .running, errorType: nil)
        }
    }

    /// Records how a claimed run ended.
    public func finish(_ run: BackupRun, now: Int64 = Clock.now()) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE backup_runs SET finished_at = \(bind: now), file = \(bind: run.file), kind = \(bind: run.kind),
                    size_bytes = \(bind: run.sizeBytes), outcome = \(bind: run.outcome.rawValue), error_type = \(bind: run.errorType)
                WHERE id = \(bind: run.id)
                """).run()
        }
    }

    /// The latest runs, newest first.
    public func latest(limit: Int = 10) async throws -> [BackupRun] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, slot, started_at, finished_at, worker, file, kind, size_bytes, outcome, error_type FROM backup_runs
                ORDER BY started_at DESC, id DESC LIMIT \(bind: limit)
                """).all().map { row in
                BackupRun(id: try row.decode(column: "id", as: String.self), slot: try row.decode(column: "slot", as: Int64.self),
                          startedAt: try row.decode(column: "started_at", as: Int64.self),
                          finishedAt: try row.decode(column: "finished_at", as: Int64?.self),
                          worker: try row.decode(column: "worker", as: String.self), file: try row.decode(column: "file", as: String.self),
                          kind: try row.decode(column: "kind", as: String.self), sizeBytes: try row.decode(column: "size_bytes", as: Int64?.self),
                          outcome: BackupRun.Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .failed,
                          errorType: try row.decode(column: "error_type", as: String?.self))
            }
        }
    }
}
