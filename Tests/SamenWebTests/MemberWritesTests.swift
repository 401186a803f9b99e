import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import SQLKit
import Testing

/// The member use-cases on SQLite and PostgreSQL: one rule set for a new member, versions,
/// tenancy, the last administrator, and an audit trail without e-mail or password.
@Suite("Member writes contract")
struct MemberWritesTests {
    static func setUp(_ database: Database, _ url: String) async throws -> (MemberWrites, WriteActor, WriteActor, User) {
        let users = UserStore(database: database)
        let admin = try await users.create(email: "ilse@a.nl", displayName: "Ilse", passwordHash: "x")
        let other = try await users.create(email: "sanne@b.nl", displayName: "Sanne", passwordHash: "x")
        let store = OrganisationStore(database: database)
        let a = try await store.create(name: "Gemeente A", slug: "a", administratorID: admin.id)
        let b = try await store.create(name: "Gemeente B", slug: "b", administratorID: other.id)
        let writes = MemberWrites(database: database, configuration: SamenConfiguration(databaseURL: url, bcryptCost: 4))
        return (writes, WriteActor(organisationID: a.id, userID: admin.id, displayName: "Ilse", role: .administrator),
                WriteActor(organisationID: b.id, userID: other.id, displayName: "Sanne", role: .administrator), admin)
    }

    static func codes(_ body: () async throws -> Void) async -> Set<String> {
        do { try await body(); return [] } catch let errors as ValidationErrors { return Set(errors.errors.map { "\($0.field ?? ""):\($0.code)" }) }
        catch let error as SamenError { return [error.code] } catch { return ["\(error)"] }
    }

    @Test("a name and a password are needed only for a new account; an existing account keeps its own name", arguments: TestDatabase.kinds)
    func addRules(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, url in
            let (writes, a, b, _) = try await Self.setUp(database, url)
            #expect(await Self.codes { _ = try await writes.add(a, MemberInput(email: "nieuw@a.nl", role: "member")) }
                    == ["display_name:name_required", "password:password_required_for_new_user"])
            #expect(await Self.codes { _ = try await writes.add(a, MemberInput(email: "nope", role: "king")) }
                    == ["email:email_invalid", "role:role_invalid", "display_name:name_required", "password:password_required_for_new_user"])
            #expect(await Self.codes { _ = try await writes.add(a, MemberInput(email: "nieuw@a.nl", displayName: "N", password: "kort")) }
                    == ["password:password_too_short"])
            // Sanne has an account: no name or password needed, and hers stays.
            let sanne = try await writes.add(a, MemberInput(email: " Sanne@B.nl ", displayName: "", role: "viewer"))
            #expect(sanne.user.displayName == "Sanne" && sanne.role == .viewer && sanne.version == 1)
            #expect(await Self.codes { _ = try await writes.add(a, MemberInput(email: "sanne@b.nl", role: "viewer")) } == ["already_member"])
            let kees = try await writes.add(a, MemberInput(email: "kees@a.nl", displayName: "Kees", role: "member", password: "lang-genoeg-123"))
            #expect(kees.user.displayName == "Kees")
            let viewer = WriteActor(organisationID: a.organisationID, userID: sanne.user.id, displayName: "Sanne", role: .viewer)
            #expect(await Self.codes { _ = try await writes.add(viewer, MemberInput(email: "x@a.nl", displayName: "X", password: "lang-genoeg-123")) }
                    == ["forbidden"])
            let trail = try await AuditStore(database: database).entries(organisationID: a.organisationID, filter: AuditFilter(entity: "member"),
                                                                         limit: 50, cursor: nil).entries
            #expect(trail.count == 2 && trail.allSatisfy { $0.action == .create })
            let raw = try await database.read { sql in
                try await sql.raw("SELECT entity_id, fields, actor_name FROM audit_log").all().map {
                    try $0.decode(column: "entity_id", as: String.self) + $0.decode(column: "fields", as: String.self)
                }
            }
            #expect(!raw.joined().contains("@") && !raw.joined().contains("lang-genoeg"))
            #expect(try await AuditStore(database: database).entries(organisationID: b.organisationID, filter: AuditFilter(entity: "member"),
                                                                     limit: 50, cursor: nil).entries.isEmpty)
        }
    }

    @Test("a role change names its version; the last administrator neither steps down nor goes; another organisation's member is not found",
          arguments: TestDatabase.kinds)
    func roleAndRemoval(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, url in
            let (writes, a, b, admin) = try await Self.setUp(database, url)
            let kees = try await writes.add(a, MemberInput(email: "kees@a.nl", displayName: "Kees", role: "member", password: "lang-genoeg-123"))
            let changed = try await writes.changeRole(a, userID: kees.user.id, role: "facilitator", expected: 1)
            #expect(changed.role == .facilitator && changed.version == 2)
            await #expect(throws: SamenError.stale) { _ = try await writes.changeRole(a, userID: kees.user.id, role: "viewer", expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await writes.changeRole(b, userID: kees.user.id, role: "viewer", expected: nil) }
            await #expect(throws: SamenError.notFound) { try await writes.remove(b, userID: kees.user.id, expected: nil) }
            #expect(try await writes.member(a, userID: kees.user.id).role == .facilitator)
            // Ilse is the only administrator.
            let last = SamenError("last_administrator", kind: .conflict, field: "role")
            await #expect(throws: last) { _ = try await writes.changeRole(a, userID: admin.id, role: "member", expected: nil) }
            await #expect(throws: last) { try await writes.remove(a, userID: admin.id, expected: nil) }
            #expect(try await writes.member(a, userID: admin.id).role == .administrator)
            await #expect(throws: SamenError.stale) { try await writes.remove(a, userID: kees.user.id, expected: 1) }
            try await writes.remove(a, userID: kees.user.id, expected: 2)
            await #expect(throws: SamenError.notFound) { _ = try await writes.member(a, userID: kees.user.id) }
            #expect(try await UserStore(database: database).user(email: "kees@a.nl") != nil, "the account stays")
            let trail = try await AuditStore(database: database).entries(organisationID: a.organisationID, filter: AuditFilter(entity: "member"),
                                                                         limit: 50, cursor: nil).entries
            #expect(trail.map(\.action.rawValue).sorted() == ["create", "delete", "update"], "the refused writes left no entry")
            #expect(trail.first { $0.action == .update }?.fields == ["role"])
        }
    }
}
