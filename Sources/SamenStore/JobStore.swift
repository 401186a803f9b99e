import Foundation
import SamenCore
import SQLKit

/// Background work kept in the database, so that several app servers share it: a job is
/// claimed by one worker at a time (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
/// writer on SQLite) for a lease; a worker that dies lets the lease run out.
///
/// A job is one row per (kind, subject): asking again while it waits changes nothing but
/// its version, which debounces a burst of requests into one run. When a request arrives
/// while the job runs, the version moves on and the job stays for another run.
public struct JobStore: Sendable {
    public static let recomputeConversation = "recompute_conversation"

    public struct Job: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var subjectID: String
        public var version: Int
        public var attempts: Int
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Asks for a run of `kind` on `subjectID` no sooner than `delay` seconds from now
    /// (a job already waiting keeps its time). Call inside the transaction of the change.
    public static func enqueue(sql: any SQLDatabase, kind: String, subjectID: String, delay: Int64) async throws {
        let now = Clock.now()
        try await sql.raw("""
            INSERT INTO jobs (id, kind, subject_id, run_after, version, attempts, created_at)
            VALUES (\(bind: Identifier.make()), \(bind: kind), \(bind: subjectID), \(bind: now + delay), 1, 0, \(bind: now))
            ON CONFLICT (kind, subject_id) DO UPDATE SET version = jobs.version + 1
            """).run()
    }

    public func enqueue(kind: String, subjectID: String, delay: Int64 = 0) async throws {
        try await database.transaction { sql in
            try await Self.enqueue(sql: sql, kind: kind, subjectID: subjectID, delay: delay)
            if delay == 0 {
                try await sql.raw("""
                    UPDATE jobs SET run_after = \(bind: Clock.now()) WHERE kind = \(bind: kind) AND subject_id = \(bind: subjectID)
                    """).run()
            }
        }
    }

    /// Claims the oldest due job of this kind for `lease` seconds, or returns nil.
    public func claim(kind: String, worker: String, lease: Int64 = 300, now: Int64 = Clock.now()) async throws -> Job? {
        let lock = database.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { sql in
            guard let row = try await sql.raw("""
                SELECT id, kind, subject_id, version, attempts FROM jobs
                WHERE kind = \(bind: kind) AND run_after <= \(bind: now) AND (claimed_until IS NULL OR claimed_until < \(bind: now))
                ORDER BY run_after, id LIMIT 1 \(unsafeRaw: lock)
                """).first() else { return nil }
            var job = Job(id: try row.decode(column: "id", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                          subjectID: try row.decode(column: "subject_id", as: String.self),
                          version: try row.decode(column: "version", as: Int.self),
                          attempts: try row.decode(column: "attempts", as: Int.self))
            job.attempts += 1
            try await sql.raw("""
                UPDATE jobs SET claimed_by = \(bind: worker), claimed_version = \(bind: job.version),
                    claimed_until = \(bind: now + lease), attempts = \(bind: job.attempts)
                WHERE id = \(bind: job.id)
                """).run()
            return job
        }
    }

    /// Extends a running job's lease while `worker` still holds it (the worker calls this
    /// every few seconds, so a lease can be short and a killed worker's job is taken over soon).
    public func renew(_ job: Job, worker: String, lease: Int64, now: Int64 = Clock.now()) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE jobs SET claimed_until = \(bind: now + lease) WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker)
                """).run()
        }
    }

    /// The run succeeded: the job goes, unless someone asked again meanwhile.
    public func complete(_ job: Job) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM jobs WHERE id = \(bind: job.id) AND version = \(bind: job.version)").run()
            try await sql.raw("""
                UPDATE jobs SET claimed_by = NULL, claimed_version = NULL, claimed_until = NULL, attempts = 0, last_error = NULL
                WHERE id = \(bind: job.id)
                """).run()
        }
    }

    /// The run failed: release it to be tried again after `retryAfter` seconds. `reason`
    /// must not carry personal data (an error type, not its message).
    public func fail(_ job: Job, reason: String, retryAfter: Int64) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE jobs SET claimed_by = NULL, claimed_version = NULL, claimed_until = NULL, last_error = \(bind: reason),
                    run_after = \(bind: Clock.now() + retryAfter)
                WHERE id = \(bind: job.id)
                """).run()
        }
    }

    /// How many jobs of this kind wait or run, on any worker.
    public func count(kind: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Whether a job waits or runs for this subject (the results page says "being updated").
    public func pending(kind: String, subjectID: String) async throws -> (waiting: Bool, lastError: String?) {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT last_error FROM jobs WHERE kind = \(bind: kind) AND subject_id = \(bind: subjectID)
                """).first() else { return (false, nil) }
            return (true, try row.decode(column: "last_error", as: String?.self))
        }
    }
}
