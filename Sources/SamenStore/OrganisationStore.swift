import SamenCore
import SQLKit

/// Organisations and who belongs to them. Every read of one organisation's members
/// filters by that organisation's id in SQL (tenancy in the query).
public struct OrganisationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(name: String, slug: String) async throws -> Organisation {
        try await database.transaction { sql in
            try await Self.insert(sql: sql, name: name, slug: slug)
        }
    }

    /// Creates an organisation with its first administrator, atomically.
    public func create(name: String, slug: String, administratorID: String) async throws -> Organisation {
        try await database.transaction { sql in
            let organisation = try await Self.insert(sql: sql, name: name, slug: slug)
            try await Self.insertMember(sql: sql, organisationID: organisation.id, userID: administratorID, role: .administrator)
            return organisation
        }
    }

    static func insert(sql: any SQLDatabase, name: String, slug: String) async throws -> Organisation {
        if try await sql.raw("SELECT id FROM organisations WHERE slug = \(bind: slug)").first() != nil {
            throw SamenError("slug_taken", kind: .conflict, field: "slug")
        }
        let organisation = Organisation(id: Identifier.make(), slug: slug, name: name, createdAt: Clock.now())
        try await sql.raw("""
            INSERT INTO organisations (id, slug, name, created_at)
            VALUES (\(bind: organisation.id), \(bind: slug), \(bind: name), \(bind: organisation.createdAt))
            """).run()
        return organisation
    }

    static func insertMember(sql: any SQLDatabase, organisationID: String, userID: String, role: Role) async throws {
        try await sql.raw("""
            INSERT INTO memberships (organisation_id, user_id, role, created_at)
            VALUES (\(bind: organisationID), \(bind: userID), \(bind: role.rawValue), \(bind: Clock.now()))
            """).run()
    }

    public func all() async throws -> [Organisation] {
        try await database.read { sql in
            try await sql.raw("SELECT id, slug, name, created_at FROM organisations ORDER BY name").all()
                .map(Self.decode)
        }
    }

    /// The user's role in the organisation with this slug, or nil when they are no member:
    /// the gate of every organisation route.
    public func membership(userID: String, slug: String) async throws -> Membership? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT o.id, o.slug, o.name, o.created_at, m.role
                FROM organisations o JOIN memberships m ON m.organisation_id = o.id
                WHERE o.slug = \(bind: slug) AND m.user_id = \(bind: userID)
                """).first() else { return nil }
            return try Self.decodeMembership(row)
        }
    }

    public func memberships(userID: String) async throws -> [Membership] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT o.id, o.slug, o.name, o.created_at, m.role
                FROM organisations o JOIN memberships m ON m.organisation_id = o.id
                WHERE m.user_id = \(bind: userID) ORDER BY o.name
                """).all().map(Self.decodeMembership)
        }
    }

    public func members(organisationID: String) async throws -> [Member] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT u.id, u.email, u.display_name, u.is_superadmin, u.locale, u.created_at,
                       m.role, m.created_at AS since, m.row_version
                FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.organisation_id = \(bind: organisationID)
                ORDER BY u.display_name, u.email
                """).all().map(Self.decodeMember)
        }
    }

    public func member(organisationID: String, userID: String) async throws -> Member? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT u.id, u.email, u.display_name, u.is_superadmin, u.locale, u.created_at,
                       m.role, m.created_at AS since, m.row_version
                FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.organisation_id = \(bind: organisationID) AND m.user_id = \(bind: userID)
                """).first().map(Self.decodeMember)
        }
    }

    /// Adds an existing user, or creates the account first when no user has this e-mail.
    /// For seeding and tests; people's writes go through the `MemberWrites` use-cases.
    public func addMember(organisationID: String, email: String, displayName: String,
                          passwordHash: String?, role: Role) async throws -> Member {
        try await database.transaction { sql in
            try await MemberRecordWrites.add(sql: sql, organisationID: organisationID, email: email, displayName: displayName,
                                             passwordHash: passwordHash, role: role)
        }
    }

    /// Changes a member's role; the last administrator cannot step down.
    public func setRole(organisationID: String, userID: String, role: Role) async throws {
        try await database.transaction { sql in
            _ = try await MemberRecordWrites.setRole(sql: sql, organisationID: organisationID, userID: userID, role: role, expected: nil)
        }
    }

    /// Removes a member from the organisation (the account stays); never the last administrator.
    public func removeMember(organisationID: String, userID: String) async throws {
        try await database.transaction { sql in
            try await MemberRecordWrites.remove(sql: sql, organisationID: organisationID, userID: userID, expected: nil)
        }
    }

    static func decode(_ row: any SQLRow) throws -> Organisation {
        Organisation(
            id: try row.decode(column: "id", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self)
        )
    }

    static func decodeMembership(_ row: any SQLRow) throws -> Membership {
        Membership(organisation: try decode(row), role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer)
    }

    static func decodeMember(_ row: any SQLRow) throws -> Member {
        Member(user: try UserStore.decode(row),
               role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
               since: try row.decode(column: "since", as: Int64.self),
               version: try row.decode(column: "row_version", as: Int.self))
    }
}
