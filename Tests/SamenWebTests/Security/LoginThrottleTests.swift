import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// Issue 11, defects 4 and 6: the decoy hash was cheaper than real ones (enumeration by
/// timing); five failures locked the owner out everywhere, twenty locked out everyone behind
/// one address; `X-Forwarded-For` was never trusted, not even from the configured proxy.
@Suite("Login: same cost for unknown accounts, throttling per account and address")
struct LoginThrottleTests {
    static func service(_ database: Database, cost: UInt8 = 4) -> AccountService {
        AccountService(database: database, configuration: SamenConfiguration(bcryptCost: cost))
    }

    /// An account service with one user whose password is `goed-wachtwoord`.
    static func serviceWithUser(_ database: Database, _ email: String) async throws -> AccountService {
        let accounts = service(database)
        _ = try await accounts.users.create(email: email, displayName: "Iemand", passwordHash: try await accounts.hash("goed-wachtwoord"))
        return accounts
    }

    static let t0: Int64 = 1_800_000_000

    static func cost(of hash: String) -> Int? {
        hash.split(separator: "$").dropFirst().first.flatMap { Int($0) }
    }

    @Test("the decoy hash for unknown e-mails has the configured cost of real hashes", arguments: [UInt8(4), 6, 10])
    func decoyCost(cost: UInt8) async throws {
        try await TestDatabase.with(.sqlite) { database, _ in
            let accounts = Self.service(database, cost: cost)
            let decoy = try await accounts.decoyHash()
            let real = try await accounts.hash("een-echt-wachtwoord")
            #expect(Self.cost(of: decoy) == Int(cost))
            #expect(Self.cost(of: decoy) == Self.cost(of: real))
        }
    }

    @Test("an unknown e-mail costs as much time as a wrong password (coarse: at least a third)")
    func unknownTakesAsLong() async throws {
        try await TestDatabase.with(.sqlite) { database, _ in
            let accounts = Self.service(database, cost: 10)
            _ = try await accounts.users.create(email: "echt@voorbeeld.nl", displayName: "Echt",
                                                passwordHash: try await accounts.hash("goed-wachtwoord"))
            _ = try await accounts.decoyHash()
            func time(_ email: String) async throws -> Double {
                let start = Date()
                await #expect(throws: SamenError.self) { try await accounts.logIn(email: email, password: "fout", clientKey: UUID().uuidString) }
                return Date().timeIntervalSince(start)
            }
            var known = Double.infinity, unknown = Double.infinity
            for _ in 0..<3 {
                known = min(known, try await time("echt@voorbeeld.nl"))
                unknown = min(unknown, try await time("niemand-\(UUID().uuidString)@voorbeeld.nl"))
            }
            // Cost 10 is ~50 ms of bcrypt and cost 4 (the old decoy) ~1 ms: a ratio of 1/3 cannot flake either way.
            #expect(unknown > known / 3, "unknown \(unknown)s vs known \(known)s")
        }
    }

    @Test("failures from one address never lock the owner out from another; that address waits ever longer",
          arguments: TestDatabase.kinds)
    func perPairBackoff(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let accounts = try await Self.serviceWithUser(database, "eigenaar@voorbeeld.nl")
            for i in 0..<5 {
                await #expect(throws: SamenError("login_failed", kind: .unauthenticated, field: "email")) {
                    try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "fout", clientKey: "aanvaller", now: Self.t0 + Int64(i))
                }
            }
            // The attacker's address now waits, even with the right password …
            await #expect(throws: SamenError.rateLimited) {
                try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "goed-wachtwoord", clientKey: "aanvaller", now: Self.t0 + 5)
            }
            // … while the owner, from their own address, logs in at once.
            let owner = try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "goed-wachtwoord", clientKey: "eigenaar", now: Self.t0 + 5)
            #expect(owner.user.email == "eigenaar@voorbeeld.nl")
            // The wait doubles: 30 s after the 5th failure (at t0 + 4), then 60 s after the 6th.
            await #expect(throws: SamenError.rateLimited) {
                try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "fout", clientKey: "aanvaller", now: Self.t0 + 33)
            }
            await #expect(throws: SamenError("login_failed", kind: .unauthenticated, field: "email")) {
                try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "fout", clientKey: "aanvaller", now: Self.t0 + 34)
            }
            await #expect(throws: SamenError.rateLimited) {
                try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "goed-wachtwoord", clientKey: "aanvaller", now: Self.t0 + 93)
            }
            let late = try await accounts.logIn(email: "eigenaar@voorbeeld.nl", password: "goed-wachtwoord", clientKey: "aanvaller", now: Self.t0 + 94)
            #expect(late.user.email == "eigenaar@voorbeeld.nl", "after the wait the right password works from there too")
            let pair = try await accounts.failures.pair(accountKey: Secrets.sha256("account:eigenaar@voorbeeld.nl"), clientKey: "aanvaller",
                                                        since: Self.t0)
            #expect(pair.count == 0, "a successful login clears that pair's failures")
        }
    }

    @Test("twenty failures behind one address lock nobody else out; the looser per-address limit still holds",
          arguments: TestDatabase.kinds)
    func perAddressLimit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let accounts = try await Self.serviceWithUser(database, "collega@voorbeeld.nl")
            let throttle = LoginThrottle(limit: accounts.configuration.loginAttemptLimit, window: accounts.configuration.loginWindow)
            // Twenty failures over twenty accounts from the office address.
            for i in 0..<20 {
                await #expect(throws: SamenError.self) {
                    try await accounts.logIn(email: "typfout\(i)@voorbeeld.nl", password: "fout", clientKey: "kantoor", now: Self.t0)
                }
            }
            let colleague = try await accounts.logIn(email: "collega@voorbeeld.nl", password: "goed-wachtwoord", clientKey: "kantoor", now: Self.t0 + 1)
            #expect(colleague.user.email == "collega@voorbeeld.nl")
            #expect(throttle.allows(pairFailures: 0, latestFailure: nil, clientFailures: throttle.limit * LoginThrottle.clientFactor - 1, now: Self.t0))
            #expect(!throttle.allows(pairFailures: 0, latestFailure: nil, clientFailures: throttle.limit * LoginThrottle.clientFactor, now: Self.t0))
        }
    }

    @Test("the delay grows per failure and never exceeds the window")
    func delays() {
        let throttle = LoginThrottle(limit: 5, window: 900)
        #expect((0..<5).map(throttle.delay(afterFailures:)) == [0, 0, 0, 0, 0])
        #expect((5..<10).map(throttle.delay(afterFailures:)) == [30, 60, 120, 240, 480])
        #expect(throttle.delay(afterFailures: 40) == 900)
    }

    @Test("X-Forwarded-For counts only from a configured proxy")
    func forwardedFor() {
        let none = TrustedProxies([])
        #expect(none.clientAddress(peer: "198.51.100.7", forwardedFor: ["203.0.113.1"]) == "198.51.100.7")
        let proxies = TrustedProxies(["10.0.0.0/8", "192.0.2.10", "fd00::/8"])
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["203.0.113.1"]) == "203.0.113.1")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 203.0.113.1, 192.0.2.10"]) == "203.0.113.1",
                "a client-supplied first entry is not believed")
        #expect(proxies.clientAddress(peer: "198.51.100.7", forwardedFor: ["203.0.113.1"]) == "198.51.100.7", "untrusted peer")
        #expect(proxies.clientAddress(peer: "fd00::1", forwardedFor: ["2001:db8::5"]) == "2001:db8::5")
        #expect(proxies.clientAddress(peer: "::ffff:10.0.0.1", forwardedFor: ["203.0.113.1"]) == "203.0.113.1")
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["geen-adres"]) == "10.0.0.1")
        #expect(proxies.forwardedHTTPS(peer: "10.0.0.1", forwardedProto: "https"))
        #expect(!proxies.forwardedHTTPS(peer: "198.51.100.7", forwardedProto: "https"))
        #expect(SamenConfiguration.fromEnvironment(["SAMEN_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.10"]).trustedProxies == ["10.0.0.0/8", "192.0.2.10"])
    }

    @Test("through the web: behind a trusted proxy each forwarded address has its own count", arguments: TestDatabase.kinds)
    func throughTrustedProxy(kind: DatabaseKind) async throws {
        try await withApp(kind: kind, testing: .live, configure: { $0.trustedProxies = ["127.0.0.0/8", "::1"] }) { client in
            let forwardedFor = HTTPField.Name("X-Forwarded-For")!
            func logIn(_ password: String, from address: String) async throws -> HTTPResponse.Status {
                let browser = Browser(client)
                _ = try await browser.request(.get, "/login", headers: [forwardedFor: address])
                let body = "email=\(Browser.encode(Demo.marco))&password=\(Browser.encode(password))&_csrf=\(browser.cookies["samen_csrf"] ?? "")"
                return try await browser.request(.post, "/login", body: body, contentType: "application/x-www-form-urlencoded",
                                                 headers: [forwardedFor: address]).status
            }
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await logIn("fout", from: "203.0.113.66")) }
            statuses.append(try await logIn(DemoData.loginPassword, from: "203.0.113.66"))
            statuses.append(try await logIn(DemoData.loginPassword, from: "198.51.100.20"))
            #expect(statuses == Array(repeating: .unauthorized, count: 5) + [.tooManyRequests, .seeOther],
                    "five failures, then that address waits; the owner elsewhere is not locked out")
        }
    }

    @Test("through the web: without trusted proxies a forged X-Forwarded-For does not escape the count")
    func forgedForwardedFor() async throws {
        try await withApp(testing: .live) { client in
            let forwardedFor = HTTPField.Name("X-Forwarded-For")!
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<6 {
                let browser = Browser(client)
                _ = try await browser.get("/login")
                let body = "email=\(Browser.encode(Demo.marco))&password=fout&_csrf=\(browser.cookies["samen_csrf"] ?? "")"
                statuses.append(try await browser.request(.post, "/login", body: body, contentType: "application/x-www-form-urlencoded",
                                                          headers: [forwardedFor: "203.0.113.\(i)"]).status)
            }
            #expect(statuses.last == .tooManyRequests, "\(statuses)")
        }
    }
}
