import Foundation
import Testing
@testable import SamenAnalytics

/// An impact map as scripts/sroi_reference.py reads it (Fixtures/sroi/*.input.json).
struct SROIReferenceInput: Codable {
    struct Row: Codable {
        let stakeholder, outcome: String
        let quantity, proxy, duration: Double
        let start: Int
        let deadweight, displacement, attribution, dropOff: Double
        let ranges: [String: [Double]]
        enum CodingKeys: String, CodingKey {
            case stakeholder, outcome, quantity, proxy, duration, start, deadweight, displacement, attribution, ranges
            case dropOff = "drop_off"
        }
    }
    let inputs: Double
    /// nil: the Green Book schedule.
    let discountRate: Double?
    let discountLow, discountHigh: Double
    let draws: Int
    let seed: UInt64
    let rows: [Row]
    enum CodingKeys: String, CodingKey {
        case inputs, draws, seed, rows
        case discountRate = "discount_rate", discountLow = "discount_low", discountHigh = "discount_high"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(discountRate, forKey: .discountRate)
        try container.encode(discountLow, forKey: .discountLow)
        try container.encode(discountHigh, forKey: .discountHigh)
        try container.encode(draws, forKey: .draws)
        try container.encode(seed, forKey: .seed)
        try container.encode(rows, forKey: .rows)
    }

    var map: SROIImpactMap {
        SROIImpactMap(rows: rows.map { row in
            var ranges: [SROIAssumption: SROIRange] = [:]
            for (name, ends) in row.ranges {
                ranges[SROIAssumption(rawValue: name)!] = SROIRange(low: ends[0], high: ends[1])
            }
            return SROIRow(stakeholder: row.stakeholder, outcome: row.outcome, quantity: row.quantity, proxy: row.proxy,
                           duration: row.duration, startsAfterActivity: row.start == 2, deadweight: row.deadweight,
                           displacement: row.displacement, attribution: row.attribution, dropOff: row.dropOff,
                           ranges: ranges)
        }, inputs: inputs, discountRate: discountRate.map { .constant(percent: $0) } ?? .greenBook)
    }

    func analysis() throws -> SROIAnalysis {
        try SROIAnalysis(map, draws: draws, seed: seed, discountRange: SROIRange(low: discountLow, high: discountHigh))
    }
}

/// NumPy's figures for one map (Fixtures/sroi/*.expected.json).
struct SROIReferenceExpected: Decodable {
    struct Stakeholder: Decodable { let stakeholder: String; let presentValue: Double; let presentValueByYear: [Double] }
    struct OneAtATime: Decodable {
        let row: Int?
        let assumption: String
        let low, high, ratioAtLow, ratioAtHigh: Double
    }
    struct Switching: Decodable { let row: Int?; let assumption: String; let switchingValue: Double? }
    struct Bin: Decodable { let lower, upper: Double; let count: Int }
    struct MonteCarlo: Decodable {
        let draws: Int
        let p5, p50, p95, mean, probabilityAboveOne: Double
        let histogram: [Bin]
    }
    let impactByYear, presentValueByYear, presentValueByRow: [Double]
    let presentValueByStakeholder: [Stakeholder]
    let totalPresentValue, netPresentValue, ratio, netRatio: Double
    let oneAtATime: [OneAtATime]
    let switchingValues: [Switching]
    let monteCarlo: MonteCarlo

    static func decode(_ data: Data) throws -> SROIReferenceExpected {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SROIReferenceExpected.self, from: data)
    }
}

enum SROIReference {
    static let fixtures = ["check_figure", "mixed", "many_rows", "constant_rate", "long_durations", "no_ranges",
                           "two_rows_near_one", "below_one"]

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/sroi"),
            "missing fixture Fixtures/sroi/\(name).json; run scripts/sroi_reference.py")
        return try Data(contentsOf: url)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every figure of the analysis against the reference, to `tolerance` · max(1, |expected|).
    static func compare(_ analysis: SROIAnalysis, _ expected: SROIReferenceExpected, _ name: String,
                        tolerance: Double = 1e-9) {
        var tracker = DeviationTracker(tolerance: tolerance)
        let result = analysis.result
        tracker.check(result.totalPresentValue, expected.totalPresentValue, "\(name) total present value")
        tracker.check(result.netPresentValue, expected.netPresentValue, "\(name) net present value")
        tracker.check(result.ratio, expected.ratio, "\(name) ratio")
        tracker.check(result.netRatio, expected.netRatio, "\(name) net ratio")
        #expect(result.presentValueByYear.count == expected.presentValueByYear.count, "\(name) years")
        for (year, (ours, theirs)) in zip(result.presentValueByYear, expected.presentValueByYear).enumerated() {
            tracker.check(ours, theirs, "\(name) present value year \(year + 1)")
        }
        for (year, (ours, theirs)) in zip(result.impactByYear, expected.impactByYear).enumerated() {
            tracker.check(ours, theirs, "\(name) impact year \(year + 1)")
        }
        for (row, (ours, theirs)) in zip(result.presentValueByRow, expected.presentValueByRow).enumerated() {
            tracker.check(ours, theirs, "\(name) row \(row + 1)")
        }
        #expect(result.stakeholders.map(\.stakeholder) == expected.presentValueByStakeholder.map(\.stakeholder))
        for (ours, theirs) in zip(result.stakeholders, expected.presentValueByStakeholder) {
            tracker.check(ours.presentValue, theirs.presentValue, "\(name) stakeholder \(ours.stakeholder)")
            for (year, pair) in zip(ours.presentValueByYear, theirs.presentValueByYear).enumerated() {
                tracker.check(pair.0, pair.1, "\(name) stakeholder \(ours.stakeholder) year \(year + 1)")
            }
        }
        func key(_ target: SROISensitivityTarget) -> String {
            "\(target.row.map { $0 + 1 }.map(String.init) ?? "-") \(target.assumption?.rawValue ?? "discount_rate")"
        }
        let bars = Dictionary(uniqueKeysWithValues: analysis.oneAtATime.map { (key($0.target), $0) })
        #expect(bars.count == expected.oneAtATime.count, "\(name) tornado bars")
        for bar in expected.oneAtATime {
            let label = "\(bar.row.map(String.init) ?? "-") \(bar.assumption)"
            guard let ours = bars[label] else {
                Issue.record("\(name): no tornado bar \(label)")
                continue
            }
            tracker.check(ours.ratioAtLow, bar.ratioAtLow, "\(name) tornado \(label) low")
            tracker.check(ours.ratioAtHigh, bar.ratioAtHigh, "\(name) tornado \(label) high")
        }
        #expect(analysis.switchingValues.map { key($0.target) }
                == expected.switchingValues.map { "\($0.row.map(String.init) ?? "-") \($0.assumption)" })
        for (ours, theirs) in zip(analysis.switchingValues, expected.switchingValues) {
            tracker.check(ours.switchingValue, theirs.switchingValue, "\(name) switching \(key(ours.target))")
        }
        let carlo = analysis.monteCarlo
        #expect(carlo.draws == expected.monteCarlo.draws)
        tracker.check(carlo.p5, expected.monteCarlo.p5, "\(name) p5")
        tracker.check(carlo.p50, expected.monteCarlo.p50, "\(name) p50")
        tracker.check(carlo.p95, expected.monteCarlo.p95, "\(name) p95")
        tracker.check(carlo.mean, expected.monteCarlo.mean, "\(name) mean")
        tracker.check(carlo.probabilityAboveOne, expected.monteCarlo.probabilityAboveOne, "\(name) P(ratio > 1)")
        #expect(carlo.histogram.map(\.count) == expected.monteCarlo.histogram.map(\.count), "\(name) histogram")
        tracker.report("sroi \(name)")
    }
}
