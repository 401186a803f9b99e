import Foundation
import Testing
@testable import SamenAnalytics

/// Small examples whose results can be checked by hand.
@Suite("Survey statistics by hand")
struct SurveyHandCheckedTests {
    let likert7 = SurveyScale(minimum: 1, maximum: 7)

    /// One dimension with one item per respondent row.
    func responses(
        need: [Double], experience: [Double], reverse: Bool = false, segment: [String?]? = nil
    ) throws -> SurveyResponses {
        try SurveyResponses(
            respondentCount: need.count, scale: likert7,
            dimensions: [SurveyDimensionAnswers(code: "known", items: [
                SurveyItemAnswers(need: need, experience: experience, isReverseCoded: reverse),
            ])],
            segments: segment.map { [SurveySegmentVariable(name: "channel", values: $0)] } ?? [])
    }

    @Test("gaps 2, 0, 3, −1: mean, sd, d_z, t and Wilcoxon")
    func smallExample() throws {
        let analysis = SurveyGapAnalysis(try responses(need: [5, 6, 7, 4], experience: [3, 6, 4, 5]))
        let result = try #require(analysis.result(dimension: "known"))
        #expect(result.n == 4)
        #expect(result.needMean == 5.5 && result.experienceMean == 4.5 && result.gapMean == 1)
        // Deviations 1, −1, 2, −2: Σ = 10, s² = 10/3.
        let sd = (10.0 / 3).squareRoot()
        #expect(abs(try #require(result.gapStandardDeviation) - sd) < 1e-15)
        #expect(abs(try #require(result.cohensDz) - 1 / sd) < 1e-15)
        // t = 1 / (sd/2), 3 degrees of freedom; the interval is 1 ± t(0.975, 3) · sd/2.
        #expect(abs(try #require(result.tStatistic) - 2 / sd) < 1e-14)
        let ci = try #require(result.gapConfidenceInterval)
        #expect(abs(ci.high - (1 + 3.182_446_305_283_708 * sd / 2)) < 1e-12)
        #expect(abs((ci.low + ci.high) / 2 - 1) < 1e-14)
        // Non-zero gaps 2, 3, −1 rank 2, 3, 1: R⁺ = 5, R⁻ = 1; σ² = 3·4·7/24 = 3.5.
        let wilcoxon = try #require(result.wilcoxon)
        #expect(wilcoxon.nonZeroCount == 3)
        #expect(wilcoxon.positiveRankSum == 5 && wilcoxon.negativeRankSum == 1 && wilcoxon.statistic == 1)
        #expect(abs(wilcoxon.z - 2 / 3.5.squareRoot()) < 1e-15)
        #expect(abs(wilcoxon.pValue - 2 * NormalDistribution.survival(2 / 3.5.squareRoot())) < 1e-15)
    }

    @Test("tied |gaps| share their average rank and shrink the variance")
    func tiedRanks() throws {
        // Gaps 1, −1, 1, 2: |gap| ranks 2, 2, 2, 4 → R⁺ = 8; ties t = 3 → σ² = (4·5·9 − ½·24)/24 = 7.
        let result = try #require(SurveyGapAnalysis(
            try responses(need: [5, 4, 6, 7], experience: [4, 5, 5, 5])).result(dimension: "known"))
        let wilcoxon = try #require(result.wilcoxon)
        #expect(wilcoxon.positiveRankSum == 8)
        #expect(abs(wilcoxon.z - (8 - 5) / 7.0.squareRoot()) < 1e-15)
    }

    @Test("reverse-coded items are flipped as min + max − x")
    func reverseCoding() throws {
        let result = try #require(SurveyGapAnalysis(
            try responses(need: [2, 1], experience: [7, 4], reverse: true)).result(dimension: "known"))
        // Flipped: need 6, 7; experience 1, 4.
        #expect(result.needMean == 6.5 && result.experienceMean == 2.5)
        #expect(likert7.reversed(3) == 5 && likert7.midpoint == 4)
    }

    @Test("a dimension score is the mean of the items a respondent answered")
    func missingItems() throws {
        let responses = try SurveyResponses(
            respondentCount: 2, scale: likert7,
            dimensions: [SurveyDimensionAnswers(code: "clarity", items: [
                SurveyItemAnswers(need: [6, .nan], experience: [2, 3]),
                SurveyItemAnswers(need: [4, .nan], experience: [.nan, 5]),
            ])])
        let scores = DimensionScores(responses.dimensions[0], scale: likert7)
        #expect(scores.need[0] == 5 && scores.experience[0] == 2 && scores.gap[0] == 3)
        #expect(scores.need[1].isNaN && scores.experience[1] == 4 && scores.gap[1].isNaN)
        let result = try #require(SurveyGapAnalysis(responses).result(dimension: "clarity"))
        #expect(result.n == 1 && result.gapMean == 3)
    }

    @Test("n = 1: means only; zero variance: sd 0, degenerate interval, no t, no d_z")
    func edgeCases() throws {
        let single = try #require(SurveyGapAnalysis(
            try responses(need: [5], experience: [3])).result(dimension: "known"))
        #expect(single.gapMean == 2 && single.gapStandardDeviation == nil && single.gapConfidenceInterval == nil)
        #expect(single.tPValue == nil && single.wilcoxon == nil && single.cohensDz == nil)

        let constant = try #require(SurveyGapAnalysis(
            try responses(need: [5, 6, 7], experience: [4, 5, 6])).result(dimension: "known"))
        #expect(constant.gapStandardDeviation == 0)
        #expect(constant.gapConfidenceInterval == ConfidenceInterval(low: 1, high: 1, level: 0.95))
        #expect(constant.tStatistic == nil && constant.tPValue == nil && constant.cohensDz == nil)
        #expect(constant.wilcoxon?.positiveRankSum == 6)

        let allEqual = try #require(SurveyGapAnalysis(
            try responses(need: [4, 4, 4], experience: [4, 4, 4])).result(dimension: "known"))
        #expect(allEqual.gapMean == 0 && allEqual.wilcoxon == nil && allEqual.tPValue == nil)

        let empty = try #require(SurveyGapAnalysis(
            try responses(need: [.nan, 4], experience: [3, .nan])).result(dimension: "known"))
        #expect(empty.n == 0 && empty.needMean == nil && empty.gapMean == nil)
    }

    @Test("Cronbach's alpha: identical items give 1, opposite items are negative, one item gives nil")
    func cronbachAlpha() throws {
        let everyone = RespondentCells(respondentCount: 3, variables: [])
        let identical = CronbachAlpha.perCell(
            columns: [[1, 2, 3], [1, 2, 3]], reverseCoded: [false, false], scale: likert7, cells: everyone)[0]
        #expect(identical.value == 1 && identical.completeCases == 3 && identical.isSatisfactory == true)
        // Reverse-coding the second copy of [1, 2, 3] yields [7, 6, 5]... flipped back by the flag.
        let flipped = CronbachAlpha.perCell(
            columns: [[1, 2, 3], [7, 6, 5]], reverseCoded: [false, true], scale: likert7, cells: everyone)[0]
        #expect(flipped.value == 1)
        // Items 1,2,3 and 3,1,2 (+ a missing row): variances 1 and 1, totals 4,3,5 variance 1 → α = 2(1 − 2) = −2.
        let disagreeing = CronbachAlpha.perCell(
            columns: [[1, 2, 3, .nan], [3, 1, 2, 4]], reverseCoded: [false, false], scale: likert7,
            cells: RespondentCells(respondentCount: 4, variables: []))[0]
        #expect(disagreeing.completeCases == 3)
        #expect(abs(try #require(disagreeing.value) + 2) < 1e-15)
        let single = CronbachAlpha.perCell(
            columns: [[1, 2, 3]], reverseCoded: [false], scale: likert7, cells: everyone)[0]
        #expect(single.value == nil && single.itemCount == 1)
    }

    @Test("cells under 10 respondents are suppressed; segment levels are reported in order")
    func suppressionAndSegments() throws {
        let need = [Double](repeating: 6, count: 19) + [5]
        let experience = (0..<20).map { Double($0 % 7 + 1) }
        let channel: [String?] = (0..<20).map { $0 < 10 ? "online" : ($0 < 19 ? "balie" : nil) }
        let analysis = SurveyGapAnalysis(try responses(need: need, experience: experience, segment: channel))
        #expect(analysis.results.map(\.segment?.level) == [nil, "online", "balie"])
        #expect(analysis.results.map(\.n) == [20, 10, 9])
        #expect(analysis.results.map(\.isSuppressed) == [false, false, true])
    }

    @Test("Welch: equal variances and sizes give df 2 and p = 1 − 1/√5")
    func welch() throws {
        let wave: [String?] = ["voor", "voor", "na", "na"]
        let analysis = SurveyGapAnalysis(
            try responses(need: [4, 6, 6, 7], experience: [4, 4, 5, 4], segment: wave))
        let difference = try #require(
            analysis.waveDifferences(waveVariable: "channel", from: "voor", to: "na")?.first)
        // Gaps 0, 2 (mean 1, s² 2) then 1, 3 (mean 2, s² 2): SE = √2, df = 4 / (1 + 1) = 2, t = 1/√2.
        #expect(difference.difference == 1)
        #expect(abs(try #require(difference.degreesOfFreedom) - 2) < 1e-15)
        #expect(abs(try #require(difference.pValue) - (1 - 1 / 5.0.squareRoot())) < 1e-14)
        let ci = try #require(difference.confidenceInterval)
        // df 2: t(p) = (2p − 1) · √(2 / (1 − (2p − 1)²)), so t(0.975) = 0.95 · √(2 / 0.0975).
        let critical = 0.95 * (2 / 0.0975).squareRoot()
        #expect(abs(ci.high - (1 + critical * 2.0.squareRoot())) < 1e-12)
        #expect(analysis.waveDifferences(waveVariable: "channel", from: "voor", to: "nooit") == nil)
    }

    @Test("importance-performance quadrants, ties on the crosshair, the diagonal")
    func importancePerformance() throws {
        let responses = try SurveyResponses(
            respondentCount: 1, scale: likert7,
            dimensions: [("a", 6.0, 2.0), ("b", 6, 5), ("c", 2, 3), ("d", 3, 6), ("e", 4, 4)].map { code, need, exp in
                SurveyDimensionAnswers(code: code, items: [SurveyItemAnswers(need: [need], experience: [exp])])
            })
        let results = SurveyGapAnalysis(responses).overallResults
        let midpoint = ImportancePerformanceAnalysis(results: results, scale: likert7, crosshair: .scaleMidpoint)
        #expect(midpoint.crosshair == .scaleMidpoint && midpoint.crosshairNeed == 4)
        #expect(midpoint.points.map(\.quadrant) == [.concentrateHere, .keepUp, .lowPriority, .possibleOverkill, .keepUp])
        #expect(midpoint.points.map(\.diagonalSide) == [.aboveNeedsImprovement, .aboveNeedsImprovement, .below,
                                                        .below, .onDiagonal])
        #expect(midpoint.points.allSatisfy { $0.isSuppressed })
        // Data means: need 4.2, experience 4: "e" (4, 4) drops to low need but stays high experience.
        let means = ImportancePerformanceAnalysis(results: results, scale: likert7, crosshair: .dataMeans)
        #expect(abs(means.crosshairNeed - 4.2) < 1e-15 && means.crosshairExperience == 4)
        #expect(means.points.last?.quadrant == .possibleOverkill)
    }

    @Test("post-stratification 50/50 on a 3:1 sample, and Kish's n_eff")
    func postStratification() throws {
        let variable = SurveySegmentVariable(name: "age", values: ["jong", "jong", "jong", "oud", nil])
        let weights = try SurveyWeighting.postStratificationWeights(
            PopulationMargin(variable: variable, shares: ["jong": 1, "oud": 1]))
        // Placed respondents 4: jong 0.5 · 4 / 3, oud 0.5 · 4 / 1; the unplaced one gets 0.
        let expected: [Double] = [2.0 / 3, 2.0 / 3, 2.0 / 3, 2, 0]
        #expect(zip(weights, expected).allSatisfy { abs($0 - $1) < 1e-15 } && weights.count == 5)
        // (Σw)² / Σw² = 16 / (3 · 4/9 + 4) = 3.
        #expect(abs(SurveyWeighting.kishEffectiveSampleSize(weights) - 3) < 1e-14)
        #expect(SurveyWeighting.kishEffectiveSampleSize([1, 1, 1, 1]) == 4)
        #expect(SurveyWeighting.kishEffectiveSampleSize([]) == 0)
    }

    @Test("raking reproduces both margins")
    func raking() throws {
        let age = SurveySegmentVariable(name: "age", values: ["jong", "jong", "oud", "oud", "oud", "jong"])
        let channel = SurveySegmentVariable(name: "channel", values: ["online", "balie", "online", "balie", "balie", "online"])
        let result = try SurveyWeighting.rakingWeights([
            PopulationMargin(variable: age, shares: ["jong": 0.3, "oud": 0.7]),
            PopulationMargin(variable: channel, shares: ["online": 0.6, "balie": 0.4]),
        ])
        #expect(result.converged && result.maximumMarginError <= 1e-12)
        let total = result.weights.reduce(0, +)
        let young = zip(result.weights, age.levelIndices).filter { $0.1 == 0 }.map(\.0).reduce(0, +)
        let online = zip(result.weights, channel.levelIndices).filter { $0.1 == 0 }.map(\.0).reduce(0, +)
        #expect(abs(total - 6) < 1e-12 && abs(young / total - 0.3) < 1e-12 && abs(online / total - 0.6) < 1e-12)
    }

    @Test("bad weighting margins and bad answers are rejected")
    func rejections() throws {
        let variable = SurveySegmentVariable(name: "age", values: ["jong", "oud"])
        #expect(throws: SurveyWeightingError.missingShare(variable: "age", level: "oud")) {
            try SurveyWeighting.postStratificationWeights(PopulationMargin(variable: variable, shares: ["jong": 1]))
        }
        #expect(throws: SurveyWeightingError.emptyStratum(variable: "age", level: "midden")) {
            try SurveyWeighting.postStratificationWeights(
                PopulationMargin(variable: variable, shares: ["jong": 1, "oud": 1, "midden": 1]))
        }
        #expect(throws: SurveyWeightingError.invalidShares(variable: "age")) {
            try SurveyWeighting.postStratificationWeights(
                PopulationMargin(variable: variable, shares: ["jong": -1, "oud": 2]))
        }
        #expect(throws: SurveyDataError.answerOutsideScale(column: "need.known.1", respondent: 1, value: 8)) {
            _ = try responses(need: [4, 8], experience: [4, 4])
        }
        #expect(throws: SurveyDataError.columnLength(column: "experience.known.1", expected: 2, actual: 1)) {
            _ = try responses(need: [4, 5], experience: [4])
        }
    }
}
