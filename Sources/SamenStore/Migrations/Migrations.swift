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
    /// Every migration, in order. Append only: a feature adds its migration (in a file of
    /// its own under Migrations/) with the next number at the end of this list.
    public static let all: [Migration] = [
        .identity,
        .trajectories,
        .surveys,
        .conversations,
        .stories,
        .highlights,
        .personas,
        .communityReports,
        .storySearch,
        .writeSide,
        .conversationParticipation,
        .portfolio,
        .experiments,
        .capabilitiesScenarios,
        .value,
        .trajectoryReports,
        .valueOutcomes,
        .scaleIndexes,
        .backups,
        .valueSROIAnalyses,
        .citizenOpenLinks,
        .conversationResultGroups,
        .narrowSurveyAnswers,
    ]

    /// An arbitrary constant that names Samen's migration lock in PostgreSQL.
    static let advisoryLockKey: Int64 = 0x53616D656E

    /// Brings the schema up to date and returns the versions it applied. Several servers
    /// starting together on one PostgreSQL wait for each other through an advisory lock.
    @discardableResult
    public static func run(on database: Database) async throws -> [Int] {
        try await run(on: database, through: .max)
    }

    /// Applies the pending migrations up to `version` (a test brings a database to an older
    /// schema, fills it as that schema had it, and checks what the next migration makes of it).
    @discardableResult
    static func run(on database: Database, through version: Int) async throws -> [Int] {
        try await database.read { sql in
            if database.kind == .postgres {
                try await sql.raw("SELECT pg_advisory_lock(\(bind: advisoryLockKey))").run()
            }
            do {
                let applied = try await applyPending(sql: sql, kind: database.kind, through: version)
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

    private static func applyPending(sql: any SQLDatabase, kind: DatabaseKind, through version: Int) async throws -> [Int] {
        try await ensureLedger(sql: sql)
        let done = Set(try await versions(sql: sql))
        var applied: [Int] = []
        for migration in all where !done.contains(migration.version) && migration.version <= version {
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
