/// Why weights cannot be computed from the given population margins.
public enum SurveyWeightingError: Error, Equatable, Sendable {
    /// A share is negative, not finite, or all shares are zero.
    case invalidShares(variable: String)
    /// Respondents have a level the margin gives no share for.
    case missingShare(variable: String, level: String)
    /// The population has this level (share > 0) but no respondent does: no weight can fix that.
    case emptyStratum(variable: String, level: String)
    /// The weights would apply to a different number of respondents.
    case lengthMismatch(expected: Int, actual: Int)
}

/// Known population distribution of one respondent variable, e.g. age band shares from CBS.
///
/// Shares may be proportions or counts; they are normalised to sum to 1.
public struct PopulationMargin: Sendable {
    public let variable: SurveySegmentVariable
    public let shares: [String: Double]

    public init(variable: SurveySegmentVariable, shares: [String: Double]) {
        self.variable = variable
        self.shares = shares
    }

    /// Normalised share per level index of the variable, after checking every sampled level has one.
    func normalisedShares() throws(SurveyWeightingError) -> [Double] {
        let total = shares.values.reduce(0, +)
        guard total > 0, total.isFinite, shares.values.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw .invalidShares(variable: variable.name)
        }
        var counts = [Int](repeating: 0, count: variable.levels.count)
        for index in variable.levelIndices where index >= 0 { counts[Int(index)] += 1 }
        for (level, share) in shares.sorted(by: { $0.key < $1.key }) where share > 0 {
            guard let index = variable.levelIndex(of: level), counts[index] > 0 else {
                throw .emptyStratum(variable: variable.name, level: level)
            }
        }
        return try variable.levels.enumerated().map { (index, level) throws(SurveyWeightingError) in
            guard let share = shares[level] else {
                if counts[index] > 0 { throw .missingShare(variable: variable.name, level: level) }
                return 0
            }
            return share / total
        }
    }
}

/// Raking outcome: the weights and whether the margins were met within tolerance.
public struct RakingResult: Sendable {
    public let weights: [Double]
    public let iterations: Int
    public let converged: Bool
    /// Largest |weighted share − population share| over all margins after the last cycle.
    public let maximumMarginError: Double
}

/// Post-stratification and raking weights, and Kish's effective sample size.
///
/// Weights are scaled to average 1 over the respondents they apply to, so weighted counts
/// read as respondents. A respondent whose level is missing on a weighting variable cannot
/// be placed in a stratum and gets weight 0 (the other weights still sum to their count).
public enum SurveyWeighting {
    /// Post-stratification on one variable: w = share_h · n / n_h for a respondent in level h.
    public static func postStratificationWeights(
        _ margin: PopulationMargin
    ) throws(SurveyWeightingError) -> [Double] {
        let shares = try margin.normalisedShares()
        let indices = margin.variable.levelIndices
        var counts = [Double](repeating: 0, count: shares.count)
        for index in indices where index >= 0 { counts[Int(index)] += 1 }
        let placed = counts.reduce(0, +)
        let levelWeight = shares.indices.map { counts[$0] > 0 ? shares[$0] * placed / counts[$0] : 0 }
        return indices.map { $0 >= 0 ? levelWeight[Int($0)] : 0 }
    }

    /// Raking (iterative proportional fitting) to several margins at once.
    ///
    /// Starts from weight 1 and, cycling through the margins in order, scales each level's
    /// weights so the weighted shares match that margin. Stops when after a full cycle
    /// every weighted share is within `tolerance` of its population share.
    public static func rakingWeights(
        _ margins: [PopulationMargin], tolerance: Double = 1e-12, maximumIterations: Int = 1000
    ) throws(SurveyWeightingError) -> RakingResult {
        guard let count = margins.first?.variable.levelIndices.count else {
            return RakingResult(weights: [], iterations: 0, converged: true, maximumMarginError: 0)
        }
        var allShares: [[Double]] = []
        for margin in margins {
            guard margin.variable.levelIndices.count == count else {
                throw .lengthMismatch(expected: count, actual: margin.variable.levelIndices.count)
            }
            allShares.append(try margin.normalisedShares())
        }
        var weights = [Double](repeating: 1, count: count)
        for margin in margins {
            for (respondent, index) in margin.variable.levelIndices.enumerated() where index < 0 {
                weights[respondent] = 0
            }
        }
        let total = weights.reduce(0, +)
        var iterations = 0
        var error = Double.infinity
        while iterations < maximumIterations {
            iterations += 1
            for (margin, shares) in zip(margins, allShares) {
                let totals = levelTotals(weights, margin.variable)
                let factors = shares.indices.map { totals[$0] > 0 ? shares[$0] * total / totals[$0] : 0 }
                for (respondent, index) in margin.variable.levelIndices.enumerated() where index >= 0 {
                    weights[respondent] *= factors[Int(index)]
                }
            }
            error = 0
            for (margin, shares) in zip(margins, allShares) {
                let totals = levelTotals(weights, margin.variable)
                let sum = totals.reduce(0, +)
                for level in shares.indices { error = max(error, abs(totals[level] / sum - shares[level])) }
            }
            if error <= tolerance { break }
        }
        return RakingResult(
            weights: weights, iterations: iterations, converged: error <= tolerance, maximumMarginError: error)
    }

    /// Kish's effective sample size (Σw)² / Σw²: the unweighted sample size with the same precision.
    /// 0 for no positive weight.
    public static func kishEffectiveSampleSize(_ weights: [Double]) -> Double {
        var sum = 0.0
        var squares = 0.0
        for weight in weights {
            sum += weight
            squares += weight * weight
        }
        return squares > 0 ? sum * sum / squares : 0
    }

    private static func levelTotals(_ weights: [Double], _ variable: SurveySegmentVariable) -> [Double] {
        var totals = [Double](repeating: 0, count: variable.levels.count)
        for (respondent, index) in variable.levelIndices.enumerated() where index >= 0 {
            totals[Int(index)] += weights[respondent]
        }
        return totals
    }
}
