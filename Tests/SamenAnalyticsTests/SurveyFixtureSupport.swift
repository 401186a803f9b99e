import Foundation
import Testing
@testable import SamenAnalytics

/// The fixed data sets written by scripts/survey_reference.py (Fixtures/survey/*.input.json).
struct SurveyFixtureInput: Decodable {
    struct Scale: Decodable { let min: Double; let max: Double }
    struct Item: Decodable { let reverseCoded: Bool; let need: [Double?]; let experience: [Double?] }
    struct Dimension: Decodable { let code: String; let items: [Item] }
    struct Segment: Decodable { let name: String; let levels: [String]; let levelIndices: [Int32] }
    struct Margin: Decodable { let variable: String; let shares: [String: Double] }
    struct Waves: Decodable { let variable: String; let from: String; let to: String }

    let name: String
    let respondentCount: Int
    let scale: Scale
    let dimensions: [Dimension]
    let segments: [Segment]
    let postStratification: Margin
    let raking: [Margin]
    let waves: Waves

    func responses() throws -> SurveyResponses {
        try SurveyResponses(
            respondentCount: respondentCount,
            scale: SurveyScale(minimum: scale.min, maximum: scale.max),
            dimensions: dimensions.map { dimension in
                SurveyDimensionAnswers(code: dimension.code, items: dimension.items.map { item in
                    SurveyItemAnswers(
                        need: item.need.map { $0 ?? .nan }, experience: item.experience.map { $0 ?? .nan },
                        isReverseCoded: item.reverseCoded)
                })
            },
            segments: segments.map {
                SurveySegmentVariable(name: $0.name, levels: $0.levels, levelIndices: $0.levelIndices)
            })
    }

    func margin(_ margin: Margin, in responses: SurveyResponses) throws -> PopulationMargin {
        let variable = try #require(responses.segment(named: margin.variable))
        return PopulationMargin(variable: variable, shares: margin.shares)
    }
}

/// scipy's figures for one data set (Fixtures/survey/*.expected.json).
struct SurveyFixtureExpected: Decodable {
    struct Segment: Decodable, Equatable { let variable: String; let level: String }
    struct Result: Decodable {
        let dimension: String
        let segment: Segment?
        let n: Int
        let needMean, experienceMean, gapMean, gapSd, gapCiLow, gapCiHigh: Double?
        let tStatistic, tP: Double?
        let wilcoxonN: Int?
        let wilcoxonStatistic, wilcoxonPositiveRankSum, wilcoxonZ, wilcoxonP: Double?
        let cohensDz: Double?
        let alphaNeed: Double?
        let alphaNeedComplete: Int
        let alphaExperience: Double?
        let alphaExperienceComplete: Int
        let alphaItemCount: Int
        let suppressed: Bool
    }
    struct WaveDifference: Decodable {
        let dimension, from, to: String
        let fromN, toN: Int
        let difference, standardError, degreesOfFreedom, ciLow, ciHigh, tStatistic, p: Double?
    }
    struct WeightedSummary: Decodable {
        let dimension: String
        let segment: Segment?
        let n: Int
        let weightSum, effectiveSampleSize: Double
        let needMean, experienceMean, gapMean: Double?
    }
    struct Weighting: Decodable {
        let weights: [Double]
        let kish: Double
        let iterations: Int?
        let converged: Bool?
        let summaries: [WeightedSummary]
    }
    struct IPAPoint: Decodable { let dimension, quadrant, diagonal: String }
    struct IPA: Decodable {
        let crosshair: String
        let crosshairNeed, crosshairExperience: Double
        let points: [IPAPoint]
        let omitted: [String]
    }

    let results: [Result]
    let waveDifferences: [WaveDifference]
    let postStratification: Weighting
    let raking: Weighting
    let ipa: [IPA]
}

enum SurveyFixtures {
    static let dataSets = ["mixed", "scale5_ties", "scale10_fractional", "edge"]

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/survey"),
            "missing fixture Fixtures/survey/\(name).json; run scripts/survey_reference.py")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(contentsOf: url))
    }

    static func input(_ name: String) throws -> SurveyFixtureInput {
        try load(SurveyFixtureInput.self, "\(name).input")
    }

    static func expected(_ name: String) throws -> SurveyFixtureExpected {
        try load(SurveyFixtureExpected.self, "\(name).expected")
    }
}

/// Compares numbers to a reference and remembers the largest deviation seen.
///
/// A value matches when |actual − expected| ≤ tolerance · max(1, |expected|): absolute
/// near zero, relative for large values. `relative: true` (p-values, tails) uses
/// |actual − expected| ≤ tolerance · |expected| so tiny probabilities must match in
/// their leading digits too. nil must match nil.
struct DeviationTracker {
    let tolerance: Double
    private(set) var maximumAbsolute = 0.0
    private(set) var maximumRelative = 0.0
    private(set) var worst = ""
    private(set) var comparisons = 0

    init(tolerance: Double = 1e-9) { self.tolerance = tolerance }

    mutating func check(
        _ actual: Double?, _ expected: Double?, _ label: @autoclosure () -> String, relative: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        comparisons += 1
        guard let expected else {
            #expect(actual == nil, "\(label()): expected nil, got \(String(describing: actual))",
                    sourceLocation: sourceLocation)
            return
        }
        guard let actual else {
            Issue.record("\(label()): expected \(expected), got nil", sourceLocation: sourceLocation)
            return
        }
        let deviation = abs(actual - expected)
        let relativeDeviation = expected == 0 ? deviation : deviation / abs(expected)
        if deviation > maximumAbsolute { maximumAbsolute = deviation }
        if relativeDeviation > maximumRelative {
            maximumRelative = relativeDeviation
            worst = label()
        }
        let bound = relative ? tolerance * abs(expected) : tolerance * max(1, abs(expected))
        #expect(deviation <= bound, "\(label()): \(actual) vs scipy \(expected) (deviation \(deviation))",
                sourceLocation: sourceLocation)
    }

    func report(_ title: String) {
        print("[survey] \(title): \(comparisons) comparisons, max |Δ| \(maximumAbsolute), "
              + "max relative \(maximumRelative) (\(worst))")
    }
}
