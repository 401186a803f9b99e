/// Where the crosshair of the importance-performance chart sits. The choice moves
/// dimensions between quadrants, so the chart always says which was used.
public enum ImportancePerformanceCrosshair: String, Sendable, Hashable, Codable, CaseIterable {
    /// The mean need and mean experience over the plotted dimensions (each dimension counts once).
    case dataMeans = "data-means"
    /// The middle of the answer scale on both axes.
    case scaleMidpoint = "scale-midpoint"
}

/// The quadrants of Martilla & James (1977), with need as importance and experience as performance.
public enum ImportancePerformanceQuadrant: String, Sendable, Hashable, Codable, CaseIterable {
    /// High need, low experience.
    case concentrateHere = "concentrate-here"
    /// High need, high experience ("keep up the good work").
    case keepUp = "keep-up"
    /// Low need, low experience.
    case lowPriority = "low-priority"
    /// Low need, high experience.
    case possibleOverkill = "possible-overkill"

    /// A point exactly on a crosshair line counts as high on that axis.
    public init(need: Double, experience: Double, crosshairNeed: Double, crosshairExperience: Double) {
        let highNeed = need >= crosshairNeed
        let highExperience = experience >= crosshairExperience
        switch (highNeed, highExperience) {
        case (true, false): self = .concentrateHere
        case (true, true): self = .keepUp
        case (false, false): self = .lowPriority
        case (false, true): self = .possibleOverkill
        }
    }
}

/// The gap-based reading: the diagonal need = experience.
public enum GapDiagonalSide: String, Sendable, Hashable, Codable {
    /// Need above experience: needs improvement.
    case aboveNeedsImprovement = "above"
    case onDiagonal = "on"
    case below = "below"
}

/// One dimension on the chart at (experience, need).
public struct ImportancePerformancePoint: Sendable, Hashable {
    public let dimension: String
    public let need: Double
    public let experience: Double
    public let quadrant: ImportancePerformanceQuadrant
    /// need − experience.
    public let gap: Double
    public let diagonalSide: GapDiagonalSide
    /// The underlying cell is below the suppression threshold.
    public let isSuppressed: Bool
}

/// The importance-performance analysis of a set of dimension results (one segment or all).
public struct ImportancePerformanceAnalysis: Sendable, Hashable {
    public let crosshair: ImportancePerformanceCrosshair
    public let crosshairNeed: Double
    public let crosshairExperience: Double
    public let points: [ImportancePerformancePoint]
    /// Dimensions left out because no respondent had both scores.
    public let omittedDimensions: [String]

    /// With `.dataMeans` and no plottable dimension the crosshair falls back to the scale
    /// midpoint coordinates (there are no points to classify anyway).
    public init(results: [SurveyGapResult], scale: SurveyScale, crosshair: ImportancePerformanceCrosshair) {
        var plotted: [(String, Double, Double, Bool)] = []
        var omitted: [String] = []
        for result in results {
            if let need = result.needMean, let experience = result.experienceMean {
                plotted.append((result.dimension, need, experience, result.isSuppressed))
            } else {
                omitted.append(result.dimension)
            }
        }
        var centreNeed = scale.midpoint
        var centreExperience = scale.midpoint
        if crosshair == .dataMeans && !plotted.isEmpty {
            centreNeed = plotted.reduce(0) { $0 + $1.1 } / Double(plotted.count)
            centreExperience = plotted.reduce(0) { $0 + $1.2 } / Double(plotted.count)
        }
        self.crosshair = crosshair
        self.crosshairNeed = centreNeed
        self.crosshairExperience = centreExperience
        self.omittedDimensions = omitted
        self.points = plotted.map { dimension, need, experience, suppressed in
            let gap = need - experience
            return ImportancePerformancePoint(
                dimension: dimension, need: need, experience: experience,
                quadrant: ImportancePerformanceQuadrant(
                    need: need, experience: experience, crosshairNeed: centreNeed,
                    crosshairExperience: centreExperience),
                gap: gap,
                diagonalSide: gap > 0 ? .aboveNeedsImprovement : (gap < 0 ? .below : .onDiagonal),
                isSuppressed: suppressed)
        }
    }
}
