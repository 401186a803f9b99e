import Foundation

/// The experience-versus-need analysis of a survey: every dimension for all respondents
/// and for every level of every segment variable (waves are a segment variable too).
public struct SurveyGapAnalysis: Sendable {
    public let scale: SurveyScale
    public let confidenceLevel: Double
    /// Per dimension (in survey order): all respondents first, then each segment variable
    /// in survey order with its levels in declared order.
    public let results: [SurveyGapResult]

    /// - Parameters:
    ///   - segmentVariables: names of the variables to break down by; nil for all of them.
    ///   - confidenceLevel: of the mean gap interval, 0.95 by default.
    public init(
        _ responses: SurveyResponses, segmentVariables: [String]? = nil, confidenceLevel: Double = 0.95
    ) {
        precondition(confidenceLevel > 0 && confidenceLevel < 1, "confidence level must lie in (0, 1)")
        let segments = responses.segments.filter { segmentVariables?.contains($0.name) ?? true }
        let cells = RespondentCells(respondentCount: responses.respondentCount, variables: segments)
        // Dimensions are independent: analyse them concurrently, keep the survey order.
        let collected = DimensionResults(count: responses.dimensions.count)
        let scale = responses.scale
        let dimensions = responses.dimensions
        DispatchQueue.concurrentPerform(iterations: dimensions.count) { index in
            collected.store(
                Self.results(dimension: dimensions[index], scale: scale, cells: cells,
                             confidenceLevel: confidenceLevel),
                at: index)
        }
        let results = collected.joined()
        self.scale = responses.scale
        self.confidenceLevel = confidenceLevel
        self.results = results
    }

    /// The result of one dimension for all respondents (segment nil) or one segment level.
    public func result(dimension: String, segment: SurveySegmentLevel? = nil) -> SurveyGapResult? {
        results.first { $0.dimension == dimension && $0.segment == segment }
    }

    /// The all-respondent result of every dimension, in survey order.
    public var overallResults: [SurveyGapResult] { results.filter { $0.segment == nil } }

    /// Every cell of one dimension: scores once, then one pass per statistic over all cells.
    private static func results(
        dimension: SurveyDimensionAnswers, scale: SurveyScale, cells: RespondentCells, confidenceLevel: Double
    ) -> [SurveyGapResult] {
        let scores = DimensionScores(dimension, scale: scale)
        let moments = GapMoments.accumulate(scores, cells: cells)
        let wilcoxon = AbsoluteGapTies(gaps: scores.gap)
            .signedRankTests(gaps: scores.gap, cells: cells, pairs: moments.map(\.pairs))
        let reverse = dimension.items.map(\.isReverseCoded)
        let alphaNeed = CronbachAlpha.perCell(
            columns: dimension.items.map(\.need), reverseCoded: reverse, scale: scale, cells: cells)
        let alphaExperience = CronbachAlpha.perCell(
            columns: dimension.items.map(\.experience), reverseCoded: reverse, scale: scale, cells: cells)
        return (0..<cells.cellCount).map { cell in
            SurveyGapResult(
                dimension: dimension.code, segment: cells.segments[cell], moments: moments[cell],
                wilcoxon: wilcoxon[cell], alphaNeed: alphaNeed[cell], alphaExperience: alphaExperience[cell],
                confidenceLevel: confidenceLevel)
        }
    }
}

/// Per-dimension results written by concurrent workers, each to its own slot.
private final class DimensionResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[SurveyGapResult]]

    init(count: Int) { slots = [[SurveyGapResult]](repeating: [], count: count) }

    func store(_ results: [SurveyGapResult], at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = results
    }

    func joined() -> [SurveyGapResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
