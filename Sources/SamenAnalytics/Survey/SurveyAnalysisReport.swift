import Foundation

/// The analysis as a documented JSON interface (`samen analyze FILE.csv --json` and the
/// API give the same): a top-level `results` array with one object per dimension and
/// segment level (unweighted figures), plus the importance-performance placement and
/// the wave comparison (two chosen waves, by default the two latest in time) when the data
/// have a `wave` variable with two or more levels.
/// Undefined figures are `null` (see `SurveyGapResult` for when).
public struct SurveyAnalysisReport: Encodable, Sendable {
    public struct Segment: Encodable, Sendable, Hashable {
        public let variable: String
        public let level: String
    }

    public struct Result: Encodable, Sendable {
        public let dimension: String
        public let segment: Segment?
        public let n: Int
        public let needMean, experienceMean, gapMean, gapSd, gapCiLow, gapCiHigh: Double?
        public let tStatistic, tP, wilcoxonP, cohensDz, alphaNeed, alphaExperience: Double?
        /// n < 10: not to be shown outside the team.
        public let suppressed: Bool

        enum CodingKeys: String, CodingKey {
            case dimension, segment, n, suppressed
            case needMean = "need_mean", experienceMean = "experience_mean", gapMean = "gap_mean", gapSd = "gap_sd"
            case gapCiLow = "gap_ci_low", gapCiHigh = "gap_ci_high", tStatistic = "t_statistic", tP = "t_p"
            case wilcoxonP = "wilcoxon_p", cohensDz = "cohens_dz", alphaNeed = "alpha_need", alphaExperience = "alpha_experience"
        }

        /// Every key is always present; undefined figures are null.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(dimension, forKey: .dimension)
            try c.encode(segment, forKey: .segment)
            try c.encode(n, forKey: .n)
            try c.encode(needMean, forKey: .needMean)
            try c.encode(experienceMean, forKey: .experienceMean)
            try c.encode(gapMean, forKey: .gapMean)
            try c.encode(gapSd, forKey: .gapSd)
            try c.encode(gapCiLow, forKey: .gapCiLow)
            try c.encode(gapCiHigh, forKey: .gapCiHigh)
            try c.encode(tStatistic, forKey: .tStatistic)
            try c.encode(tP, forKey: .tP)
            try c.encode(wilcoxonP, forKey: .wilcoxonP)
            try c.encode(cohensDz, forKey: .cohensDz)
            try c.encode(alphaNeed, forKey: .alphaNeed)
            try c.encode(alphaExperience, forKey: .alphaExperience)
            try c.encode(suppressed, forKey: .suppressed)
        }

        public init(_ result: SurveyGapResult) {
            dimension = result.dimension
            segment = result.segment.map { Segment(variable: $0.variable, level: $0.level) }
            n = result.n
            needMean = result.needMean
            experienceMean = result.experienceMean
            gapMean = result.gapMean
            gapSd = result.gapStandardDeviation
            gapCiLow = result.gapConfidenceInterval?.low
            gapCiHigh = result.gapConfidenceInterval?.high
            tStatistic = result.tStatistic
            tP = result.tPValue
            wilcoxonP = result.wilcoxonPValue
            cohensDz = result.cohensDz
            alphaNeed = result.alphaNeed.value
            alphaExperience = result.alphaExperience.value
            suppressed = result.isSuppressed
        }
    }

    public struct Point: Encodable, Sendable {
        public let dimension: String
        public let need: Double
        public let experience: Double
        public let quadrant: String
        public let diagonal: String
    }

    public struct ImportancePerformance: Encodable, Sendable {
        public let crosshair: String
        public let crosshairNeed: Double
        public let crosshairExperience: Double
        public let points: [Point]

        enum CodingKeys: String, CodingKey {
            case crosshair, points
            case crosshairNeed = "crosshair_need", crosshairExperience = "crosshair_experience"
        }
    }

    public struct WaveDifference: Encodable, Sendable {
        public let dimension: String
        public let fromWave: String
        public let toWave: String
        public let fromN: Int
        public let toN: Int
        public let difference, ciLow, ciHigh, p: Double?

        enum CodingKeys: String, CodingKey {
            case dimension, difference, p
            case fromWave = "from_wave", toWave = "to_wave", fromN = "from_n", toN = "to_n", ciLow = "ci_low", ciHigh = "ci_high"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(dimension, forKey: .dimension)
            try c.encode(fromWave, forKey: .fromWave)
            try c.encode(toWave, forKey: .toWave)
            try c.encode(fromN, forKey: .fromN)
            try c.encode(toN, forKey: .toN)
            try c.encode(difference, forKey: .difference)
            try c.encode(ciLow, forKey: .ciLow)
            try c.encode(ciHigh, forKey: .ciHigh)
            try c.encode(p, forKey: .p)
        }
    }

    public let respondents: Int
    public let scaleMin: Double
    public let scaleMax: Double
    public let confidenceLevel: Double
    public let results: [Result]
    public let importancePerformance: ImportancePerformance
    public let waveDifferences: [WaveDifference]

    enum CodingKeys: String, CodingKey {
        case respondents, results
        case scaleMin = "scale_min", scaleMax = "scale_max", confidenceLevel = "confidence_level"
        case importancePerformance = "importance_performance", waveDifferences = "wave_differences"
    }

    /// - Parameters:
    ///   - waveVariable: the segment variable that holds the waves, its levels in time order.
    ///   - comparedWaves: the two wave levels to compare (difference = to − from); nil for
    ///     the two latest, that is the last two levels.
    public init(responses: SurveyResponses, analysis: SurveyGapAnalysis,
                crosshair: ImportancePerformanceCrosshair = .dataMeans, waveVariable: String = "wave",
                comparedWaves: (from: String, to: String)? = nil) {
        respondents = responses.respondentCount
        scaleMin = responses.scale.minimum
        scaleMax = responses.scale.maximum
        confidenceLevel = analysis.confidenceLevel
        results = analysis.results.map(Result.init)
        let ipa = ImportancePerformanceAnalysis(results: analysis.overallResults, scale: responses.scale, crosshair: crosshair)
        importancePerformance = ImportancePerformance(
            crosshair: ipa.crosshair.rawValue, crosshairNeed: ipa.crosshairNeed, crosshairExperience: ipa.crosshairExperience,
            points: ipa.points.map {
                Point(dimension: $0.dimension, need: $0.need, experience: $0.experience, quadrant: $0.quadrant.rawValue,
                      diagonal: $0.diagonalSide.rawValue)
            })
        let levels = responses.segment(named: waveVariable)?.levels ?? []
        let pair = comparedWaves ?? (levels.count >= 2 ? (levels[levels.count - 2], levels[levels.count - 1]) : nil)
        if let pair, let differences = analysis.waveDifferences(waveVariable: waveVariable, from: pair.from, to: pair.to) {
            waveDifferences = differences.map {
                WaveDifference(dimension: $0.dimension, fromWave: $0.fromWave, toWave: $0.toWave, fromN: $0.fromN,
                               toN: $0.toN, difference: $0.difference, ciLow: $0.confidenceInterval?.low,
                               ciHigh: $0.confidenceInterval?.high, p: $0.pValue)
            }
        } else {
            waveDifferences = []
        }
    }

    public func json(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return try encoder.encode(self)
    }
}
