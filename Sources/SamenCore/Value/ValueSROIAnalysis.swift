import Foundation

/// A stored SROI analysis of a trajectory (issue 14, domain.md §6): the guide's stage 1
/// (scope and stakeholders), the figures the calculation needs beside the impact map, and
/// the impact map itself in the CSV template `samen sroi` reads. Optionally tied to one
/// intervention of the trajectory's portfolio. The map's rows are checked by the web
/// layer's use-case (the CSV reader lives in SamenAnalytics), on every write.
public struct ValueSROIAnalysis: Sendable, Equatable, Codable {
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var interventionID: String?
    public var title: String
    /// Stage 1: what the analysis is about and what it leaves out, and the period it covers.
    public var scopeIn: String
    public var scopeOut: String
    public var period: String
    /// Stage 1: who is involved, and how they were heard.
    public var stakeholders: String
    public var engagement: String
    /// Total inputs (the investment) in EUR.
    public var inputs: Double
    /// Percent, 0–20.
    public var discountRate: Double
    public var draws: Int
    public var seed: Int
    /// The impact map in the CSV template.
    public var impactMap: String

    public init(id: String = "", trajectoryID: String, interventionID: String? = nil, title: String, scopeIn: String = "",
                scopeOut: String = "", period: String = "", stakeholders: String = "", engagement: String = "", inputs: Double,
                discountRate: Double = ValueSROIRules.defaultDiscountRate, draws: Int = ValueSROIRules.minimumDraws,
                seed: Int = ValueSROIRules.defaultSeed, impactMap: String, version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.interventionID = interventionID
        self.title = title
        self.scopeIn = scopeIn
        self.scopeOut = scopeOut
        self.period = period
        self.stakeholders = stakeholders
        self.engagement = engagement
        self.inputs = inputs
        self.discountRate = discountRate
        self.draws = draws
        self.seed = seed
        self.impactMap = impactMap
        self.version = version
    }
}
extension ValueSROIAnalysis: Versioned {}

/// The rules of an analysis's numbers (domain.md §6: 3.5 % by default, 0–20 %; at least 10,000 draws).
public enum ValueSROIRules {
    public static let defaultDiscountRate = 3.5
    public static let discountRateRange = 0.0...20.0
    public static let minimumDraws = 10_000
    /// An upper bound so one page view cannot ask for minutes of Monte Carlo.
    public static let maximumDraws = 200_000
    public static let defaultSeed = 2026
    /// One cent: smaller inputs make the ratio overflow to infinity.
    public static let minimumInputs = 0.01
    /// The stored CSV text; a map of a few hundred rows fits easily.
    public static let maximumMapLength = 200_000
}

/// What a person types for an analysis (every number as text, so a form can show it again).
public struct ValueSROIAnalysisInput: Sendable, Equatable {
    public var interventionID = "", title = "", scopeIn = "", scopeOut = "", period = "", stakeholders = "", engagement = ""
    public var inputs = "", discountRate = "", draws = "", seed = "", impactMap = ""

    public init() {}

    public init(_ a: ValueSROIAnalysis) {
        interventionID = a.interventionID ?? ""; title = a.title; scopeIn = a.scopeIn; scopeOut = a.scopeOut; period = a.period
        stakeholders = a.stakeholders; engagement = a.engagement; inputs = ValueOutcomeInput.text(a.inputs)
        discountRate = ValueOutcomeInput.text(a.discountRate); draws = String(a.draws); seed = String(a.seed); impactMap = a.impactMap
    }

    /// The scalar rules; the impact map's rows are checked by the caller with the CSV reader.
    /// The intervention is checked against the trajectory by the store, in the write's transaction.
    public func validated(trajectoryID: String, current: ValueSROIAnalysis? = nil) throws -> ValueSROIAnalysis {
        var errors = TrajectoryRules.required(title, field: "title", max: 200)
        for (text, field) in [(scopeIn, "scope_in"), (scopeOut, "scope_out"), (stakeholders, "stakeholders"), (engagement, "engagement")] {
            errors += TrajectoryRules.optional(text, field: field, max: 4000)
        }
        errors += TrajectoryRules.optional(period, field: "period", max: 200)
        let total = ValueOutcomeRules.number(inputs)
        if inputs.trimmed.isEmpty {
            errors.append(.validation("field_required", field: "inputs"))
        } else if total == nil || !(total! >= ValueSROIRules.minimumInputs) {
            errors.append(.validation("sroi_inputs_invalid", field: "inputs"))
        }
        var rate = ValueSROIRules.defaultDiscountRate
        if !discountRate.trimmed.isEmpty {
            if let typed = ValueOutcomeRules.number(discountRate), ValueSROIRules.discountRateRange.contains(typed) {
                rate = typed
            } else {
                errors.append(.validation("discount_rate_out_of_range", field: "discount_rate"))
            }
        }
        var drawCount = ValueSROIRules.minimumDraws
        if !draws.trimmed.isEmpty {
            if let typed = Int(draws.trimmed), (ValueSROIRules.minimumDraws...ValueSROIRules.maximumDraws).contains(typed) {
                drawCount = typed
            } else {
                errors.append(.validation("sroi_draws_invalid", field: "draws"))
            }
        }
        var seedValue = ValueSROIRules.defaultSeed
        if !seed.trimmed.isEmpty {
            if let typed = Int(seed.trimmed), typed >= 0, typed <= Int(Int32.max) {
                seedValue = typed
            } else {
                errors.append(.validation("sroi_seed_invalid", field: "seed"))
            }
        }
        if impactMap.trimmed.isEmpty {
            errors.append(.validation("field_required", field: "impact_map"))
        } else if impactMap.count > ValueSROIRules.maximumMapLength {
            errors.append(.validation("field_too_long", field: "impact_map"))
        }
        try ValidationErrors.check(errors)
        return ValueSROIAnalysis(id: current?.id ?? "", trajectoryID: trajectoryID,
                                 interventionID: interventionID.trimmed.isEmpty ? nil : interventionID.trimmed, title: title.trimmed,
                                 scopeIn: scopeIn.trimmed, scopeOut: scopeOut.trimmed, period: period.trimmed,
                                 stakeholders: stakeholders.trimmed, engagement: engagement.trimmed, inputs: total ?? 0,
                                 discountRate: rate, draws: drawCount, seed: seedValue, impactMap: impactMap,
                                 version: current?.version ?? 1)
    }
}
