import Foundation

/// One assumption of an impact-map row that the sensitivity analysis can move.
public enum SROIAssumption: String, CaseIterable, Sendable, Codable {
    case quantity, proxy, duration, deadweight, displacement, attribution
    case dropOff = "drop_off"

    /// The three deflators, applied one after another (multiplied), never added.
    public static let deflators: [SROIAssumption] = [.deadweight, .displacement, .attribution]

    /// True for the assumptions entered as a percentage 0–100.
    public var isPercentage: Bool {
        switch self {
        case .deadweight, .displacement, .attribution, .dropOff: true
        case .quantity, .proxy, .duration: false
        }
    }
}

/// The low and high ends of an assumption's range (a triangular distribution's ends, the
/// row's own value being its mode).
public struct SROIRange: Sendable, Equatable, Codable {
    public var low: Double
    public var high: Double
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// One row of an impact map (one outcome for one stakeholder), as plain numbers.
///
/// Percentages are 0–100. `duration` is in years; a fractional last year counts for its
/// fraction (2.5 years: two full years and half of the third), which also gives the
/// sensitivity analysis a continuous duration to move and draw.
public struct SROIRow: Sendable, Equatable {
    public var stakeholder: String
    public var outcome: String
    public var indicator: String
    public var quantity: Double
    /// Financial proxy: EUR per unit of quantity per year.
    public var proxy: Double
    public var duration: Double
    /// The outcome starts after the activity (in year 2) instead of during it (year 1).
    public var startsAfterActivity: Bool
    public var deadweight: Double
    public var displacement: Double
    public var attribution: Double
    public var dropOff: Double
    /// The ranges given for the sensitivity analysis; an assumption without one stays fixed.
    public var ranges: [SROIAssumption: SROIRange]
    /// Some evidence behind the row's proxy or deflators is weak (or missing).
    public var hasWeakEvidence: Bool
    /// Why a duration over five years is credible; empty when none was given.
    public var durationReason: String

    public init(stakeholder: String, outcome: String, indicator: String = "", quantity: Double, proxy: Double,
                duration: Double, startsAfterActivity: Bool = false, deadweight: Double = 0, displacement: Double = 0,
                attribution: Double = 0, dropOff: Double = 0, ranges: [SROIAssumption: SROIRange] = [:],
                hasWeakEvidence: Bool = false, durationReason: String = "") {
        self.stakeholder = stakeholder
        self.outcome = outcome
        self.indicator = indicator
        self.quantity = quantity
        self.proxy = proxy
        self.duration = duration
        self.startsAfterActivity = startsAfterActivity
        self.deadweight = deadweight
        self.displacement = displacement
        self.attribution = attribution
        self.dropOff = dropOff
        self.ranges = ranges
        self.hasWeakEvidence = hasWeakEvidence
        self.durationReason = durationReason
    }

    public subscript(assumption: SROIAssumption) -> Double {
        get {
            switch assumption {
            case .quantity: quantity
            case .proxy: proxy
            case .duration: duration
            case .deadweight: deadweight
            case .displacement: displacement
            case .attribution: attribution
            case .dropOff: dropOff
            }
        }
        set {
            switch assumption {
            case .quantity: quantity = newValue
            case .proxy: proxy = newValue
            case .duration: duration = newValue
            case .deadweight: deadweight = newValue
            case .displacement: displacement = newValue
            case .attribution: attribution = newValue
            case .dropOff: dropOff = newValue
            }
        }
    }

    /// The year the outcome starts: 1 during the activity, 2 after it.
    public var startYear: Int { startsAfterActivity ? 2 : 1 }

    /// The last calendar year of the analysis this row reaches.
    public var lastYear: Int { startYear + Int(duration.rounded(.up)) - 1 }

    /// impact(year 1) = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution).
    public var firstYearImpact: Double {
        quantity * proxy * (1 - deadweight / 100) * (1 - displacement / 100) * (1 - attribution / 100)
    }
}

/// The discount rate: the HM Treasury Green Book schedule (3.5 % for years 1–30, 3.0 % for
/// years 31–75), which is the default, or one constant rate for every year.
public enum SROIDiscountRate: Sendable, Equatable {
    case greenBook
    case constant(percent: Double)

    /// The rate of years 1–30, in percent (3.5 for the Green Book).
    public var percent: Double {
        switch self {
        case .greenBook: 3.5
        case .constant(let percent): percent
        }
    }

    /// What one euro in year `year` is worth today. Year 0 is 1; year 1 is discounted once.
    /// Green Book: 1/1.035^t up to year 30, then a further 1/1.03 for every year after 30.
    public func factor(year: Int) -> Double {
        switch self {
        case .greenBook:
            if year <= 30 { return 1 / pow(1.035, Double(year)) }
            return 1 / (pow(1.035, 30) * pow(1.03, Double(year - 30)))
        case .constant(let percent):
            return 1 / pow(1 + percent / 100, Double(year))
        }
    }
}

/// An impact map: its rows, the total inputs (EUR) and the discount rate.
public struct SROIImpactMap: Sendable, Equatable {
    public var rows: [SROIRow]
    public var inputs: Double
    public var discountRate: SROIDiscountRate

    public init(rows: [SROIRow], inputs: Double, discountRate: SROIDiscountRate = .greenBook) {
        self.rows = rows
        self.inputs = inputs
        self.discountRate = discountRate
    }

    /// The longest duration allowed, in years.
    public static let maximumDuration = 50.0
    /// The discount rates allowed, in percent.
    public static let discountRateRange = 0.0...20.0
}
