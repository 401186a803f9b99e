import Foundation

/// What the sensitivity analysis moves: one assumption of one row, or the discount rate.
public struct SROISensitivityTarget: Sendable, Equatable, Hashable {
    /// The row's index in the map; nil for the discount rate.
    public let row: Int?
    /// The row's assumption; nil for the discount rate.
    public let assumption: SROIAssumption?

    public static let discountRate = SROISensitivityTarget(row: nil, assumption: nil)
    public init(row: Int?, assumption: SROIAssumption?) {
        self.row = row
        self.assumption = assumption
    }
}

/// One bar of the tornado chart: the ratio with one assumption at its low and its high value.
public struct SROIOneAtATime: Sendable, Equatable {
    public let target: SROISensitivityTarget
    public let value: Double
    public let low: Double
    public let high: Double
    public let ratioAtLow: Double
    public let ratioAtHigh: Double
    /// |ratio at high − ratio at low|, the bar's length.
    public var swing: Double { abs(ratioAtHigh - ratioAtLow) }
}

/// The value of one assumption at which the ratio is exactly 1 (break-even), all else kept;
/// nil when no value in the assumption's allowed range gets there.
public struct SROISwitchingValue: Sendable, Equatable {
    public let target: SROISensitivityTarget
    public let value: Double
    public let switchingValue: Double?
}

public enum SROISensitivity {
    /// The discount rates (percent) the one-at-a-time analysis uses when none are given.
    public static let defaultDiscountRange = SROIRange(low: 1.5, high: 5.5)

    /// Every assumption that has a range, plus the discount rate, each moved to its low and
    /// high value with the rest kept; sorted by swing, largest first (ties in map order).
    public static func oneAtATime(_ map: SROIImpactMap,
                                  discountRange: SROIRange = defaultDiscountRange) -> [SROIOneAtATime] {
        var entries: [SROIOneAtATime] = []
        for (index, row) in map.rows.enumerated() {
            for assumption in SROIAssumption.allCases {
                guard let range = row.ranges[assumption] else { continue }
                entries.append(SROIOneAtATime(
                    target: SROISensitivityTarget(row: index, assumption: assumption), value: row[assumption],
                    low: range.low, high: range.high,
                    ratioAtLow: ratio(map, row: index, assumption: assumption, value: range.low),
                    ratioAtHigh: ratio(map, row: index, assumption: assumption, value: range.high)))
            }
        }
        entries.append(SROIOneAtATime(
            target: .discountRate, value: map.discountRate.percent, low: discountRange.low, high: discountRange.high,
            ratioAtLow: ratio(map.rows, inputs: map.inputs, rate: .constant(percent: discountRange.low)),
            ratioAtHigh: ratio(map.rows, inputs: map.inputs, rate: .constant(percent: discountRange.high))))
        return entries.enumerated().sorted {
            $0.element.swing != $1.element.swing ? $0.element.swing > $1.element.swing : $0.offset < $1.offset
        }.map(\.element)
    }

    /// For every row and assumption, then the discount rate, the value at which the ratio is 1.
    ///
    /// Quantity, proxy and the three deflators enter the row's present value linearly, so
    /// their switching values are closed forms; duration is piecewise linear (a fractional
    /// last year counts for its fraction), also solved exactly; drop-off and the discount
    /// rate are found by bisection on their allowed ranges (0–100 %, 0–20 %).
    public static func switchingValues(_ map: SROIImpactMap) -> [SROISwitchingValue] {
        var values: [SROISwitchingValue] = []
        for (index, row) in map.rows.enumerated() {
            var others = map.rows
            others.remove(at: index)
            let needed = map.inputs - SROICalculation.totalPresentValue(others, discountRate: map.discountRate)
            for assumption in SROIAssumption.allCases {
                values.append(SROISwitchingValue(
                    target: SROISensitivityTarget(row: index, assumption: assumption), value: row[assumption],
                    switchingValue: switchingValue(row, assumption, needed: needed, rate: map.discountRate)))
            }
        }
        let range = SROIImpactMap.discountRateRange
        let rate = bisect(range.lowerBound, range.upperBound) {
            SROICalculation.totalPresentValue(map.rows, discountRate: .constant(percent: $0)) - map.inputs
        }
        values.append(SROISwitchingValue(target: .discountRate, value: map.discountRate.percent, switchingValue: rate))
        return values
    }

    static func switchingValue(_ row: SROIRow, _ assumption: SROIAssumption, needed: Double,
                               rate: SROIDiscountRate) -> Double? {
        func present(_ value: Double) -> Double {
            var moved = row
            moved[assumption] = value
            return SROICalculation.presentValue(of: moved, discountRate: rate)
        }
        switch assumption {
        case .quantity, .proxy:
            let perUnit = present(1)
            guard perUnit > 0 else { return nil }
            let value = needed / perUnit
            return value >= 0 ? value : nil
        case .deadweight, .displacement, .attribution:
            let full = present(0)
            guard full > 0 else { return nil }
            let value = 100 * (1 - needed / full)
            return (0...100).contains(value) ? value : nil
        case .duration:
            return breakEvenDuration(row, needed: needed, rate: rate)
        case .dropOff:
            return bisect(0, 100) { present($0) - needed }
        }
    }

    /// The duration whose present value is `needed`: walk the years, then the fraction of the last.
    static func breakEvenDuration(_ row: SROIRow, needed: Double, rate: SROIDiscountRate) -> Double? {
        guard needed > 0 else { return nil }
        var whole = row
        whole.duration = SROIImpactMap.maximumDuration
        var cumulative = 0.0
        for (offset, impact) in SROICalculation.impacts(of: whole).enumerated() {
            let present = impact * rate.factor(year: whole.startYear + offset)
            if present > 0, cumulative + present >= needed {
                return Double(offset) + (needed - cumulative) / present
            }
            cumulative += present
        }
        return nil
    }

    /// The root of a monotone `f` on [lower, upper], or nil when f has the same sign at both ends.
    static func bisect(_ lower: Double, _ upper: Double, _ f: (Double) -> Double) -> Double? {
        var low = lower, high = upper
        var atLow = f(low)
        let atHigh = f(high)
        if atLow == 0 { return low }
        if atHigh == 0 { return high }
        guard (atLow < 0) != (atHigh < 0) else { return nil }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            guard mid > low, mid < high else { break }
            let atMid = f(mid)
            if atMid == 0 { return mid }
            if (atMid < 0) == (atLow < 0) {
                low = mid
                atLow = atMid
            } else {
                high = mid
            }
        }
        return (low + high) / 2
    }

    static func ratio(_ map: SROIImpactMap, row: Int, assumption: SROIAssumption, value: Double) -> Double {
        var rows = map.rows
        rows[row][assumption] = value
        return ratio(rows, inputs: map.inputs, rate: map.discountRate)
    }

    static func ratio(_ rows: [SROIRow], inputs: Double, rate: SROIDiscountRate) -> Double {
        SROICalculation.totalPresentValue(rows, discountRate: rate) / inputs
    }
}
