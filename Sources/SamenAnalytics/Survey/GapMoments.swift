/// Sums and squared deviations of the paired scores of one cell of respondents.
///
/// Only respondents with both a need and an experience score count ("pairs"), so the
/// mean gap equals mean need − mean experience up to rounding.
struct GapMoments: Sendable {
    var pairs = 0
    var needSum = 0.0
    var experienceSum = 0.0
    var gapSum = 0.0
    var gapMinimum = Double.infinity
    var gapMaximum = -Double.infinity
    /// Σ (gap − mean gap)², from a second pass (more accurate than Σgap² − n·mean²).
    var gapSquaredDeviations = 0.0

    var needMean: Double? { pairs > 0 ? needSum / Double(pairs) : nil }
    var experienceMean: Double? { pairs > 0 ? experienceSum / Double(pairs) : nil }

    /// The mean gap; exactly the common value when all gaps are equal.
    var gapMean: Double? {
        guard pairs > 0 else { return nil }
        return gapMinimum == gapMaximum ? gapMinimum : gapSum / Double(pairs)
    }

    /// The sample variance (n − 1 denominator); exactly 0 when all gaps are equal.
    var gapVariance: Double? {
        guard pairs >= 2 else { return nil }
        return gapMinimum == gapMaximum ? 0 : gapSquaredDeviations / Double(pairs - 1)
    }

    /// Accumulates every cell in two passes over the score columns.
    static func accumulate(_ scores: DimensionScores, cells: RespondentCells) -> [GapMoments] {
        var moments = [GapMoments](repeating: GapMoments(), count: cells.cellCount)
        scores.need.withUnsafeBufferPointer { need in
            scores.experience.withUnsafeBufferPointer { experience in
                scores.gap.withUnsafeBufferPointer { gap in
                    moments.withUnsafeMutableBufferPointer { moments in
                        cells.forEachMembership { respondent, cell in
                            let difference = gap[respondent]
                            if difference.isNaN { return }
                            moments[cell].pairs += 1
                            moments[cell].needSum += need[respondent]
                            moments[cell].experienceSum += experience[respondent]
                            moments[cell].gapSum += difference
                            moments[cell].gapMinimum = min(moments[cell].gapMinimum, difference)
                            moments[cell].gapMaximum = max(moments[cell].gapMaximum, difference)
                        }
                        let means = moments.map { $0.gapMean ?? 0 }
                        cells.forEachMembership { respondent, cell in
                            let difference = gap[respondent]
                            if difference.isNaN { return }
                            let deviation = difference - means[cell]
                            moments[cell].gapSquaredDeviations += deviation * deviation
                        }
                    }
                }
            }
        }
        return moments
    }
}
