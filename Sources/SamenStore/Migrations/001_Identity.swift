import SQLKit

extension Migration {
    /// 001: organisations, accounts, roles, sessions, API tokens, login throttling.
    public static let identity = Migration(version: 1, name: "organisations, users, memberships, sessions, tokens") { _ in
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
    }
}
