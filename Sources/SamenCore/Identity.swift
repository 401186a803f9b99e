/// An organisation: a municipality, a welfare or care service. Its data is never visible
/// to another organisation on the same installation.
public struct Organisation: Sendable, Equatable, Codable {
    public var id: String
    public var slug: String
    public var name: String
    public var createdAt: Int64

    public init(id: String, slug: String, name: String, createdAt: Int64) {
        self.id = id
        self.slug = slug
        self.name = name
        self.createdAt = createdAt
    }
}

/// A person with an account. Citizens never need one; they take part through links.
public struct User: Sendable, Equatable, Codable {
    public var id: String
    public var email: String
    public var displayName: String
    public var isSuperadmin: Bool
    public var locale: AppLocale
    public var createdAt: Int64

    public init(id: String, email: String, displayName: String, isSuperadmin: Bool, locale: AppLocale, createdAt: Int64) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.isSuperadmin = isSuperadmin
        self.locale = locale
        self.createdAt = createdAt
    }
}

/// A person's role in one organisation.
public struct Membership: Sendable, Equatable, Codable {
    public var organisation: Organisation
    public var role: Role

    public init(organisation: Organisation, role: Role) {
        self.organisation = organisation
        self.role = role
    }
}

/// A member as listed inside an organisation.
public struct Member: Sendable, Equatable, Codable {
    public var user: User
    public var role: Role
    public var since: Int64
    /// The membership's row version (optimistic concurrency).
    public var version: Int

    public init(user: User, role: Role, since: Int64, version: Int = 1) {
        self.user = user
        self.role = role
        self.since = since
        self.version = version
    }
}

/// A personal API token as listed to its owner. The secret itself is shown once, at creation.
public struct APIToken: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var prefix: String
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var revokedAt: Int64?

    public init(id: String, name: String, prefix: String, createdAt: Int64, lastUsedAt: Int64?, revokedAt: Int64?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}

/// The languages the product speaks. Dutch first.
public enum AppLocale: String, CaseIterable, Sendable, Codable {
    case nl
    case en

    public static let `default` = AppLocale.nl

    /// The best supported locale for an HTTP Accept-Language value, or nil.
    public static func fromAcceptLanguage(_ header: String) -> AppLocale? {
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            if let locale = AppLocale(rawValue: primary) { return locale }
        }
        return nil
    }
}
