import Foundation
import SamenCore
import SamenStore

/// Every write to an organisation's members, shared by the web pages, the API and the
/// command line: one rule set (`MemberInput`), the role check, one transaction, and an
/// audit entry (entity `member`, the user's id; never the e-mail or the password).
public struct MemberWrites: Sendable {
    let database: Database
    /// bcrypt, off the event loops; only called for a new account.
    let hash: @Sendable (String) async throws -> String

    init(database: Database, accounts: AccountService) {
        self.database = database
        hash = { try await accounts.hash($0) }
    }

    public init(database: Database, configuration: SamenConfiguration) {
        self.init(database: database, accounts: AccountService(database: database, configuration: configuration))
    }

    static let entity = "member"

    public func add(_ actor: WriteActor, _ input: MemberInput) async throws -> Member {
        try actor.require(.manageMembers)
        let exists = try await database.read { sql in try await MemberRecordWrites.user(sql: sql, email: input.normalisedEmail) != nil }
        let checked = try input.validated(accountExists: exists)
        let passwordHash = try await checked.password.asyncMap(hash)
        return try await database.transaction { sql in
            let member = try await MemberRecordWrites.add(sql: sql, organisationID: actor.organisationID, email: checked.email,
                                                          displayName: checked.displayName, passwordHash: passwordHash, role: checked.role)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.entity, entityID: member.user.id,
                                        action: .create, fields: exists ? ["role"] : ["account", "role"])
            return member
        }
    }

    public func member(_ actor: WriteActor, userID: String) async throws -> Member {
        try await database.read { sql in try await MemberRecordWrites.member(sql: sql, organisationID: actor.organisationID, userID: userID) }
    }

    /// The last administrator cannot step down (409 `last_administrator`).
    public func changeRole(_ actor: WriteActor, userID: String, role rawRole: String, expected: Int?) async throws -> Member {
        try actor.require(.manageMembers)
        let role = try IdentityRules.checkRole(rawRole).mapError { ValidationErrors([$0]) }.get()
        return try await database.transaction { sql in
            let before = try await MemberRecordWrites.member(sql: sql, organisationID: actor.organisationID, userID: userID)
            _ = try await MemberRecordWrites.setRole(sql: sql, organisationID: actor.organisationID, userID: userID, role: role, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.entity, entityID: userID, action: .update,
                                        fields: before.role == role ? [] : ["role"])
            return try await MemberRecordWrites.member(sql: sql, organisationID: actor.organisationID, userID: userID)
        }
    }

    /// The account stays; never the last administrator (409 `last_administrator`).
    public func remove(_ actor: WriteActor, userID: String, expected: Int?) async throws {
        try actor.require(.manageMembers)
        try await database.transaction { sql in
            try await MemberRecordWrites.remove(sql: sql, organisationID: actor.organisationID, userID: userID, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: Self.entity, entityID: userID, action: .delete)
        }
    }
}
