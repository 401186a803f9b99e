/// Weighted means of one dimension for all respondents or one segment level.
///
/// Over the respondents with both scores and a positive weight. Only point estimates are
/// weighted; the tests and intervals of `SurveyGapResult` stay unweighted (the documented
/// interface reports unweighted figures), and `effectiveSampleSize` shows what the
/// weighting costs in precision.
public struct WeightedGapSummary: Sendable, Hashable {
    public let dimension: String
    public let segment: SurveySegmentLevel?
    /// Unweighted count of respondents with both scores and a positive weight.
    public let n: Int
    public let weightSum: Double
    /// Kish: (Σw)² / Σw² over the same respondents.
    public let effectiveSampleSize: Double
    public let needMean: Double?
    public let experienceMean: Double?
    public let gapMean: Double?

    /// Suppression follows the unweighted count of respondents in the cell.
    public var isSuppressed: Bool { n < surveySuppressionThreshold }

    /// Weighted summaries of every dimension, overall and per level of the chosen segment
    /// variables (nil: all), in the order of `SurveyGapAnalysis.results`.
    public static func summaries(
        _ responses: SurveyResponses, weights: [Double], segmentVariables: [String]? = nil
    ) throws(SurveyWeightingError) -> [WeightedGapSummary] {
        guard weights.count == responses.respondentCount else {
            throw .lengthMismatch(expected: responses.respondentCount, actual: weights.count)
        }
        let segments = responses.segments.filter { segmentVariables?.contains($0.name) ?? true }
        let cells = RespondentCells(respondentCount: responses.respondentCount, variables: segments)
        var summaries: [WeightedGapSummary] = []
        for dimension in responses.dimensions {
            let scores = DimensionScores(dimension, scale: responses.scale)
            let sums = accumulate(scores, weights: weights, cells: cells)
            for (cell, sum) in sums.enumerated() {
                let hasWeight = sum.weight > 0
                summaries.append(WeightedGapSummary(
                    dimension: dimension.code, segment: cells.segments[cell],
                    n: sum.count, weightSum: sum.weight,
                    effectiveSampleSize: hasWeight ? sum.weight * sum.weight / sum.squaredWeight : 0,
                    needMean: hasWeight ? sum.need / sum.weight : nil,
                    experienceMean: hasWeight ? sum.experience / sum.weight : nil,
                    gapMean: hasWeight ? sum.gap / sum.weight : nil))
            }
        }
        return summaries
    }

    private struct Sums {
        var count = 0
        var weight = 0.0
        var squaredWeight = 0.0
        var need = 0.0
        var experience = 0.0
        var gap = 0.0
    }

    private static func accumulate(
        _ scores: DimensionScores, weights: [Double], cells: RespondentCells
    ) -> [Sums] {
        var sums = [Sums](repeating: Sums(), count: cells.cellCount)
        cells.forEachMembership { respondent, cell in
            let gap = scores.gap[respondent]
            let weight = weights[respondent]
            if gap.isNaN || !(weight > 0) { return }
            sums[cell].count += 1
            sums[cell].weight += weight
            sums[cell].squaredWeight += weight * weight
            sums[cell].need += weight * scores.need[respondent]
            sums[cell].experience += weight * scores.experience[respondent]
            sums[cell].gap += weight * gap
        }
        return sums
    }
}
