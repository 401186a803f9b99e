/// What a person (form, API or command line) sends to add someone to an organisation, as
/// plain text before any check. One rule set for every door: the e-mail and the role always;
/// a display name and a password only when the e-mail has no account yet (an existing
/// account keeps its own name and password, and what was sent for them is not used).
public struct MemberInput: Sendable, Equatable {
    public var email = "", displayName = "", role = Role.member.rawValue, password = ""

    public init(email: String = "", displayName: String = "", role: String = Role.member.rawValue, password: String = "") {
        self.email = email
        self.displayName = displayName
        self.role = role
        self.password = password
    }

    /// The checked values; `password` is nil for an existing account.
    public struct Checked: Sendable, Equatable {
        public var email: String
        public var displayName: String
        public var role: Role
        public var password: String?
    }

    public var normalisedEmail: String { IdentityRules.normalisedEmail(email) }

    public func validated(accountExists: Bool) throws -> Checked {
        let email = normalisedEmail
        var errors = IdentityRules.checkEmail(email)
        var role = Role.member
        switch IdentityRules.checkRole(self.role) {
        case .success(let chosen): role = chosen
        case .failure(let error): errors.append(error)
        }
        if !accountExists {
            errors += IdentityRules.checkDisplayName(displayName)
            if password.isEmpty {
                errors.append(.validation("password_required_for_new_user", field: "password"))
            } else {
                errors += IdentityRules.checkPassword(password)
            }
        }
        try ValidationErrors.check(errors)
        return Checked(email: email, displayName: accountExists ? "" : displayName.trimmed, role: role,
                       password: accountExists ? nil : password)
    }
}
