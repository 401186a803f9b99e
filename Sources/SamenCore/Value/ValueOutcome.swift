import Foundation

/// Which way an indicator should move for the outcome to be reached.
public enum IndicatorDirection: String, CaseIterable, Sendable, Codable {
    case higher
    case lower
}

/// An outcome an intervention aims at, with its one indicator and baseline (issue 14). The
/// indicator is measured by hand (`ValueMeasurement`s), or it reads a survey dimension's gap:
/// then its measurements are the survey's waves, computed when read, so a new wave shows by itself.
public struct ValueOutcome: Sendable, Equatable, Codable {
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var interventionID: String
    public var outcome: String
    public var indicator: String
    public var unit: String
    public var direction: IndicatorDirection
    public var baselineValue: Double?
    /// `YYYY-MM-DD`, or "" when there is no baseline.
    public var baselineOn: String
    /// The survey whose gap on `dimension` the indicator reads; nil for an indicator measured by hand.
    public var surveyID: String?
    public var dimension: String

    public init(id: String = "", trajectoryID: String, interventionID: String, outcome: String, indicator: String, unit: String = "",
                direction: IndicatorDirection = .higher, baselineValue: Double? = nil, baselineOn: String = "", surveyID: String? = nil,
                dimension: String = "", version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.interventionID = interventionID
        self.outcome = outcome
        self.indicator = indicator
        self.unit = unit
        self.direction = direction
        self.baselineValue = baselineValue
        self.baselineOn = baselineOn
        self.surveyID = surveyID
        self.dimension = dimension
        self.version = version
    }

    /// True when the measurements come from the survey's waves, not from people typing them.
    public var readsSurvey: Bool { surveyID != nil }
}

/// One measurement of an outcome's indicator.
public struct ValueMeasurement: Sendable, Equatable, Codable {
    public var version: Int = 1
    public var id: String
    public var outcomeID: String
    public var trajectoryID: String
    public var value: Double
    public var measuredOn: String
    public var note: String

    public init(id: String = "", outcomeID: String, trajectoryID: String, value: Double, measuredOn: String, note: String = "", version: Int = 1) {
        self.id = id
        self.outcomeID = outcomeID
        self.trajectoryID = trajectoryID
        self.value = value
        self.measuredOn = measuredOn
        self.note = note
        self.version = version
    }
}
extension ValueOutcome: Versioned {}
extension ValueMeasurement: Versioned {}

/// The rules of outcome and measurement numbers, shared by both inputs.
public enum ValueOutcomeRules {
    /// A decimal number as typed: `12.5` or `12,5`, finite, within ±1e12; nil otherwise.
    public static func number(_ text: String) -> Double? {
        let trimmed = text.trimmed
        let normal = trimmed.contains(".") ? trimmed : trimmed.replacingOccurrences(of: ",", with: ".")
        guard let value = Double(normal), value.isFinite, abs(value) <= 1e12 else { return nil }
        return value
    }
}

/// What a person types for an outcome with its indicator and baseline.
public struct ValueOutcomeInput: Sendable, Equatable {
    public var interventionID = "", outcome = "", indicator = "", unit = "", direction = "higher"
    public var baselineValue = "", baselineOn = "", surveyID = "", dimension = ""

    public init() {}

    public init(_ o: ValueOutcome) {
        interventionID = o.interventionID; outcome = o.outcome; indicator = o.indicator; unit = o.unit; direction = o.direction.rawValue
        baselineValue = o.baselineValue.map(Self.text) ?? ""; baselineOn = o.baselineOn; surveyID = o.surveyID ?? ""; dimension = o.dimension
    }

    /// A number as the form shows it again: whole numbers without a decimal point.
    public static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The links (intervention, survey) are checked against the trajectory by the store, in the write's transaction.
    public func validated(trajectoryID: String, dimensions: [String], current: ValueOutcome? = nil) throws -> ValueOutcome {
        var errors = TrajectoryRules.required(outcome, field: "outcome", max: 2000)
            + TrajectoryRules.required(indicator, field: "indicator", max: 200)
            + TrajectoryRules.optional(unit, field: "unit", max: 40)
            + TrajectoryRules.date(baselineOn.trimmed, field: "baseline_on", required: false)
        if interventionID.trimmed.isEmpty { errors.append(.validation("field_required", field: "intervention_id")) }
        let direction = IndicatorDirection(rawValue: direction)
        if direction == nil { errors.append(.validation("indicator_direction_invalid", field: "direction")) }
        var baseline: Double?
        if !baselineValue.trimmed.isEmpty {
            baseline = ValueOutcomeRules.number(baselineValue)
            if baseline == nil { errors.append(.validation("number_invalid", field: "baseline_value")) }
        }
        // A baseline is a value at a date: both or neither (a rule between fields, so a conflict).
        if baselineValue.trimmed.isEmpty != baselineOn.trimmed.isEmpty {
            let field = baselineValue.trimmed.isEmpty ? "baseline_value" : "baseline_on"
            errors.append(SamenError("baseline_incomplete", kind: .conflict, field: field))
        }
        let survey = surveyID.trimmed, code = dimension.trimmed
        if !code.isEmpty, !dimensions.contains(code) { errors.append(.validation("dimension_invalid", field: "dimension")) }
        if survey.isEmpty != code.isEmpty {
            errors.append(SamenError("indicator_survey_incomplete", kind: .conflict, field: survey.isEmpty ? "survey_id" : "dimension"))
        }
        try ValidationErrors.check(errors)
        guard let direction else { throw ValidationErrors(errors) }
        return ValueOutcome(id: current?.id ?? "", trajectoryID: trajectoryID, interventionID: interventionID.trimmed, outcome: outcome.trimmed,
                            indicator: indicator.trimmed, unit: unit.trimmed, direction: direction, baselineValue: baseline,
                            baselineOn: baselineOn.trimmed, surveyID: survey.isEmpty ? nil : survey, dimension: code,
                            version: current?.version ?? 1)
    }
}

/// What a person types for one measurement.
public struct ValueMeasurementInput: Sendable, Equatable {
    public var value = "", measuredOn = "", note = ""

    public init() {}

    public init(value: String, measuredOn: String, note: String = "") {
        self.value = value
        self.measuredOn = measuredOn
        self.note = note
    }

    public init(_ m: ValueMeasurement) {
        value = ValueOutcomeInput.text(m.value); measuredOn = m.measuredOn; note = m.note
    }

    /// An indicator that reads the survey takes no measurements by hand (a conflict with the stored outcome).
    public func validated(outcome: ValueOutcome, current: ValueMeasurement? = nil) throws -> ValueMeasurement {
        var errors = TrajectoryRules.date(measuredOn.trimmed, field: "measured_on") + TrajectoryRules.optional(note, field: "note", max: 2000)
        let number = ValueOutcomeRules.number(value)
        if value.trimmed.isEmpty {
            errors.append(.validation("field_required", field: "value"))
        } else if number == nil {
            errors.append(.validation("number_invalid", field: "value"))
        }
        if outcome.readsSurvey { errors.append(SamenError("measurement_survey_linked", kind: .conflict, field: "value")) }
        try ValidationErrors.check(errors)
        guard let number else { throw ValidationErrors(errors) }
        return ValueMeasurement(id: current?.id ?? "", outcomeID: outcome.id, trajectoryID: outcome.trajectoryID, value: number,
                                measuredOn: measuredOn.trimmed, note: note.trimmed, version: current?.version ?? 1)
    }
}
