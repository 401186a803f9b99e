import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix
import SamenCore
import SamenStore
import Synchronization

/// Use-cases around accounts: first set-up, logging in and out, passwords, API tokens.
/// Takes plain values, returns plain values or throws `SamenError` / `ValidationErrors`.
struct AccountService: Sendable {
    let users: UserStore
    let organisations: OrganisationStore
    let sessions: SessionStore
    let tokens: APITokenStore
    let failures: LoginFailureStore
    let configuration: SamenConfiguration

    init(database: Database, configuration: SamenConfiguration) {
        users = UserStore(database: database)
        organisations = OrganisationStore(database: database)
        sessions = SessionStore(database: database)
        tokens = APITokenStore(database: database)
        failures = LoginFailureStore(database: database)
        self.configuration = configuration
    }

    /// bcrypt is slow on purpose; run it off the event loops.
    func hash(_ password: String) async throws -> String {
        let cost = configuration.bcryptCost, input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        let input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// bcrypt reads at most 72 bytes and silently drops the rest, so a longer password goes in
    /// as the hex SHA-256 of its UTF-8 bytes (64 bytes): every character counts. Passwords of up
    /// to 72 bytes go in as they are, so hashes made before this rule still verify.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return SHA256.hash(data: Array(password.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A hash to verify against when the account does not exist, so a wrong e-mail takes
    /// as long as a wrong password and answers the same (no account enumeration). Made with
    /// the configured cost — the cost of real hashes — once per cost and process.
    func decoyHash() async throws -> String {
        let cost = configuration.bcryptCost
        if let known = Self.decoys.withLock({ $0[cost] }) { return known }
        let made = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash("samen-decoy-password", cost: cost) }
        return Self.decoys.withLock { decoys in
            if let known = decoys[cost] { return known }
            decoys[cost] = made
            return made
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    struct LoginResult {
        let user: User
        let sessionToken: String
    }

    /// Checks the password, throttling per account *and* client together (see
    /// `LoginThrottle`), so failures from one address never lock the owner out elsewhere;
    /// on success opens a session and returns its (secret) token for the cookie.
    func logIn(email rawEmail: String, password: String, clientKey: String, now: Int64 = Clock.now()) async throws -> LoginResult {
        let email = IdentityRules.normalisedEmail(rawEmail)
        var errors: [SamenError] = []
        if email.isEmpty { errors.append(.validation("email_required", field: "email")) }
        if password.isEmpty { errors.append(.validation("password_required", field: "password")) }
        try ValidationErrors.check(errors)

        let accountKey = Secrets.sha256("account:" + email)
        let throttle = LoginThrottle(limit: configuration.loginAttemptLimit, window: configuration.loginWindow)
        let pair = try await failures.pair(accountKey: accountKey, clientKey: clientKey, since: now - throttle.window)
        let clientFailures = try await failures.count(clientKey: clientKey, since: now - throttle.window)
        if !throttle.allows(pairFailures: pair.count, latestFailure: pair.latest, clientFailures: clientFailures, now: now) {
            throw SamenError.rateLimited
        }
        let credentials = try await users.credentials(email: email)
        let stored: String
        if let hash = credentials?.passwordHash { stored = hash } else { stored = try await decoyHash() }
        let valid = try await verify(password, hash: stored)
        guard valid, let user = credentials?.user else {
            try await failures.record(accountKey: accountKey, clientKey: clientKey, now: now)
            throw SamenError("login_failed", kind: .unauthenticated, field: "email")
        }
        try await failures.clear(accountKey: accountKey, clientKey: clientKey)
        let token = Secrets.token()
        try await sessions.create(tokenHash: Secrets.sha256(token), userID: user.id,
                                  expiresAt: now + configuration.sessionLifetime)
        return LoginResult(user: user, sessionToken: token)
    }

    /// The user of a session cookie's token, if the session is live.
    func user(sessionToken token: String) async throws -> (User, String)? {
        let tokenHash = Secrets.sha256(token)
        guard let id = try await sessions.userID(tokenHash: tokenHash), let user = try await users.user(id: id) else {
            return nil
        }
        return (user, tokenHash)
    }

    func logOut(sessionTokenHash: String) async throws {
        try await sessions.delete(tokenHash: sessionTokenHash)
    }

    /// The owner of an API token, if it is active.
    func user(apiToken token: String) async throws -> User? {
        guard token.hasPrefix("samen_"), let id = try await tokens.userID(tokenHash: Secrets.sha256(token)) else {
            return nil
        }
        return try await users.user(id: id)
    }

    struct NewAccount {
        var email: String
        var displayName: String
        var password: String
        var passwordConfirmation: String
    }

    /// Checks the fields of a new account and returns the normalised e-mail.
    func validate(_ account: NewAccount) throws -> String {
        let email = IdentityRules.normalisedEmail(account.email)
        var errors = IdentityRules.checkEmail(email) + IdentityRules.checkDisplayName(account.displayName)
            + IdentityRules.checkPassword(account.password)
        if account.password != account.passwordConfirmation {
            errors.append(.validation("password_mismatch", field: "password_confirmation"))
        }
        try ValidationErrors.check(errors)
        return email
    }

    /// Creates the first administrator (a superadmin) and their organisation. Only while no user exists.
    func setUp(account: NewAccount, organisationName: String) async throws -> User {
        guard try await users.count() == 0 else { throw SamenError.notFound }
        let name = organisationName.trimmingCharacters(in: .whitespacesAndNewlines)
        var nameErrors: [SamenError] = []
        if name.isEmpty { nameErrors.append(.validation("organisation_name_required", field: "organisation_name")) }
        let email: String
        do {
            email = try validate(account)
            try ValidationErrors.check(nameErrors)
        } catch let errors as ValidationErrors {
            throw ValidationErrors(errors.errors + nameErrors)
        }
        let user = try await users.create(email: email, displayName: account.displayName.trimmed,
                                          passwordHash: try await hash(account.password), isSuperadmin: true)
        _ = try await organisations.create(name: name, slug: IdentityRules.slug(from: name).orDefault("organisatie"),
                                           administratorID: user.id)
        return user
    }

    func changePassword(user: User, current: String, new: String, confirmation: String, keepSession: String?) async throws {
        var errors = IdentityRules.checkPassword(new, field: "new_password")
        if new != confirmation { errors.append(.validation("password_mismatch", field: "password_confirmation")) }
        var stored = try await users.passwordHash(userID: user.id)
        if stored == nil { stored = try await decoyHash() }
        if !(try await verify(current, hash: stored ?? "")) {
            errors.insert(.validation("current_password_wrong", field: "current_password"), at: 0)
        }
        try ValidationErrors.check(errors)
        try await users.setPasswordHash(userID: user.id, hash: try await hash(new), keepingSession: keepSession)
    }

    /// Creates a personal API token; the secret is returned once and only its hash is kept.
    func createToken(user: User, name: String) async throws -> (APIToken, String) {
        try ValidationErrors.check(IdentityRules.checkTokenName(name))
        let secret = "samen_" + Secrets.token()
        let token = try await tokens.create(userID: user.id, name: name.trimmed,
                                            prefix: String(secret.prefix(12)), tokenHash: Secrets.sha256(secret))
        return (token, secret)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    func orDefault(_ fallback: String) -> String { isEmpty ? fallback : self }
}
