import Foundation

/// When in the service's life value arose or was lost (Co-VAL, domain.md §6).
public enum ValueMoment: String, CaseIterable, Sendable, Codable {
    case serviceDesign = "service_design"
    case processDesign = "process_design"
    case customerContact = "customer_contact"
}

/// Who created (or destroyed) the value.
public enum ValueCreator: String, CaseIterable, Sendable, Codable {
    case frontLine = "front_line"
    case manager
    case user
    case influencer
}

/// Why value was destroyed (the seed's causes, and "other").
public enum ValueLossCause: String, CaseIterable, Sendable, Codable {
    case none = ""
    case wrongInteraction = "wrong_interaction"
    case lackOfEmpathy = "lack_of_empathy"
    case inflexibleProcess = "inflexible_process"
    case failingTechnology = "failing_technology"
    case other
}

/// One entry of the value register: who gained or lost what kind of value, when, through
/// whom, and the evidence. A record needs no money figure: SROI is one view on the records
/// that can be valued, never the whole story.
public struct ValueRecord: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var beneficiary: ValueBeneficiary
    public var valueType: ValueType
    public var polarity: ValuePolarity
    public var moment: ValueMoment
    public var creator: ValueCreator
    public var description: String
    /// Only for destroyed value; `.none` for created value.
    public var cause: ValueLossCause
    public var touchpoint: String
    /// The highlight (tagged passage of a story) this record rests on, if any.
    public var highlightID: String?
    /// Further evidence in words: a survey result, an experiment, a source.
    public var evidenceNote: String

    public init(id: String = "", trajectoryID: String, beneficiary: ValueBeneficiary, valueType: ValueType,
                polarity: ValuePolarity, moment: ValueMoment, creator: ValueCreator, description: String,
                cause: ValueLossCause = .none, touchpoint: String = "", highlightID: String? = nil,
                evidenceNote: String = "", version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.beneficiary = beneficiary
        self.valueType = valueType
        self.polarity = polarity
        self.moment = moment
        self.creator = creator
        self.description = description
        self.cause = cause
        self.touchpoint = touchpoint
        self.highlightID = highlightID
        self.evidenceNote = evidenceNote
        self.version = version
    }
}

/// What a person types for a value record; `validated` gives the record or every field error at once.
public struct ValueRecordInput: Sendable, Equatable {
    public var beneficiary = "", valueType = "", polarity = "", moment = "", creator = "", description = "", cause = ""
    public var touchpoint = "", highlightID = "", evidenceNote = ""

    public init() {}

    public init(_ r: ValueRecord) {
        beneficiary = r.beneficiary.rawValue; valueType = r.valueType.rawValue; polarity = r.polarity.rawValue
        moment = r.moment.rawValue; creator = r.creator.rawValue; description = r.description; cause = r.cause.rawValue
        touchpoint = r.touchpoint; highlightID = r.highlightID ?? ""; evidenceNote = r.evidenceNote
    }

    /// A tagged highlight as a record in one step: its tags, its passage as the description,
    /// its touchpoint; the moment is the contact and the creator front-line staff until corrected.
    public init(highlight h: Highlight) {
        beneficiary = h.beneficiary.rawValue; valueType = h.valueType.rawValue; polarity = h.polarity.rawValue
        moment = ValueMoment.customerContact.rawValue; creator = ValueCreator.frontLine.rawValue
        description = h.quote; touchpoint = h.touchpoint; highlightID = h.id
        cause = h.polarity == .destroyed ? ValueLossCause.other.rawValue : ""
    }

    /// The highlight link is checked against the trajectory by the store, in the write's transaction.
    public func validated(trajectoryID: String, current: ValueRecord? = nil) throws -> ValueRecord {
        var errors = TrajectoryRules.required(description, field: "description", max: 5000)
            + TrajectoryRules.optional(touchpoint, field: "touchpoint", max: 200)
            + TrajectoryRules.optional(evidenceNote, field: "evidence_note", max: 5000)
        let beneficiary = ValueBeneficiary(rawValue: beneficiary).flatMap { $0 == .none ? nil : $0 }
        if beneficiary == nil { errors.append(.validation("beneficiary_invalid", field: "beneficiary")) }
        let valueType = ValueType(rawValue: valueType).flatMap { $0 == .none ? nil : $0 }
        if valueType == nil { errors.append(.validation("value_type_invalid", field: "value_type")) }
        let polarity = ValuePolarity(rawValue: polarity).flatMap { $0 == .none ? nil : $0 }
        if polarity == nil { errors.append(.validation("polarity_invalid", field: "polarity")) }
        let moment = ValueMoment(rawValue: moment)
        if moment == nil { errors.append(.validation("value_moment_invalid", field: "moment")) }
        let creator = ValueCreator(rawValue: creator)
        if creator == nil { errors.append(.validation("value_creator_invalid", field: "creator")) }
        var cause = ValueLossCause(rawValue: cause)
        if cause == nil { errors.append(.validation("value_cause_invalid", field: "cause")) }
        if polarity == .destroyed, cause == ValueLossCause.none {
            // A rule between two fields that a schema does not state: a conflict (the API's 409 `rule_conflict`).
            errors.append(SamenError("value_cause_required", kind: .conflict, field: "cause"))
        }
        if polarity == .created { cause = ValueLossCause.none }
        try ValidationErrors.check(errors)
        guard let beneficiary, let valueType, let polarity, let moment, let creator, let cause else {
            throw ValidationErrors(errors)
        }
        let link = highlightID.trimmed
        return ValueRecord(id: current?.id ?? "", trajectoryID: trajectoryID, beneficiary: beneficiary, valueType: valueType,
                           polarity: polarity, moment: moment, creator: creator, description: description.trimmed,
                           cause: cause, touchpoint: touchpoint.trimmed, highlightID: link.isEmpty ? nil : link,
                           evidenceNote: evidenceNote.trimmed, version: current?.version ?? 1)
    }
}

/// The value map: beneficiary × kind, created against destroyed.
public struct ValueMap: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public let beneficiary: ValueBeneficiary
        public let valueType: ValueType
        public let created: Int
        public let destroyed: Int
    }
    public let cells: [Cell]

    public init(_ records: [ValueRecord]) {
        cells = ValueBeneficiary.allCases.filter { $0 != .none }.flatMap { beneficiary in
            ValueType.allCases.filter { $0 != .none }.map { kind in
                let here = records.filter { $0.beneficiary == beneficiary && $0.valueType == kind }
                return Cell(beneficiary: beneficiary, valueType: kind, created: here.filter { $0.polarity == .created }.count,
                            destroyed: here.filter { $0.polarity == .destroyed }.count)
            }
        }
    }

    /// Destroyed value counted by cause and by touchpoint (blank touchpoints as ""), most first.
    public static func losses(_ records: [ValueRecord]) -> (byCause: [(ValueLossCause, Int)], byTouchpoint: [(String, Int)]) {
        let lost = records.filter { $0.polarity == .destroyed }
        let causes = ValueLossCause.allCases.filter { $0 != .none }
            .map { cause in (cause, lost.filter { $0.cause == cause }.count) }.filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
        var touchpoints: [String: Int] = [:]
        for record in lost { touchpoints[record.touchpoint, default: 0] += 1 }
        return (causes, touchpoints.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
extension ValueRecord: Versioned {}
