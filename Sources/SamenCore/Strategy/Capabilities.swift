import Foundation

/// The three kinds of capability an intervention can need (domain.md §7).
public enum CapabilityKind: String, CaseIterable, Codable, Sendable {
    case skill
    case wayOfWorking = "way_of_working"
    case tool
}

/// One entry of an organisation's capability catalogue, with the level the organisation
/// has now (1 hardly present … 5 fully present).
public struct Capability: Sendable, Hashable, Codable, Versioned {
    public static let levels = 1...5

    public var id: String
    public var organisationID: String
    public var name: String
    public var kind: CapabilityKind
    public var description: String
    public var currentLevel: Int
    public var version: Int

    public init(id: String, organisationID: String, name: String, kind: CapabilityKind, description: String, currentLevel: Int, version: Int = 1) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.kind = kind
        self.description = description
        self.currentLevel = currentLevel
        self.version = version
    }
}

/// What one intervention needs of one capability, on the intervention's own horizon.
public struct CapabilityNeed: Sendable, Hashable, Codable, Versioned {
    public var id: String
    public var interventionID: String
    public var capabilityID: String
    public var neededLevel: Int
    public var version: Int

    public init(id: String, interventionID: String, capabilityID: String, neededLevel: Int, version: Int = 1) {
        self.id = id
        self.interventionID = interventionID
        self.capabilityID = capabilityID
        self.neededLevel = neededLevel
        self.version = version
    }
}

enum LevelRule {
    /// A level 1–5 typed as text, or a `level_invalid` error on the field.
    static func level(_ text: String, field: String, errors: inout [SamenError]) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), Capability.levels.contains(value) else {
            errors.append(.validation("level_invalid", field: field))
            return nil
        }
        return value
    }
}

/// What a person types for a capability of the catalogue.
public struct CapabilityInput: Sendable, Equatable {
    public var name = "", kind = "", description = "", currentLevel = ""

    public init() {}

    public init(_ c: Capability) {
        name = c.name; kind = c.kind.rawValue; description = c.description; currentLevel = String(c.currentLevel)
    }

    /// `takenNames` are the names of the organisation's other capabilities (a name is one entry of the catalogue).
    public func validated(organisationID: String, takenNames: [String] = [], current: Capability? = nil) throws -> Capability {
        var errors = TrajectoryRules.required(name, field: "name", max: 160) + TrajectoryRules.optional(description, field: "description", max: 2000)
        let kind = CapabilityKind(rawValue: kind)
        if kind == nil { errors.append(.validation("capability_kind_invalid", field: "kind")) }
        let level = LevelRule.level(currentLevel, field: "current_level", errors: &errors)
        if takenNames.contains(where: { $0.trimmed.lowercased() == name.trimmed.lowercased() }) {
            errors.append(SamenError("capability_name_taken", kind: .conflict, field: "name"))
        }
        try ValidationErrors.check(errors)
        guard let kind, let level else { throw ValidationErrors(errors) }
        return Capability(id: current?.id ?? "", organisationID: organisationID, name: name.trimmed, kind: kind, description: description.trimmed,
                          currentLevel: level, version: current?.version ?? 1)
    }
}

/// What a person types for an intervention's need of a capability.
public struct CapabilityNeedInput: Sendable, Equatable {
    public var capabilityID = "", neededLevel = ""

    public init(capabilityID: String = "", neededLevel: String = "") {
        self.capabilityID = capabilityID
        self.neededLevel = neededLevel
    }

    public init(_ n: CapabilityNeed) {
        capabilityID = n.capabilityID; neededLevel = String(n.neededLevel)
    }

    /// `organisationCapabilities`: the ids of the intervention's organisation's catalogue (a capability
    /// of another organisation is unknown); `alreadyNeeded`: the capabilities the intervention already needs
    /// in its other needs.
    public func validated(interventionID: String, organisationCapabilities: [String], alreadyNeeded: [String],
                          current: CapabilityNeed? = nil) throws -> CapabilityNeed {
        var errors: [SamenError] = []
        let id = capabilityID.trimmed
        if id.isEmpty {
            errors.append(.validation("field_required", field: "capability_id"))
        } else if !organisationCapabilities.contains(id) {
            errors.append(SamenError("capability_unknown", kind: .conflict, field: "capability_id"))
        } else if alreadyNeeded.contains(id) {
            errors.append(SamenError("capability_already_needed", kind: .conflict, field: "capability_id"))
        }
        let level = LevelRule.level(neededLevel, field: "needed_level", errors: &errors)
        try ValidationErrors.check(errors)
        guard let level else { throw ValidationErrors(errors) }
        return CapabilityNeed(id: current?.id ?? "", interventionID: interventionID, capabilityID: id, neededLevel: level,
                              version: current?.version ?? 1)
    }
}

/// Where the organisation falls short, per capability. The shortfall of one need is
/// `max(0, needed − current)`; a capability's shortfall is the sum over the interventions
/// that need it, so a capability that many interventions need a little weighs as much as
/// one that one intervention needs a lot. Ranked by shortfall, then by the number of
/// interventions, then by name.
public struct CapabilityShortfall: Sendable, Equatable {
    public let capability: Capability
    public let interventions: Int
    public let highestNeeded: Int?
    public let shortfall: Int

    public init(capability: Capability, interventions: Int, highestNeeded: Int?, shortfall: Int) {
        self.capability = capability
        self.interventions = interventions
        self.highestNeeded = highestNeeded
        self.shortfall = shortfall
    }

    public static func of(_ need: Int, current: Int) -> Int { max(0, need - current) }

    /// `needs`: the needs of the interventions that still count (the caller leaves stopped ones out).
    public static func ranked(_ capabilities: [Capability], needs: [CapabilityNeed]) -> [CapabilityShortfall] {
        capabilities.map { c in
            let mine = needs.filter { $0.capabilityID == c.id }
            return CapabilityShortfall(capability: c, interventions: Set(mine.map(\.interventionID)).count,
                                       highestNeeded: mine.map(\.neededLevel).max(),
                                       shortfall: mine.reduce(0) { $0 + of($1.neededLevel, current: c.currentLevel) })
        }.sorted {
            ($0.shortfall, $0.interventions, $1.capability.name.lowercased()) > ($1.shortfall, $1.interventions, $0.capability.name.lowercased())
        }
    }
}
