/// Who performs a write, in which organisation and with which role. Every use-case takes
/// one, checks the role itself and names the person in the audit trail, so the web form,
/// the API and the command line cannot apply different rules.
public struct WriteActor: Sendable, Equatable {
    public var organisationID: String
    /// The user's id; nil for the command line and for system jobs.
    public var userID: String?
    public var displayName: String
    public var role: Role

    public init(organisationID: String, userID: String?, displayName: String, role: Role) {
        self.organisationID = organisationID
        self.userID = userID
        self.displayName = displayName
        self.role = role
    }

    /// The command line acts with full rights inside one organisation.
    public static func commandLine(organisationID: String) -> WriteActor {
        WriteActor(organisationID: organisationID, userID: nil, displayName: "samen (command line)", role: .administrator)
    }

    public func require(_ action: Action) throws { try role.require(action) }
}

/// What a delete takes with it, shown on the confirmation page before anything goes:
/// a locale key per kind of record with the count ("3 participation records").
public struct DeletionImpact: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var key: String
        public var count: Int
        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }
    public var items: [Item]

    public init(_ items: [Item]) {
        self.items = items.filter { $0.count > 0 }
    }

    public var isEmpty: Bool { items.isEmpty }
}

/// A record that carries a row version for optimistic concurrency.
public protocol Versioned {
    var version: Int { get set }
}

extension Trajectory: Versioned {}
extension Activity: Versioned {}
extension Stakeholder: Versioned {}
extension Participant: Versioned {}
extension Participation: Versioned {}
extension Decision: Versioned {}
