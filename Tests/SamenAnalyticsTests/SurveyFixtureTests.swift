import Foundation
import Testing
@testable import SamenAnalytics

/// The Swift statistics against scipy on the fixed data sets of scripts/survey_reference.py.
@Suite("Survey statistics match scipy")
struct SurveyFixtureTests {
    @Test("gap results per dimension and segment level", arguments: SurveyFixtures.dataSets)
    func gapResults(dataSet: String) throws {
        let input = try SurveyFixtures.input(dataSet)
        let expected = try SurveyFixtures.expected(dataSet)
        let analysis = SurveyGapAnalysis(try input.responses())
        #expect(analysis.results.count == expected.results.count)
        var tracker = DeviationTracker()
        for (actual, reference) in zip(analysis.results, expected.results) {
            let key = "\(dataSet)/\(reference.dimension)/\(reference.segment.map { "\($0.variable)=\($0.level)" } ?? "all")"
            try #require(actual.dimension == reference.dimension, "\(key): order differs")
            try #require(actual.segment?.variable == reference.segment?.variable
                && actual.segment?.level == reference.segment?.level, "\(key): order differs")
            #expect(actual.n == reference.n, "\(key) n")
            #expect(actual.isSuppressed == reference.suppressed, "\(key) suppressed")
            tracker.check(actual.needMean, reference.needMean, "\(key) need mean")
            tracker.check(actual.experienceMean, reference.experienceMean, "\(key) experience mean")
            tracker.check(actual.gapMean, reference.gapMean, "\(key) gap mean")
            tracker.check(actual.gapStandardDeviation, reference.gapSd, "\(key) gap sd")
            tracker.check(actual.gapConfidenceInterval?.low, reference.gapCiLow, "\(key) ci low")
            tracker.check(actual.gapConfidenceInterval?.high, reference.gapCiHigh, "\(key) ci high")
            tracker.check(actual.tStatistic, reference.tStatistic, "\(key) t")
            tracker.check(actual.tPValue, reference.tP, "\(key) t p", relative: true)
            tracker.check(actual.cohensDz, reference.cohensDz, "\(key) d_z")
            #expect(actual.wilcoxon?.nonZeroCount == reference.wilcoxonN, "\(key) wilcoxon n")
            tracker.check(actual.wilcoxon?.statistic, reference.wilcoxonStatistic, "\(key) wilcoxon statistic")
            tracker.check(actual.wilcoxon?.positiveRankSum, reference.wilcoxonPositiveRankSum, "\(key) R+")
            tracker.check(actual.wilcoxon?.z, reference.wilcoxonZ, "\(key) wilcoxon z")
            tracker.check(actual.wilcoxonPValue, reference.wilcoxonP, "\(key) wilcoxon p", relative: true)
            tracker.check(actual.alphaNeed.value, reference.alphaNeed, "\(key) alpha need")
            tracker.check(actual.alphaExperience.value, reference.alphaExperience, "\(key) alpha experience")
            #expect(actual.alphaNeed.completeCases == reference.alphaNeedComplete, "\(key) alpha need n")
            #expect(actual.alphaExperience.completeCases == reference.alphaExperienceComplete,
                    "\(key) alpha experience n")
            #expect(actual.alphaNeed.itemCount == reference.alphaItemCount, "\(key) k")
        }
        tracker.report("\(dataSet) gap results")
    }

    @Test("difference of mean gaps between two waves (Welch)", arguments: SurveyFixtures.dataSets)
    func waveDifferences(dataSet: String) throws {
        let input = try SurveyFixtures.input(dataSet)
        let expected = try SurveyFixtures.expected(dataSet)
        let analysis = SurveyGapAnalysis(try input.responses(), segmentVariables: [input.waves.variable])
        let differences = try #require(
            analysis.waveDifferences(waveVariable: input.waves.variable, from: input.waves.from, to: input.waves.to))
        #expect(differences.count == expected.waveDifferences.count)
        var tracker = DeviationTracker()
        for (actual, reference) in zip(differences, expected.waveDifferences) {
            let key = "\(dataSet)/\(reference.dimension) \(reference.from)→\(reference.to)"
            #expect(actual.dimension == reference.dimension)
            #expect(actual.fromWave == reference.from && actual.toWave == reference.to)
            #expect(actual.fromN == reference.fromN && actual.toN == reference.toN, "\(key) n")
            tracker.check(actual.difference, reference.difference, "\(key) difference")
            tracker.check(actual.standardError, reference.standardError, "\(key) se")
            tracker.check(actual.degreesOfFreedom, reference.degreesOfFreedom, "\(key) df")
            tracker.check(actual.confidenceInterval?.low, reference.ciLow, "\(key) ci low")
            tracker.check(actual.confidenceInterval?.high, reference.ciHigh, "\(key) ci high")
            tracker.check(actual.tStatistic, reference.tStatistic, "\(key) t")
            tracker.check(actual.pValue, reference.p, "\(key) p", relative: true)
        }
        tracker.report("\(dataSet) wave differences")
    }

    @Test("post-stratification and raking weights, weighted means, Kish", arguments: SurveyFixtures.dataSets)
    func weighting(dataSet: String) throws {
        let input = try SurveyFixtures.input(dataSet)
        let expected = try SurveyFixtures.expected(dataSet)
        let responses = try input.responses()
        var tracker = DeviationTracker()

        let postStratified = try SurveyWeighting.postStratificationWeights(
            input.margin(input.postStratification, in: responses))
        let raked = try SurveyWeighting.rakingWeights(input.raking.map { try input.margin($0, in: responses) })
        #expect(raked.converged == expected.raking.converged)
        #expect(raked.iterations == expected.raking.iterations)

        for (title, weights, reference) in [("post-stratification", postStratified, expected.postStratification),
                                            ("raking", raked.weights, expected.raking)] {
            try #require(weights.count == reference.weights.count)
            for (index, (actual, wanted)) in zip(weights, reference.weights).enumerated() {
                tracker.check(actual, wanted, "\(dataSet) \(title) weight \(index)")
            }
            tracker.check(SurveyWeighting.kishEffectiveSampleSize(weights), reference.kish, "\(dataSet) \(title) kish")
            let summaries = try WeightedGapSummary.summaries(responses, weights: weights)
            #expect(summaries.count == reference.summaries.count)
            for (actual, wanted) in zip(summaries, reference.summaries) {
                let key = "\(dataSet) \(title) \(wanted.dimension)/\(wanted.segment.map { $0.level } ?? "all")"
                #expect(actual.dimension == wanted.dimension && actual.segment?.level == wanted.segment?.level)
                #expect(actual.n == wanted.n, "\(key) n")
                tracker.check(actual.weightSum, wanted.weightSum, "\(key) Σw")
                tracker.check(actual.effectiveSampleSize, wanted.effectiveSampleSize, "\(key) n_eff")
                tracker.check(actual.needMean, wanted.needMean, "\(key) need")
                tracker.check(actual.experienceMean, wanted.experienceMean, "\(key) experience")
                tracker.check(actual.gapMean, wanted.gapMean, "\(key) gap")
            }
        }
        tracker.report("\(dataSet) weighting")
    }

    @Test("importance-performance quadrants for both crosshairs", arguments: SurveyFixtures.dataSets)
    func importancePerformance(dataSet: String) throws {
        let input = try SurveyFixtures.input(dataSet)
        let expected = try SurveyFixtures.expected(dataSet)
        let responses = try input.responses()
        let analysis = SurveyGapAnalysis(responses, segmentVariables: [])
        var tracker = DeviationTracker()
        for reference in expected.ipa {
            let crosshair = try #require(ImportancePerformanceCrosshair(rawValue: reference.crosshair))
            let ipa = ImportancePerformanceAnalysis(
                results: analysis.overallResults, scale: responses.scale, crosshair: crosshair)
            #expect(ipa.crosshair == crosshair)
            tracker.check(ipa.crosshairNeed, reference.crosshairNeed, "\(dataSet) \(crosshair) need")
            tracker.check(ipa.crosshairExperience, reference.crosshairExperience, "\(dataSet) \(crosshair) exp")
            #expect(ipa.omittedDimensions == reference.omitted)
            #expect(ipa.points.map(\.dimension) == reference.points.map(\.dimension))
            #expect(ipa.points.map(\.quadrant.rawValue) == reference.points.map(\.quadrant), "\(dataSet) \(crosshair)")
            #expect(ipa.points.map(\.diagonalSide.rawValue) == reference.points.map(\.diagonal))
        }
    }

    @Test("Wilcoxon by counting and by sorting agree exactly", arguments: SurveyFixtures.dataSets)
    func wilcoxonStrategiesAgree(dataSet: String) throws {
        let responses = try SurveyFixtures.input(dataSet).responses()
        for dimension in responses.dimensions {
            let scores = DimensionScores(dimension, scale: responses.scale)
            let ties = AbsoluteGapTies(gaps: scores.gap)
            let cells = RespondentCells(respondentCount: responses.respondentCount, variables: responses.segments)
            let pairs = GapMoments.accumulate(scores, cells: cells).map(\.pairs)
            let counted = ties.signedRankTests(gaps: scores.gap, cells: cells, pairs: pairs, strategy: .counting)
            let sorted = ties.signedRankTests(gaps: scores.gap, cells: cells, pairs: pairs, strategy: .sorting)
            #expect(counted == sorted, "\(dataSet)/\(dimension.code)")
            #expect(counted.contains { $0 != nil } || dataSet == "edge")
        }
    }
}
