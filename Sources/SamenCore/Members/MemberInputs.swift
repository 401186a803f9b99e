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
            // Needed because no account has this e-mail: a conflict with what is stored (409 in
            // the API), not a malformed request; a name that is too long stays a field rule.
            errors += IdentityRules.checkDisplayName(displayName).map {
                $0.code == "name_required" ? SamenError($0.code, kind: .conflict, field: $0.field) : $0
            }
            if password.isEmpty {
                errors.append(SamenError("password_required_for_new_user", kind: .conflict, field: "password"))
            } else {
                errors += IdentityRules.checkPassword(password)
            }
        }
        try ValidationErrors.check(errors)
        return Checked(email: email, displayName: accountExists ? "" : displayName.trimmed, role: role,
                       password: accountExists ? nil : password)
    }
}
