import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// One contract suite for the persistence layer, run on SQLite always and on PostgreSQL
/// when `SAMEN_TEST_POSTGRES_URL` is set (the test script sets it).
@Suite("Store contract")
struct StoreContractTests {
    @Test("migrations apply once and record their versions", arguments: TestDatabase.kinds)
    func migrations(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { database, _ in
            let first = try await Migrations.run(on: database)
            #expect(first == Migrations.all.map(\.version))
            let second = try await Migrations.run(on: database)
            #expect(second.isEmpty)
            #expect(try await Migrations.appliedVersions(on: database) == Migrations.all.map(\.version))
        }
    }

    @Test("users: create, find, duplicate e-mail refused", arguments: TestDatabase.kinds)
    func users(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            let ilse = try await users.create(email: "ilse@voorbeeld.nl", displayName: "Ilse", passwordHash: "h1", isSuperadmin: true)
            #expect(try await users.user(id: ilse.id) == ilse)
            #expect(try await users.user(email: "ilse@voorbeeld.nl")?.isSuperadmin == true)
            #expect(try await users.credentials(email: "ilse@voorbeeld.nl")?.passwordHash == "h1")
            await #expect(throws: SamenError("email_taken", kind: .conflict, field: "email")) {
                _ = try await users.create(email: "ilse@voorbeeld.nl", displayName: "Other", passwordHash: "h2")
            }
            #expect(try await users.count() == 1)
            try await users.setLocale(userID: ilse.id, locale: .en)
            #expect(try await users.user(id: ilse.id)?.locale == .en)
        }
    }

    @Test("members are read per organisation only", arguments: TestDatabase.kinds)
    func tenancy(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            let organisations = OrganisationStore(database: database)
            let a = try await users.create(email: "a@a.nl", displayName: "A", passwordHash: "h")
            let b = try await users.create(email: "b@b.nl", displayName: "B", passwordHash: "h")
            let orgA = try await organisations.create(name: "Gemeente A", slug: "gemeente-a", administratorID: a.id)
            let orgB = try await organisations.create(name: "Gemeente B", slug: "gemeente-b", administratorID: b.id)
            #expect(try await organisations.membership(userID: a.id, slug: "gemeente-a")?.role == .administrator)
            #expect(try await organisations.membership(userID: a.id, slug: "gemeente-b") == nil)
            #expect(try await organisations.member(organisationID: orgA.id, userID: b.id) == nil)
            #expect(try await organisations.members(organisationID: orgB.id).map(\.user.id) == [b.id])
            #expect(try await organisations.memberships(userID: a.id).map(\.organisation.slug) == ["gemeente-a"])
            await #expect(throws: SamenError("slug_taken", kind: .conflict, field: "slug")) {
                _ = try await organisations.create(name: "Again", slug: "gemeente-a")
            }
        }
    }

    @Test("adding a member creates the account in the same transaction", arguments: TestDatabase.kinds)
    func addMember(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let organisations = OrganisationStore(database: database)
            let users = UserStore(database: database)
            let org = try await organisations.create(name: "Gemeente", slug: "gemeente")
            let member = try await organisations.addMember(organisationID: org.id, email: "nieuw@gemeente.nl", displayName: "Nieuw",
                                                           passwordHash: "h", role: .viewer)
            #expect(member.role == .viewer)
            #expect(try await users.user(email: "nieuw@gemeente.nl") != nil)
            await #expect(throws: SamenError("already_member", kind: .conflict, field: "email")) {
                _ = try await organisations.addMember(organisationID: org.id, email: "nieuw@gemeente.nl", displayName: "x",
                                                      passwordHash: nil, role: .member)
            }
            // A new account needs a password; nothing is stored when it is missing.
            await #expect(throws: SamenError.self) {
                _ = try await organisations.addMember(organisationID: org.id, email: "zonder@gemeente.nl", displayName: "Z",
                                                      passwordHash: nil, role: .member)
            }
            #expect(try await users.user(email: "zonder@gemeente.nl") == nil)
        }
    }

    @Test("the last administrator cannot leave or step down", arguments: TestDatabase.kinds)
    func lastAdministrator(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            let organisations = OrganisationStore(database: database)
            let admin = try await users.create(email: "admin@g.nl", displayName: "Admin", passwordHash: "h")
            let org = try await organisations.create(name: "G", slug: "g1", administratorID: admin.id)
            let conflict = SamenError("last_administrator", kind: .conflict, field: "role")
            await #expect(throws: conflict) { try await organisations.setRole(organisationID: org.id, userID: admin.id, role: .viewer) }
            await #expect(throws: conflict) { try await organisations.removeMember(organisationID: org.id, userID: admin.id) }
            #expect(try await organisations.member(organisationID: org.id, userID: admin.id)?.role == .administrator)
            let second = try await organisations.addMember(organisationID: org.id, email: "two@g.nl", displayName: "Two",
                                                           passwordHash: "h", role: .administrator)
            try await organisations.setRole(organisationID: org.id, userID: admin.id, role: .viewer)
            #expect(try await organisations.member(organisationID: org.id, userID: admin.id)?.role == .viewer)
            await #expect(throws: conflict) { try await organisations.removeMember(organisationID: org.id, userID: second.user.id) }
        }
    }

    @Test("sessions expire and can be ended", arguments: TestDatabase.kinds)
    func sessions(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            let sessions = SessionStore(database: database)
            let user = try await users.create(email: "s@s.nl", displayName: "S", passwordHash: "h")
            let now = Clock.now()
            try await sessions.create(tokenHash: "live", userID: user.id, expiresAt: now + 60)
            try await sessions.create(tokenHash: "old", userID: user.id, expiresAt: now - 1)
            #expect(try await sessions.userID(tokenHash: "live") == user.id)
            #expect(try await sessions.userID(tokenHash: "old") == nil)
            #expect(try await sessions.purgeExpired() == 1)
            try await users.setPasswordHash(userID: user.id, hash: "h2", keepingSession: nil)
            #expect(try await sessions.userID(tokenHash: "live") == nil, "a password change ends other sessions")
        }
    }

    @Test("API tokens: only the owner revokes, revoked tokens stop working", arguments: TestDatabase.kinds)
    func apiTokens(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            let tokens = APITokenStore(database: database)
            let owner = try await users.create(email: "o@o.nl", displayName: "O", passwordHash: "h")
            let other = try await users.create(email: "x@x.nl", displayName: "X", passwordHash: "h")
            let token = try await tokens.create(userID: owner.id, name: "export", prefix: "samen_abc", tokenHash: "th")
            #expect(try await tokens.userID(tokenHash: "th") == owner.id)
            #expect(try await tokens.list(userID: owner.id).first?.lastUsedAt != nil)
            await #expect(throws: SamenError.notFound) { try await tokens.revoke(id: token.id, userID: other.id) }
            #expect(try await tokens.userID(tokenHash: "th") == owner.id)
            try await tokens.revoke(id: token.id, userID: owner.id)
            #expect(try await tokens.userID(tokenHash: "th") == nil)
            #expect(try await tokens.list(userID: owner.id).first?.isActive == false)
        }
    }

    @Test("login failures are counted per account and per client within a window", arguments: TestDatabase.kinds)
    func loginFailures(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let failures = LoginFailureStore(database: database)
            let now = Clock.now()
            try await failures.record(accountKey: "acc", clientKey: "ip1", now: now - 1000)
            try await failures.record(accountKey: "acc", clientKey: "ip1", now: now)
            try await failures.record(accountKey: "acc", clientKey: "ip2", now: now)
            #expect(try await failures.count(accountKey: "acc", since: now - 100) == 2)
            #expect(try await failures.count(clientKey: "ip1", since: now - 2000) == 2)
            try await failures.clear(accountKey: "acc")
            #expect(try await failures.count(accountKey: "acc", since: 0) == 0)
        }
    }

    struct Boom: Error {}

    @Test("a failing transaction stores nothing", arguments: TestDatabase.kinds)
    func rollback(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    try await sql.raw("""
                        INSERT INTO organisations (id, slug, name, created_at) VALUES ('x', 'half', 'Half', 0)
                        """).run()
                    throw Boom()
                }
            }
            let stored = try await OrganisationStore(database: database).all()
            #expect(stored.isEmpty)
        }
    }

    @Test("many concurrent writers all succeed", arguments: TestDatabase.kinds)
    func concurrentWrites(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let users = UserStore(database: database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        _ = try await users.create(email: "p\(i)@g.nl", displayName: "P\(i)", passwordHash: "h")
                    }
                }
                try await group.waitForAll()
            }
            let count = try await users.count()
            #expect(count == 40)
        }
    }
}
