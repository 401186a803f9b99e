import Foundation

/// The documented JSON of `samen sroi --json` (docs/value.md): snake_case keys, rows numbered
/// from 1 as in the CSV, `assumption` one of the CSV column names or `discount_rate`, a
/// switching value `null` when no allowed value brings the ratio to 1.
public struct SROIReportJSON: Encodable, Sendable {
    /// An optional that is always written: `null` when absent (the synthesised coding omits nil).
    struct Null<Wrapped: Encodable & Sendable>: Encodable, Sendable {
        let value: Wrapped?
        init(_ value: Wrapped?) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        }
    }
    struct DiscountRate: Encodable, Sendable {
        let percent: Double
        let schedule: String
        let sensitivityLow: Double
        let sensitivityHigh: Double
    }
    struct Stakeholder: Encodable, Sendable {
        let stakeholder: String
        let presentValue: Double
        let presentValueByYear: [Double]
    }
    struct OneAtATime: Encodable, Sendable {
        let row: Null<Int>
        let stakeholder: Null<String>
        let outcome: Null<String>
        let assumption: String
        let value, low, high, ratioAtLow, ratioAtHigh: Double

    }
    struct Switching: Encodable, Sendable {
        let row: Null<Int>
        let stakeholder: Null<String>
        let outcome: Null<String>
        let assumption: String
        let value: Double
        let switchingValue: Null<Double>

    }
    struct Bin: Encodable, Sendable { let lower, upper: Double; let count: Int }
    struct MonteCarlo: Encodable, Sendable {
        let draws: Int
        let seed: UInt64
        let p5, p50, p95, mean, probabilityAboveOne: Double
        let histogram: [Bin]
    }
    struct Warning: Encodable, Sendable {
        let code: String
        let row: Null<Int>
        let assumptions: [String]
    }

    let inputs: Double
    let discountRate: DiscountRate
    let impactByYear: [Double]
    let presentValueByYear: [Double]
    let presentValueByRow: [Double]
    let presentValueByStakeholder: [Stakeholder]
    let totalPresentValue, netPresentValue, ratio, netRatio: Double
    let oneAtATime: [OneAtATime]
    let switchingValues: [Switching]
    let monteCarlo: MonteCarlo
    let warnings: [Warning]

    public init(_ analysis: SROIAnalysis) {
        let map = analysis.map, result = analysis.result
        func describe(_ target: SROISensitivityTarget) -> (Null<Int>, Null<String>, Null<String>, String) {
            guard let row = target.row, let assumption = target.assumption else {
                return (Null(nil), Null(nil), Null(nil), "discount_rate")
            }
            return (Null(row + 1), Null(map.rows[row].stakeholder), Null(map.rows[row].outcome), assumption.rawValue)
        }
        inputs = map.inputs
        discountRate = DiscountRate(percent: map.discountRate.percent,
                                    schedule: map.discountRate == .greenBook ? "green_book" : "constant",
                                    sensitivityLow: analysis.discountRange.low, sensitivityHigh: analysis.discountRange.high)
        impactByYear = result.impactByYear
        presentValueByYear = result.presentValueByYear
        presentValueByRow = result.presentValueByRow
        presentValueByStakeholder = result.stakeholders.map {
            Stakeholder(stakeholder: $0.stakeholder, presentValue: $0.presentValue, presentValueByYear: $0.presentValueByYear)
        }
        totalPresentValue = result.totalPresentValue
        netPresentValue = result.netPresentValue
        ratio = result.ratio
        netRatio = result.netRatio
        oneAtATime = analysis.oneAtATime.map {
            let (row, stakeholder, outcome, name) = describe($0.target)
            return OneAtATime(row: row, stakeholder: stakeholder, outcome: outcome, assumption: name, value: $0.value,
                              low: $0.low, high: $0.high, ratioAtLow: $0.ratioAtLow, ratioAtHigh: $0.ratioAtHigh)
        }
        switchingValues = analysis.switchingValues.map {
            let (row, stakeholder, outcome, name) = describe($0.target)
            return Switching(row: row, stakeholder: stakeholder, outcome: outcome, assumption: name, value: $0.value,
                             switchingValue: Null($0.switchingValue))
        }
        let carlo = analysis.monteCarlo
        monteCarlo = MonteCarlo(draws: carlo.draws, seed: carlo.seed, p5: carlo.p5, p50: carlo.p50, p95: carlo.p95,
                                mean: carlo.mean, probabilityAboveOne: carlo.probabilityAboveOne,
                                histogram: carlo.histogram.map { Bin(lower: $0.lower, upper: $0.upper, count: $0.count) })
        warnings = analysis.warnings.map {
            Warning(code: $0.code, row: Null($0.row.map { $0 + 1 }), assumptions: $0.assumptions.map(\.rawValue))
        }
    }

    /// Pretty, key-sorted JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
