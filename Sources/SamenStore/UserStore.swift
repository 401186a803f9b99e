import SamenCore
import SQLKit

/// Accounts. Passwords arrive here already hashed; the store never sees a plain password.
public struct UserStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, email, display_name, is_superadmin, locale, created_at"

    public func create(email: String, displayName: String, passwordHash: String,
                       isSuperadmin: Bool = false, locale: AppLocale = .default) async throws -> User {
        try await database.transaction { sql in
            try await Self.insert(sql: sql, email: email, displayName: displayName,
                                  passwordHash: passwordHash, isSuperadmin: isSuperadmin, locale: locale)
        }
    }

    /// Inserts inside a caller's transaction.
    static func insert(sql: any SQLDatabase, email: String, displayName: String, passwordHash: String,
                       isSuperadmin: Bool, locale: AppLocale) async throws -> User {
        let exists = try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first()
        if exists != nil { throw SamenError("email_taken", kind: .conflict, field: "email") }
        let user = User(id: Identifier.make(), email: email, displayName: displayName,
                        isSuperadmin: isSuperadmin, locale: locale, createdAt: Clock.now())
        try await sql.raw("""
            INSERT INTO users (id, email, display_name, password_hash, is_superadmin, locale, created_at)
            VALUES (\(bind: user.id), \(bind: email), \(bind: displayName), \(bind: passwordHash),
                    \(bind: isSuperadmin ? 1 : 0), \(bind: locale.rawValue), \(bind: user.createdAt))
            """).run()
        return user
    }

    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func user(id: String) async throws -> User? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users WHERE id = \(bind: id)")
                .first().map(Self.decode)
        }
    }

    public func user(email: String) async throws -> User? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users WHERE email = \(bind: email)")
                .first().map(Self.decode)
        }
    }

    /// The user and their password hash, for logging in.
    public func credentials(email: String) async throws -> (user: User, passwordHash: String)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT \(unsafeRaw: Self.columns), password_hash FROM users WHERE email = \(bind: email)
                """).first() else { return nil }
            return (try Self.decode(row), try row.decode(column: "password_hash", as: String.self))
        }
    }

    public func passwordHash(userID: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT password_hash FROM users WHERE id = \(bind: userID)")
                .first()?.decode(column: "password_hash", as: String.self)
        }
    }

    /// Replaces the password and ends every other session of the user, in one transaction.
    public func setPasswordHash(userID: String, hash: String, keepingSession keptHash: String?) async throws {
        try await database.transaction { sql in
            try await sql.raw("UPDATE users SET password_hash = \(bind: hash) WHERE id = \(bind: userID)").run()
            try await sql.raw("""
                DELETE FROM sessions WHERE user_id = \(bind: userID) AND token_hash <> \(bind: keptHash ?? "")
                """).run()
        }
    }

    public func setLocale(userID: String, locale: AppLocale) async throws {
        try await database.transaction { sql in
            try await sql.raw("UPDATE users SET locale = \(bind: locale.rawValue) WHERE id = \(bind: userID)").run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            isSuperadmin: try row.decode(column: "is_superadmin", as: Int.self) != 0,
            locale: AppLocale(rawValue: try row.decode(column: "locale", as: String.self)) ?? .default,
            createdAt: try row.decode(column: "created_at", as: Int64.self)
        )
    }
}
