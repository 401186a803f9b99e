import SamenCore
import SQLKit

/// Memberships written on the connection of the caller's transaction (the use-case opens
/// it and writes the audit entry in it). A membership is keyed by organisation and user, and
/// an organisation never loses its last administrator (409 `last_administrator`).
public enum MemberRecordWrites {
    public static func user(sql: any SQLDatabase, email: String) async throws -> User? {
        try await sql.raw("SELECT \(unsafeRaw: UserStore.columns) FROM users WHERE email = \(bind: email)").first().map(UserStore.decode)
    }

    public static func member(sql: any SQLDatabase, organisationID: String, userID: String) async throws -> Member {
        guard let row = try await sql.raw("""
            SELECT u.id, u.email, u.display_name, u.is_superadmin, u.locale, u.created_at, m.role, m.created_at AS since, m.row_version
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.organisation_id = \(bind: organisationID) AND m.user_id = \(bind: userID)
            """).first() else { throw SamenError.notFound }
        return try OrganisationStore.decodeMember(row)
    }

    /// Adds the user with this e-mail, creating the account first when there is none (then `passwordHash` is needed).
    public static func add(sql: any SQLDatabase, organisationID: String, email: String, displayName: String, passwordHash: String?,
                           role: Role) async throws -> Member {
        var user = try await self.user(sql: sql, email: email)
        if user == nil {
            guard let passwordHash else { throw SamenError.validation("password_required_for_new_user", field: "password") }
            user = try await UserStore.insert(sql: sql, email: email, displayName: displayName, passwordHash: passwordHash,
                                              isSuperadmin: false, locale: .default)
        }
        guard let user else { throw SamenError.notFound }
        let already = try await sql.raw("""
            SELECT role FROM memberships WHERE organisation_id = \(bind: organisationID) AND user_id = \(bind: user.id)
            """).first()
        if already != nil { throw SamenError("already_member", kind: .conflict, field: "email") }
        try await OrganisationStore.insertMember(sql: sql, organisationID: organisationID, userID: user.id, role: role)
        return try await member(sql: sql, organisationID: organisationID, userID: user.id)
    }

    static func key(_ userID: String) -> SQLQueryString { "user_id = \(bind: userID)" }
    static func owned(_ organisationID: String) -> SQLQueryString { "organisation_id = \(bind: organisationID)" }

    public static func setRole(sql: any SQLDatabase, organisationID: String, userID: String, role: Role, expected: Int?) async throws -> Int {
        let current = try await member(sql: sql, organisationID: organisationID, userID: userID)
        if current.role == .administrator && role != .administrator {
            try await requireAnotherAdministrator(sql: sql, organisationID: organisationID)
        }
        return try await VersionedWrites.update(sql: sql, table: "memberships", key: key(userID), owned: owned(organisationID),
                                                set: "role = \(bind: role.rawValue)", expected: expected)
    }

    /// The account stays; only the membership goes.
    public static func remove(sql: any SQLDatabase, organisationID: String, userID: String, expected: Int?) async throws {
        let current = try await member(sql: sql, organisationID: organisationID, userID: userID)
        if current.role == .administrator {
            try await requireAnotherAdministrator(sql: sql, organisationID: organisationID)
        }
        try await VersionedWrites.delete(sql: sql, table: "memberships", key: key(userID), owned: owned(organisationID), expected: expected)
    }

    static func requireAnotherAdministrator(sql: any SQLDatabase, organisationID: String) async throws {
        let count = try await VersionedWrites.count(sql: sql, """
            memberships WHERE organisation_id = \(bind: organisationID) AND role = \(bind: Role.administrator.rawValue)
            """)
        if count <= 1 { throw SamenError("last_administrator", kind: .conflict, field: "role") }
    }
}
