import Foundation

/// Input rules for accounts and organisations. Each check returns the field errors it
/// found, so a form can show every problem at once.
public enum IdentityRules {
    public static let minimumPasswordLength = 10
    /// Characters (Unicode scalars, as JSON Schema counts them); longer ones are pre-hashed for bcrypt.
    public static let maximumPasswordLength = 1_000

    public static func normalisedEmail(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func checkEmail(_ email: String, field: String = "email") -> [SamenError] {
        if email.isEmpty { return [.validation("email_required", field: field)] }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace }) && email.count <= 254
        return valid ? [] : [.validation("email_invalid", field: field)]
    }

    public static func checkPassword(_ password: String, field: String = "password") -> [SamenError] {
        if password.unicodeScalars.count < minimumPasswordLength { return [.validation("password_too_short", field: field)] }
        if password.unicodeScalars.count > maximumPasswordLength { return [.validation("password_too_long", field: field)] }
        return []
    }

    public static func checkDisplayName(_ name: String, field: String = "display_name") -> [SamenError] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("name_required", field: field)] }
        if trimmed.count > 120 { return [.validation("name_too_long", field: field)] }
        return []
    }

    /// A slug names an organisation in URLs: lowercase letters, digits and hyphens, 2–40 long.
    public static func checkSlug(_ slug: String, field: String = "slug") -> [SamenError] {
        if slug.isEmpty { return [.validation("slug_required", field: field)] }
        let allowed = slug.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
        if !allowed || slug.count < 2 || slug.count > 40 || slug.hasPrefix("-") || slug.hasSuffix("-") {
            return [.validation("slug_invalid", field: field)]
        }
        return []
    }

    /// A slug made from a name: "Gemeente Voorbeeld" becomes "gemeente-voorbeeld".
    public static func slug(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        for ch in folded {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") {
                out.append(ch)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(40))
    }

    public static func checkRole(_ raw: String, field: String = "role") -> Result<Role, SamenError> {
        if let role = Role(rawValue: raw) { return .success(role) }
        return .failure(.validation("role_invalid", field: field))
    }

    public static func checkTokenName(_ name: String, field: String = "name") -> [SamenError] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("token_name_required", field: field)] }
        if trimmed.count > 80 { return [.validation("name_too_long", field: field)] }
        return []
    }
}
