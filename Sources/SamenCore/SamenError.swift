/// An error the product can explain to a person.
///
/// Every error has a stable `code` (used as the problem+json `code`, as the key of its
/// localised message in the web layer's locale files, and in tests), an optional `field`
/// it concerns (so a form can show the message beside that field), and a `kind` that the
/// web layer maps to an HTTP status. The core never formats messages itself: the
/// translations live in resource files so Dutch and English stay in one place.
public struct SamenError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case validation      // 422: the input breaks a rule
        case notFound        // 404: missing, or not visible to this organisation
        case forbidden       // 403: the role does not allow it
        case unauthenticated // 401: log in first
        case conflict        // 409: clashes with what exists
        case rateLimited     // 429: too many attempts
        case badRequest      // 400: malformed request
        case stale           // 412 in the API, 409 on a page: someone else saved the record first
    }

    public var code: String
    public var kind: Kind
    public var field: String?

    public init(_ code: String, kind: Kind, field: String? = nil) {
        self.code = code
        self.kind = kind
        self.field = field
    }

    public var description: String {
        field.map { "\(code) (\($0))" } ?? code
    }

    public static func validation(_ code: String, field: String) -> SamenError {
        SamenError(code, kind: .validation, field: field)
    }
    public static let notFound = SamenError("not_found", kind: .notFound)
    public static let forbidden = SamenError("forbidden", kind: .forbidden)
    public static let unauthenticated = SamenError("unauthenticated", kind: .unauthenticated)
    public static let rateLimited = SamenError("rate_limited", kind: .rateLimited)
    /// The record changed since the form or the `If-Match` version was read.
    public static let stale = SamenError("stale_version", kind: .stale)
}

/// Several field errors found at once, so a form can show all of them in one go. When every
/// one is a `conflict` (the input is well-formed but clashes with stored records, such as a
/// date outside the trajectory), the API answers 409 rather than 422.
public struct ValidationErrors: Error, Equatable, Sendable {
    public var errors: [SamenError]

    public init(_ errors: [SamenError]) {
        self.errors = errors
    }

    /// The first error for a field, if any.
    public func error(for field: String) -> SamenError? {
        errors.first { $0.field == field }
    }

    /// Throws when there is at least one error.
    public static func check(_ errors: [SamenError]) throws {
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}
