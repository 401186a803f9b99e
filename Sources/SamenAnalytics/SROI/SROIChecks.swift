import Foundation

/// A value in an impact map that cannot be computed with: which row (nil for the map),
/// which column (the CSV template's names) and a stable code.
public struct SROIInputProblem: Sendable, Equatable, Error {
    public let row: Int?
    public let column: String
    /// `percentage_out_of_range`, `negative`, `duration_out_of_range`, `discount_rate_out_of_range`,
    /// `range_out_of_order`, `inputs_not_positive`, `no_rows`, `not_a_number`, `missing_column`,
    /// `unknown_column`, `start_invalid`, `required`, `csv_syntax`.
    public let code: String
    public init(row: Int?, column: String, code: String) {
        self.row = row
        self.column = column
        self.code = code
    }
}

/// Something a reader of the result should be warned about (domain.md §6: never over-claim).
public struct SROIWarning: Sendable, Equatable {
    /// `ratio_above_ten`, `large_row_weak_evidence`, `deflators_at_zero`,
    /// `long_duration_without_reason`, `no_ranges`.
    public let code: String
    /// The row concerned; nil for the map as a whole.
    public let row: Int?
    /// For `deflators_at_zero`: which were left at zero.
    public let assumptions: [SROIAssumption]
}

public enum SROIChecks {
    /// A row carrying at least this share of the present value counts as large.
    public static let largeRowShare = 0.25
    /// A duration over this many years needs a stated reason.
    public static let durationNeedingReason = 5.0
    /// A ratio above this deserves a warning, not applause.
    public static let ratioWarningThreshold = 10.0

    public static func column(_ assumption: SROIAssumption) -> String { assumption.rawValue }

    /// Every problem in the map; empty when it can be computed.
    public static func problems(_ map: SROIImpactMap) -> [SROIInputProblem] {
        var problems: [SROIInputProblem] = []
        if map.rows.isEmpty { problems.append(SROIInputProblem(row: nil, column: "rows", code: "no_rows")) }
        if !(map.inputs > 0) || !map.inputs.isFinite {
            problems.append(SROIInputProblem(row: nil, column: "inputs", code: "inputs_not_positive"))
        }
        if case .constant(let percent) = map.discountRate, !SROIImpactMap.discountRateRange.contains(percent) {
            problems.append(SROIInputProblem(row: nil, column: "discount_rate", code: "discount_rate_out_of_range"))
        }
        for (index, row) in map.rows.enumerated() {
            for assumption in SROIAssumption.allCases {
                let values = [row[assumption]] + (row.ranges[assumption].map { [$0.low, $0.high] } ?? [])
                if let code = values.lazy.compactMap({ problem(assumption, $0) }).first {
                    problems.append(SROIInputProblem(row: index, column: column(assumption), code: code))
                } else if let range = row.ranges[assumption],
                          !(range.low <= row[assumption] && row[assumption] <= range.high) {
                    problems.append(SROIInputProblem(row: index, column: column(assumption), code: "range_out_of_order"))
                }
            }
        }
        return problems
    }

    static func problem(_ assumption: SROIAssumption, _ value: Double) -> String? {
        guard value.isFinite else { return "not_a_number" }
        switch assumption {
        case .quantity, .proxy: return value < 0 ? "negative" : nil
        case .duration: return value > 0 && value <= SROIImpactMap.maximumDuration ? nil : "duration_out_of_range"
        case .deadweight, .displacement, .attribution, .dropOff:
            return (0...100).contains(value) ? nil : "percentage_out_of_range"
        }
    }

    public static func warnings(_ map: SROIImpactMap, result: SROIResult) -> [SROIWarning] {
        var warnings: [SROIWarning] = []
        if result.ratio > ratioWarningThreshold {
            warnings.append(SROIWarning(code: "ratio_above_ten", row: nil, assumptions: []))
        }
        if map.rows.allSatisfy({ $0.ranges.isEmpty }) {
            warnings.append(SROIWarning(code: "no_ranges", row: nil, assumptions: []))
        }
        for (index, row) in map.rows.enumerated() {
            let share = result.totalPresentValue > 0 ? result.presentValueByRow[index] / result.totalPresentValue : 0
            if row.hasWeakEvidence && share >= largeRowShare {
                warnings.append(SROIWarning(code: "large_row_weak_evidence", row: index, assumptions: []))
            }
            var zero = SROIAssumption.deflators.filter { row[$0] == 0 }
            if row.duration > 1 && row.dropOff == 0 { zero.append(.dropOff) }
            if !zero.isEmpty { warnings.append(SROIWarning(code: "deflators_at_zero", row: index, assumptions: zero)) }
            if row.duration > durationNeedingReason
                && row.durationReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                warnings.append(SROIWarning(code: "long_duration_without_reason", row: index, assumptions: []))
            }
        }
        return warnings
    }
}

/// Everything the SROI page, the report and `samen sroi` show: the result, the three kinds
/// of sensitivity and the warnings.
public struct SROIAnalysis: Sendable {
    public let map: SROIImpactMap
    public let result: SROIResult
    public let oneAtATime: [SROIOneAtATime]
    public let switchingValues: [SROISwitchingValue]
    public let monteCarlo: SROIMonteCarloResult
    public let warnings: [SROIWarning]
    public let discountRange: SROIRange

    /// Throws the first problems found (all of them) when the map cannot be computed.
    public init(_ map: SROIImpactMap, draws: Int = SROIMonteCarlo.defaultDraws, seed: UInt64 = SROIMonteCarlo.defaultSeed,
                discountRange: SROIRange = SROISensitivity.defaultDiscountRange) throws(SROIInputProblems) {
        let problems = SROIChecks.problems(map)
        guard problems.isEmpty else { throw SROIInputProblems(problems: problems) }
        self.map = map
        self.discountRange = discountRange
        result = SROICalculation.result(map)
        oneAtATime = SROISensitivity.oneAtATime(map, discountRange: discountRange)
        switchingValues = SROISensitivity.switchingValues(map)
        monteCarlo = SROIMonteCarlo.run(map, draws: draws, seed: seed)
        warnings = SROIChecks.warnings(map, result: result)
    }
}

/// All the problems of an impact map at once.
public struct SROIInputProblems: Error, Sendable, Equatable {
    public let problems: [SROIInputProblem]
    public init(problems: [SROIInputProblem]) { self.problems = problems }
}
