import SamenCore
import SamenStore

/// The library side of `samen user add`.
public enum AccountCommands {
    public static func addUser(database: Database, configuration: SamenConfiguration, email rawEmail: String, name: String,
                               password: String, organisationName: String, role rawRole: String, superadmin: Bool) async throws -> String {
        let accounts = AccountService(database: database, configuration: configuration)
        let email = try accounts.validate(.init(email: rawEmail, displayName: name, password: password, passwordConfirmation: password))
        let role = try IdentityRules.checkRole(rawRole).get()
        let organisations = OrganisationStore(database: database)
        let slug = IdentityRules.slug(from: organisationName)
        try ValidationErrors.check(IdentityRules.checkSlug(slug, field: "organisation"))
        let hash = try await accounts.hash(password)
        let isFirst = try await accounts.users.count() == 0
        let user: User
        if let existing = try await accounts.users.user(email: email) {
            user = existing
        } else {
            user = try await accounts.users.create(email: email, displayName: name, passwordHash: hash,
                                                   isSuperadmin: superadmin || isFirst)
        }
        if let organisation = try await organisations.all().first(where: { $0.slug == slug }) {
            _ = try await organisations.addMember(organisationID: organisation.id, email: email, displayName: name,
                                                  passwordHash: nil, role: role)
        } else {
            _ = try await organisations.create(name: organisationName, slug: slug, administratorID: user.id)
        }
        return "Account \(email) is lid van \(organisationName) (\(role.rawValue))."
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
