import SamenCore
import SQLKit

/// Login sessions, kept in the database so several app servers share them. Only a hash
/// of the cookie's token is stored: a leaked table does not yield usable cookies.
public struct SessionStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(tokenHash: String, userID: String, expiresAt: Int64) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                VALUES (\(bind: tokenHash), \(bind: userID), \(bind: Clock.now()), \(bind: expiresAt))
                """).run()
        }
    }

    /// The user id of a live session, or nil when unknown or expired.
    public func userID(tokenHash: String, now: Int64 = Clock.now()) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT user_id FROM sessions WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now)
                """).first()?.decode(column: "user_id", as: String.self)
        }
    }

    public func delete(tokenHash: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
        }
    }

    /// Removes expired sessions and returns how many.
    @discardableResult
    public func purgeExpired(now: Int64 = Clock.now()) async throws -> Int {
        try await database.transaction { sql in
            let n = try await sql.raw("SELECT COUNT(*) AS n FROM sessions WHERE expires_at <= \(bind: now)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            try await sql.raw("DELETE FROM sessions WHERE expires_at <= \(bind: now)").run()
            return n
        }
    }
}

/// Personal API tokens. As with sessions, only the token's hash is stored.
public struct APITokenStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(userID: String, name: String, prefix: String, tokenHash: String) async throws -> APIToken {
        try await database.transaction { sql in
            let token = APIToken(id: Identifier.make(), name: name, prefix: prefix, createdAt: Clock.now(),
                                 lastUsedAt: nil, revokedAt: nil)
            try await sql.raw("""
                INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at)
                VALUES (\(bind: token.id), \(bind: userID), \(bind: name), \(bind: prefix), \(bind: tokenHash),
                        \(bind: token.createdAt))
                """).run()
            return token
        }
    }

    public func list(userID: String) async throws -> [APIToken] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens
                WHERE user_id = \(bind: userID) ORDER BY created_at DESC, name
                """).all().map { row in
                    APIToken(id: try row.decode(column: "id", as: String.self),
                             name: try row.decode(column: "name", as: String.self),
                             prefix: try row.decode(column: "prefix", as: String.self),
                             createdAt: try row.decode(column: "created_at", as: Int64.self),
                             lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self),
                             revokedAt: try row.decode(column: "revoked_at", as: Int64?.self))
                }
        }
    }

    /// Revokes one of the user's own tokens; another user's token is "not found".
    public func revoke(id: String, userID: String) async throws {
        try await database.transaction { sql in
            let row = try await sql.raw("SELECT id FROM api_tokens WHERE id = \(bind: id) AND user_id = \(bind: userID)").first()
            guard row != nil else { throw SamenError.notFound }
            try await sql.raw("""
                UPDATE api_tokens SET revoked_at = \(bind: Clock.now())
                WHERE id = \(bind: id) AND user_id = \(bind: userID) AND revoked_at IS NULL
                """).run()
        }
    }

    /// The owner of an active token, recording its use.
    public func userID(tokenHash: String) async throws -> String? {
        try await database.transaction { sql in
            guard let row = try await sql.raw("""
                SELECT id, user_id FROM api_tokens WHERE token_hash = \(bind: tokenHash) AND revoked_at IS NULL
                """).first() else { return nil }
            let id = try row.decode(column: "id", as: String.self)
            try await sql.raw("UPDATE api_tokens SET last_used_at = \(bind: Clock.now()) WHERE id = \(bind: id)").run()
            return try row.decode(column: "user_id", as: String.self)
        }
    }
}

/// Failed logins, counted per account key and per client key (both hashed, so no
/// e-mail address or IP address is stored in clear) to slow down password guessing.
public struct LoginFailureStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func record(accountKey: String, clientKey: String, now: Int64 = Clock.now()) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO login_failures (id, account_key, client_key, failed_at)
                VALUES (\(bind: Identifier.make()), \(bind: accountKey), \(bind: clientKey), \(bind: now))
                """).run()
            // Keep the table small: nothing older than a day is ever consulted.
            try await sql.raw("DELETE FROM login_failures WHERE failed_at < \(bind: now - 86_400)").run()
        }
    }

    public func count(accountKey: String, since: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM login_failures WHERE account_key = \(bind: accountKey) AND failed_at >= \(bind: since)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func count(clientKey: String, since: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM login_failures WHERE client_key = \(bind: clientKey) AND failed_at >= \(bind: since)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Failures of one account from one client since `since`, and when the latest was.
    public func pair(accountKey: String, clientKey: String, since: Int64) async throws -> (count: Int, latest: Int64?) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, MAX(failed_at) AS latest FROM login_failures
                WHERE account_key = \(bind: accountKey) AND client_key = \(bind: clientKey) AND failed_at >= \(bind: since)
                """).first()
            return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "latest", as: Int64?.self) ?? nil)
        }
    }

    public func clear(accountKey: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM login_failures WHERE account_key = \(bind: accountKey)").run()
        }
    }

    /// Forgets one account's failures from one client (after that client logged in).
    public func clear(accountKey: String, clientKey: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM login_failures WHERE account_key = \(bind: accountKey) AND client_key = \(bind: clientKey)").run()
        }
    }
}
