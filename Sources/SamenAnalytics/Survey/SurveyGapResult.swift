/// A level of a segment variable, e.g. channel = "phone" or wave = "2025-spring".
public struct SurveySegmentLevel: Sendable, Hashable, Codable {
    public let variable: String
    public let level: String

    public init(variable: String, level: String) {
        self.variable = variable
        self.level = level
    }
}

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    public let low: Double
    public let high: Double
    /// E.g. 0.95.
    public let level: Double

    public init(low: Double, high: Double, level: Double) {
        self.low = low
        self.high = high
        self.level = level
    }
}

/// Cells with fewer respondents than this are suppressed in anything shown outside the team.
public let surveySuppressionThreshold = 10

/// The experience-versus-need figures of one dimension for all respondents or one segment level.
///
/// Everything is computed over the n respondents with both a need and an experience
/// score, so `gapMean` = `needMean` − `experienceMean` up to rounding.
///
/// Undefined figures are nil rather than NaN:
/// - n = 0: every figure is nil.
/// - n = 1: the means exist; standard deviation, confidence interval, both tests and
///   d_z are nil (there is no variability to estimate).
/// - n ≥ 2 with every gap equal (zero variance, including "all answers equal"):
///   standard deviation 0, confidence interval [mean, mean]; the t statistic and its p
///   and d_z are nil (0/0 or ±∞, not a result to show). The Wilcoxon test is nil when
///   every gap is 0 (no non-zero differences, as scipy's NaN) and computed otherwise
///   (all ranks tied, which the rank test handles).
public struct SurveyGapResult: Sendable, Hashable {
    public let dimension: String
    /// nil for all respondents.
    public let segment: SurveySegmentLevel?
    /// Respondents with both a need and an experience score.
    public let n: Int
    public let needMean: Double?
    public let experienceMean: Double?
    /// Mean of need − experience; positive means experience falls short of need.
    public let gapMean: Double?
    /// Sample standard deviation of the gaps (n − 1).
    public let gapStandardDeviation: Double?
    /// Student t interval of the mean gap: mean ± t(1 − α/2, n − 1) · sd/√n.
    public let gapConfidenceInterval: ConfidenceInterval?
    /// Paired t statistic, mean gap / (sd/√n), with n − 1 degrees of freedom.
    public let tStatistic: Double?
    /// Two-sided p of the paired t-test of need against experience.
    public let tPValue: Double?
    public let wilcoxon: WilcoxonSignedRankResult?
    /// Cohen's d_z: mean gap / sd of the gaps.
    public let cohensDz: Double?
    public let alphaNeed: CronbachAlpha
    public let alphaExperience: CronbachAlpha

    /// Two-sided p of the Wilcoxon signed-rank test.
    public var wilcoxonPValue: Double? { wilcoxon?.pValue }

    /// True when the cell is too small to show outside the team (n < 10).
    public var isSuppressed: Bool { n < surveySuppressionThreshold }

    init(
        dimension: String, segment: SurveySegmentLevel?, moments: GapMoments,
        wilcoxon: WilcoxonSignedRankResult?, alphaNeed: CronbachAlpha,
        alphaExperience: CronbachAlpha, confidenceLevel: Double
    ) {
        self.dimension = dimension
        self.segment = segment
        self.n = moments.pairs
        self.needMean = moments.needMean
        self.experienceMean = moments.experienceMean
        self.gapMean = moments.gapMean
        self.wilcoxon = wilcoxon
        self.alphaNeed = alphaNeed
        self.alphaExperience = alphaExperience
        guard let mean = moments.gapMean, let variance = moments.gapVariance else {
            gapStandardDeviation = nil
            gapConfidenceInterval = nil
            tStatistic = nil
            tPValue = nil
            cohensDz = nil
            return
        }
        let sd = variance.squareRoot()
        let degreesOfFreedom = Double(moments.pairs - 1)
        let standardError = sd / Double(moments.pairs).squareRoot()
        let critical = StudentTDistribution.quantile(
            0.5 + confidenceLevel / 2, degreesOfFreedom: degreesOfFreedom)
        gapStandardDeviation = sd
        gapConfidenceInterval = ConfidenceInterval(
            low: mean - critical * standardError, high: mean + critical * standardError,
            level: confidenceLevel)
        if sd > 0 {
            let t = mean / standardError
            tStatistic = t
            tPValue = StudentTDistribution.twoSidedPValue(t, degreesOfFreedom: degreesOfFreedom)
            cohensDz = mean / sd
        } else {
            tStatistic = nil
            tPValue = nil
            cohensDz = nil
        }
    }
}
