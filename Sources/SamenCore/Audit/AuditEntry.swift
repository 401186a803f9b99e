/// What kind of write an audit entry records.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    case create
    case update
    case delete
    /// Someone read the original (not pseudonymised) text of a story.
    case readOriginal = "read_original"
    /// Someone exported open data (the fields name the parts).
    case export
}

/// One line of the audit trail (AVG accountability): who did what to which record, when.
/// It names the changed fields, never their values, so the trail itself holds no personal data.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: String
    public var organisationID: String
    public var trajectoryID: String?
    public var actorID: String?
    public var actorName: String
    public var at: Int64
    /// The kind of record: `activity`, `participant`, `trajectory`, …
    public var entity: String
    public var entityID: String
    public var action: AuditAction
    public var fields: [String]

    public init(id: String, organisationID: String, trajectoryID: String?, actorID: String?, actorName: String, at: Int64,
                entity: String, entityID: String, action: AuditAction, fields: [String]) {
        self.id = id
        self.organisationID = organisationID
        self.trajectoryID = trajectoryID
        self.actorID = actorID
        self.actorName = actorName
        self.at = at
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.fields = fields
    }
}

/// Which audit entries to show: every criterion is optional; dates are `YYYY-MM-DD`, inclusive.
public struct AuditFilter: Sendable, Equatable {
    public var trajectoryID: String?
    public var actorID: String?
    public var entity: String?
    public var from: String?
    public var to: String?

    public init(trajectoryID: String? = nil, actorID: String? = nil, entity: String? = nil, from: String? = nil, to: String? = nil) {
        self.trajectoryID = trajectoryID
        self.actorID = actorID
        self.entity = entity
        self.from = from
        self.to = to
    }
}

extension AuditEntry {
    /// The names of the fields whose values differ between two versions of a record, sorted.
    public static func changes(before: [String: String], after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
