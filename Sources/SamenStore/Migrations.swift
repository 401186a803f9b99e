import SQLKit

/// One numbered schema change. Migrations are append-only: a released migration is
/// never edited; a change is a new migration with the next number.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The statements for a database kind. Most are the same for both; where they differ
    /// the difference is in this one closure.
    let statements: @Sendable (DatabaseKind) -> [String]
}

public enum Migrations {
    /// Every migration, in order. Append only.
    public static let all: [Migration] = [
        Migration(version: 1, name: "organisations, users, memberships, sessions, tokens") { _ in
            [
                """
                CREATE TABLE organisations (
                    id TEXT PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    is_superadmin BIGINT NOT NULL DEFAULT 0,
                    locale TEXT NOT NULL DEFAULT 'nl',
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE memberships (
                    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (organisation_id, user_id)
                )
                """,
                "CREATE INDEX memberships_user ON memberships(user_id)",
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX sessions_user ON sessions(user_id)",
                """
                CREATE TABLE api_tokens (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL,
                    last_used_at BIGINT,
                    revoked_at BIGINT
                )
                """,
                "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
                """
                CREATE TABLE login_failures (
                    id TEXT PRIMARY KEY,
                    account_key TEXT NOT NULL,
                    client_key TEXT NOT NULL,
                    failed_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX login_failures_account ON login_failures(account_key, failed_at)",
                "CREATE INDEX login_failures_client ON login_failures(client_key, failed_at)",
            ]
        },
    ]

    /// An arbitrary constant that names Samen's migration lock in PostgreSQL.
    static let advisoryLockKey: Int64 = 0x53616D656E

    /// Brings the schema up to date and returns the versions it applied. Several servers
    /// starting together on one PostgreSQL wait for each other through an advisory lock.
    @discardableResult
    public static func run(on database: Database) async throws -> [Int] {
        try await database.read { sql in
            if database.kind == .postgres {
                try await sql.raw("SELECT pg_advisory_lock(\(bind: advisoryLockKey))").run()
            }
            do {
                let applied = try await applyPending(sql: sql, kind: database.kind)
                if database.kind == .postgres {
                    try await sql.raw("SELECT pg_advisory_unlock(\(bind: advisoryLockKey))").run()
                }
                return applied
            } catch {
                if database.kind == .postgres {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(bind: advisoryLockKey))").run()
                }
                throw error
            }
        }
    }

    /// The versions already applied, in order.
    public static func appliedVersions(on database: Database) async throws -> [Int] {
        try await database.read { sql in
            try await ensureLedger(sql: sql)
            return try await versions(sql: sql)
        }
    }

    private static func ensureLedger(sql: any SQLDatabase) async throws {
        try await sql.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """).run()
    }

    private static func versions(sql: any SQLDatabase) async throws -> [Int] {
        try await sql.raw("SELECT version FROM schema_migrations ORDER BY version").all()
            .map { try $0.decode(column: "version", as: Int.self) }
    }

    private static func applyPending(sql: any SQLDatabase, kind: DatabaseKind) async throws -> [Int] {
        try await ensureLedger(sql: sql)
        let done = Set(try await versions(sql: sql))
        var applied: [Int] = []
        for migration in all where !done.contains(migration.version) {
            try await sql.raw(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                for statement in migration.statements(kind) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await sql.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.now()))
                    """).run()
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            applied.append(migration.version)
        }
        return applied
    }
}
