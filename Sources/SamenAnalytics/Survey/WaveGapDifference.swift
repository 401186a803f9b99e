/// The change in a dimension's mean gap between two waves (independent samples).
///
/// difference = mean gap(to) − mean gap(from), so a negative difference means the gap
/// closed. Welch's t: SE² = s²₁/n₁ + s²₂/n₂ with Welch–Satterthwaite degrees of freedom;
/// matches `scipy.stats.ttest_ind(to, from, equal_var=False)` and its
/// `confidence_interval()`. Standard error, interval and p are nil when either wave has
/// fewer than 2 respondents or both waves have zero gap variance.
public struct WaveGapDifference: Sendable, Hashable {
    public let dimension: String
    public let fromWave: String
    public let toWave: String
    public let fromN: Int
    public let toN: Int
    /// nil when either wave has no respondents.
    public let difference: Double?
    public let standardError: Double?
    public let degreesOfFreedom: Double?
    public let confidenceInterval: ConfidenceInterval?
    public let tStatistic: Double?
    /// Two-sided p of Welch's test of equal mean gaps.
    public let pValue: Double?

    /// True when either wave is a cell too small to show outside the team.
    public var isSuppressed: Bool { min(fromN, toN) < surveySuppressionThreshold }

    /// Welch's comparison of two results of the same dimension.
    public init(from: SurveyGapResult, to: SurveyGapResult, confidenceLevel: Double = 0.95) {
        precondition(from.dimension == to.dimension, "compare the same dimension")
        dimension = from.dimension
        fromWave = from.segment?.level ?? ""
        toWave = to.segment?.level ?? ""
        fromN = from.n
        toN = to.n
        if let a = from.gapMean, let b = to.gapMean { difference = b - a } else { difference = nil }
        guard let difference, let sdFrom = from.gapStandardDeviation, let sdTo = to.gapStandardDeviation,
              sdFrom > 0 || sdTo > 0 else {
            standardError = nil
            degreesOfFreedom = nil
            confidenceInterval = nil
            tStatistic = nil
            pValue = nil
            return
        }
        let shareFrom = sdFrom * sdFrom / Double(from.n)
        let shareTo = sdTo * sdTo / Double(to.n)
        let variance = shareFrom + shareTo
        let df = variance * variance
            / (shareFrom * shareFrom / Double(from.n - 1) + shareTo * shareTo / Double(to.n - 1))
        let se = variance.squareRoot()
        let critical = StudentTDistribution.quantile(0.5 + confidenceLevel / 2, degreesOfFreedom: df)
        let t = difference / se
        standardError = se
        degreesOfFreedom = df
        confidenceInterval = ConfidenceInterval(
            low: difference - critical * se, high: difference + critical * se, level: confidenceLevel)
        tStatistic = t
        pValue = StudentTDistribution.twoSidedPValue(t, degreesOfFreedom: df)
    }
}

extension SurveyGapAnalysis {
    /// The gap change of every dimension between two levels of a wave variable.
    ///
    /// Needs an analysis that includes the wave variable; nil when it or either level is absent.
    public func waveDifferences(
        waveVariable: String, from fromWave: String, to toWave: String
    ) -> [WaveGapDifference]? {
        var differences: [WaveGapDifference] = []
        for overall in overallResults {
            guard
                let from = result(dimension: overall.dimension,
                                  segment: SurveySegmentLevel(variable: waveVariable, level: fromWave)),
                let to = result(dimension: overall.dimension,
                                segment: SurveySegmentLevel(variable: waveVariable, level: toWave))
            else { return nil }
            differences.append(WaveGapDifference(from: from, to: to, confidenceLevel: confidenceLevel))
        }
        return differences
    }
}
