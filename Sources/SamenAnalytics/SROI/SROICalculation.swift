import Foundation

/// The present value of one stakeholder, in total and by year.
public struct SROIStakeholderValue: Sendable, Equatable {
    public let stakeholder: String
    public let presentValue: Double
    /// Discounted value by year; index 0 is year 1.
    public let presentValueByYear: [Double]
}

/// The deterministic SROI of an impact map (domain.md §6).
public struct SROIResult: Sendable, Equatable {
    /// Undiscounted impact by year; index 0 is year 1.
    public let impactByYear: [Double]
    /// Discounted value by year; index 0 is year 1.
    public let presentValueByYear: [Double]
    /// Present value of each row, in the map's order.
    public let presentValueByRow: [Double]
    /// Present value per stakeholder, in the order stakeholders first appear.
    public let stakeholders: [SROIStakeholderValue]
    public let inputs: Double
    public let totalPresentValue: Double
    /// Present value − inputs.
    public let netPresentValue: Double
    /// Present value / inputs.
    public let ratio: Double
    /// (Present value − inputs) / inputs.
    public let netRatio: Double
}

public enum SROICalculation {
    /// One row's impact by year, undiscounted, from the row's first year on (index 0 = its
    /// first year): impact(1) × (1 − drop-off)^(k), the last year counting for its fraction.
    public static func impacts(of row: SROIRow) -> [Double] {
        let first = row.firstYearImpact
        let remaining = 1 - row.dropOff / 100
        let years = Int(row.duration.rounded(.up))
        guard years > 0 else { return [] }
        var values: [Double] = []
        values.reserveCapacity(years)
        var impact = first
        for year in 0..<years {
            let share = min(1, row.duration - Double(year))
            values.append(impact * share)
            impact *= remaining
        }
        return values
    }

    /// Σ_t impact(t) / (1 + r)^t for one row.
    public static func presentValue(of row: SROIRow, discountRate: SROIDiscountRate) -> Double {
        var total = 0.0
        for (offset, impact) in impacts(of: row).enumerated() {
            total += impact * discountRate.factor(year: row.startYear + offset)
        }
        return total
    }

    /// The total present value of the rows (no per-year tables; for the sensitivity loops).
    public static func totalPresentValue(_ rows: [SROIRow], discountRate: SROIDiscountRate) -> Double {
        var total = 0.0
        for row in rows { total += presentValue(of: row, discountRate: discountRate) }
        return total
    }

    public static func result(_ map: SROIImpactMap) -> SROIResult {
        let lastYear = map.rows.map(\.lastYear).max() ?? 0
        var impactByYear = [Double](repeating: 0, count: lastYear)
        var presentByYear = [Double](repeating: 0, count: lastYear)
        var byRow: [Double] = []
        var order: [String] = []
        var byStakeholder: [String: (total: Double, years: [Double])] = [:]
        for row in map.rows {
            var rowTotal = 0.0
            if byStakeholder[row.stakeholder] == nil {
                order.append(row.stakeholder)
                byStakeholder[row.stakeholder] = (0, [Double](repeating: 0, count: lastYear))
            }
            for (offset, impact) in impacts(of: row).enumerated() {
                let year = row.startYear + offset
                let present = impact * map.discountRate.factor(year: year)
                impactByYear[year - 1] += impact
                presentByYear[year - 1] += present
                byStakeholder[row.stakeholder]!.years[year - 1] += present
                rowTotal += present
            }
            byStakeholder[row.stakeholder]!.total += rowTotal
            byRow.append(rowTotal)
        }
        let total = byRow.reduce(0, +)
        return SROIResult(
            impactByYear: impactByYear, presentValueByYear: presentByYear, presentValueByRow: byRow,
            stakeholders: order.map {
                SROIStakeholderValue(stakeholder: $0, presentValue: byStakeholder[$0]!.total,
                                     presentValueByYear: byStakeholder[$0]!.years)
            },
            inputs: map.inputs, totalPresentValue: total, netPresentValue: total - map.inputs,
            ratio: total / map.inputs, netRatio: (total - map.inputs) / map.inputs)
    }
}
