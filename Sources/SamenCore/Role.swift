/// A person's role in one organisation. Roles are ordered: each includes what the
/// roles below it may do.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case viewer
    case member
    case facilitator
    case administrator

    var rank: Int {
        switch self {
        case .viewer: 0
        case .member: 1
        case .facilitator: 2
        case .administrator: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role allows an action.
    public func allows(_ action: Action) -> Bool {
        self >= action.minimumRole
    }
}

/// What a person wants to do inside an organisation. Each route names one action, so
/// the role check is one line and the table below is the single place to read the rules.
public enum Action: String, CaseIterable, Sendable {
    case viewOrganisation
    case viewMembers
    case editContent
    case runTrajectory
    case manageMembers
    case manageOrganisation

    public var minimumRole: Role {
        switch self {
        case .viewOrganisation, .viewMembers: .viewer
        case .editContent: .member
        case .runTrajectory: .facilitator
        case .manageMembers, .manageOrganisation: .administrator
        }
    }
}

extension Role {
    /// Throws `forbidden` unless this role allows the action.
    public func require(_ action: Action) throws {
        guard allows(action) else { throw SamenError.forbidden }
    }
}
