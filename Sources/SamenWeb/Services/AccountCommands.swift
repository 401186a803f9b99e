import SamenCore
import SamenStore

/// The library side of `samen user add`.
public enum AccountCommands {
    /// Adding someone to an existing organisation is `MemberWrites.add`, the same use-case as
    /// the web form and the API (a name and a password only matter for a new account); a new
    /// organisation is created with this account as its first administrator.
    public static func addUser(database: Database, configuration: SamenConfiguration, email rawEmail: String, name: String,
                               password: String, organisationName: String, role rawRole: String, superadmin: Bool) async throws -> String {
        let accounts = AccountService(database: database, configuration: configuration)
        let organisations = OrganisationStore(database: database)
        let slug = IdentityRules.slug(from: organisationName)
        try ValidationErrors.check(IdentityRules.checkSlug(slug, field: "organisation"))
        let input = MemberInput(email: rawEmail, displayName: name, role: rawRole, password: password)
        if let organisation = try await organisations.all().first(where: { $0.slug == slug }) {
            if superadmin, try await accounts.users.user(email: input.normalisedEmail) == nil {
                let checked = try input.validated(accountExists: false)
                _ = try await accounts.users.create(email: checked.email, displayName: checked.displayName,
                                                    passwordHash: try await accounts.hash(password), isSuperadmin: true)
            }
            let member = try await MemberWrites(database: database, accounts: accounts).add(.commandLine(organisationID: organisation.id), input)
            return "Account \(member.user.email) is lid van \(organisation.name) (\(member.role.rawValue))."
        }
        let email = try accounts.validate(.init(email: rawEmail, displayName: name, password: password, passwordConfirmation: password))
        let isFirst = try await accounts.users.count() == 0
        let user: User
        if let existing = try await accounts.users.user(email: email) {
            user = existing
        } else {
            user = try await accounts.users.create(email: email, displayName: name, passwordHash: try await accounts.hash(password),
                                                   isSuperadmin: superadmin || isFirst)
        }
        _ = try await organisations.create(name: organisationName, slug: slug, administratorID: user.id)
        return "Account \(email) is lid van \(organisationName) (administrator)."
    }

    /// A one-line description of a failure for the terminal.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let error as SamenError: return error.description
        case let errors as ValidationErrors: return errors.errors.map(\.description).joined(separator: "; ")
        default: return "\(error)"
        }
    }
}
