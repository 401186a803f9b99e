import Foundation
import Logging
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Which SQL engine is behind a `Database`. Only the few places where the SQL must
/// differ look at it.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// One database for the whole product, SQLite or PostgreSQL, handing out connections
/// as SQLKit databases. Every write goes through `transaction`.
public final class Database: Sendable {
    public let kind: DatabaseKind
    private let acquire: @Sendable () async throws -> any SQLDatabase
    private let release: @Sendable (any SQLDatabase) async -> Void
    private let stop: @Sendable () async -> Void
    private let writerLock = WriterLock()
    private let reads = ReadCounter()

    /// How many times a connection was taken (`read` and `transaction`) since the database
    /// opened: tests use it to check that a page costs a bounded number of store calls.
    public var readCount: Int { reads.value }

    init(
        kind: DatabaseKind,
        acquire: @escaping @Sendable () async throws -> any SQLDatabase,
        release: @escaping @Sendable (any SQLDatabase) async -> Void,
        stop: @escaping @Sendable () async -> Void
    ) {
        self.kind = kind
        self.acquire = acquire
        self.release = release
        self.stop = stop
    }

    /// Runs `body` on one connection, without a transaction (for reads).
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        reads.increment()
        let sql = try await acquire()
        do {
            let result = try await body(sql)
            await release(sql)
            return result
        } catch {
            await release(sql)
            throw error
        }
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if kind == .sqlite {
            await writerLock.lock()
            do {
                let result = try await runTransaction(body)
                await writerLock.unlock()
                return result
            } catch {
                await writerLock.unlock()
                throw error
            }
        }
        // PostgreSQL: a transaction that loses a deadlock or a serialisation conflict has
        // been rolled back whole, so running it again is safe and the caller never sees it.
        var attempt = 1
        while true {
            do {
                return try await runTransaction(body)
            } catch let error as PSQLError where attempt < Self.conflictAttempts && Self.isRetryable(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << attempt))))
            }
        }
    }

    /// How often a PostgreSQL transaction is tried before its conflict reaches the caller.
    static let conflictAttempts = 5

    /// Deadlock detected (40P01) or serialisation failure (40001): the server rolled the
    /// transaction back and asks to try again.
    static func isRetryable(_ error: PSQLError) -> Bool {
        ["40P01", "40001"].contains(error.serverInfo?[.sqlState])
    }

    private func runTransaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await read { sql in
            // IMMEDIATE takes SQLite's write lock at once, so two writers wait for each
            // other (busy_timeout) instead of failing on a lock upgrade half-way.
            try await sql.raw(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Closes every connection. Call once, at shutdown.
    public func shutdown() async {
        await stop()
    }
}

extension Database {
    public struct UnsupportedURL: Error, CustomStringConvertible {
        public var description: String { "SAMEN_DATABASE_URL must start with sqlite:// or postgres://" }
    }

    /// Opens the database a URL names: `sqlite:///path/to/file.sqlite` (or a plain path)
    /// or `postgres://user:password@host:port/database`.
    public static func open(url: String, logger: Logger, maxConnections: Int = 4) async throws -> Database {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.hasPrefix("postgres+tcp://") {
            let normalised = url.hasPrefix("postgresql://") ? "postgres://" + url.dropFirst("postgresql://".count) : url
            return try openPostgres(url: normalised, logger: logger, maxConnections: maxConnections)
        }
        if url.hasPrefix("sqlite://") {
            return try openSQLite(path: String(url.dropFirst("sqlite://".count)), logger: logger, maxConnections: maxConnections)
        }
        if !url.contains("://") {
            return try openSQLite(path: url, logger: logger, maxConnections: maxConnections)
        }
        throw UnsupportedURL()
    }

    /// SQLite on a file, in WAL mode so readers never block the writer.
    public static func openSQLite(path: String, logger: Logger, maxConnections: Int = 4) throws -> Database {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // Threads of this database's own: SQLite's calls block their thread (an fsync under
        // `synchronous = FULL`, a busy wait for another process's write lock). On the shared
        // NIO pool (one thread per core) that would stall bcrypt and every other database in
        // the process; here it stalls at most this database's own connections.
        let threads = NIOThreadPool(numberOfThreads: maxConnections)
        threads.start()
        let pool = ConnectionPool<SQLiteConnection>(
            maximum: maxConnections,
            open: {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger,
                                                                 on: MultiThreadedEventLoopGroup.singleton.any())
                // busy_timeout first: the journal-mode pragma itself can meet a lock while
                // another connection writes, and must wait for it rather than fail at once.
                // synchronous = FULL: in WAL mode NORMAL may lose the last commits on a power
                // cut, and an acknowledged vote or answer must survive one. Group commit
                // (`VoteGroupCommit`) shares the one fsync per commit among concurrent votes.
                for pragma in ["PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL",
                               "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"] {
                    _ = try await connection.query(pragma)
                }
                return connection
            },
            // Closed in a task of its own: a cancelled caller (a failing test, a server stopping
            // mid-request) must not leave the connection open, which SQLiteNIO treats as a crash.
            close: { connection in await Task.detached { try? await connection.close() }.value },
            isUsable: { !$0.isClosed }
        )
        return Database(
            kind: .sqlite,
            acquire: { SQLiteLease(connection: try await pool.acquire()) },
            release: { sql in
                if let lease = sql as? SQLiteLease { await pool.release(lease.connection) }
            },
            stop: {
                await pool.shutdown()
                // A connection still leased is closed when its holder releases it, which needs
                // the threads: wait for that (a few seconds at most) before stopping them.
                var waited = 0
                while await pool.openConnections > 0, waited < 500 {
                    try? await Task.sleep(for: .milliseconds(10))
                    waited += 1
                }
                try? await threads.shutdownGracefully()
            }
        )
    }

    public static func openPostgres(url: String, logger: Logger, maxConnections: Int = 8) throws -> Database {
        let configuration = try SQLPostgresConfiguration(url: url)
        let pool = ConnectionPool<PostgresConnection>(
            maximum: maxConnections,
            open: {
                try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(),
                    configuration: configuration.coreConfiguration,
                    id: Int.random(in: 1...Int.max),
                    logger: logger
                ).get()
            },
            close: { try? await $0.close() },
            isUsable: { !$0.isClosed }
        )
        return Database(
            kind: .postgres,
            acquire: { PostgresLease(connection: try await pool.acquire()) },
            release: { sql in
                if let lease = sql as? PostgresLease { await pool.release(lease.connection) }
            },
            stop: { await pool.shutdown() }
        )
    }
}

/// A thread-safe count (the database is shared by every request).
final class ReadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
