/// Cronbach's alpha of the need items or the experience items of one dimension.
///
/// α = k/(k−1) · (1 − Σ s²ᵢ / s²ₓ), with sample variances (n − 1) of each item and of
/// the item total, over the respondents who answered all k items (listwise complete
/// cases; pairwise deletion can give α outside its range). Reverse-coded items are
/// flipped first (domain.md §7). `value` is nil when k < 2, when fewer than 2
/// respondents are complete, or when every complete respondent has the same total
/// (s²ₓ = 0). α is not clamped: it can be negative when items disagree.
public struct CronbachAlpha: Sendable, Hashable {
    public let value: Double?
    public let itemCount: Int
    /// Respondents who answered all items.
    public let completeCases: Int

    /// 0.70, the customary threshold for a satisfactory scale.
    public static let satisfactoryThreshold = 0.70

    public var isSatisfactory: Bool? { value.map { $0 >= Self.satisfactoryThreshold } }

    /// Alpha per cell in one pass over the item columns.
    ///
    /// Variances come from sums of (x − c) and (x − c)² with c the scale midpoint (k · c for
    /// the total). Shifting to the middle of a bounded scale keeps the cancellation in
    /// Σd² − (Σd)²/n small; for integer answers every sum is an exact integer (or half-integer)
    /// in Double, so the variances are exact up to the final division.
    static func perCell(
        columns: [[Double]], reverseCoded: [Bool], scale: SurveyScale, cells: RespondentCells
    ) -> [CronbachAlpha] {
        let k = columns.count
        let cellCount = cells.cellCount
        guard k >= 2 else {
            return [CronbachAlpha](repeating: CronbachAlpha(value: nil, itemCount: k, completeCases: 0),
                                   count: cellCount)
        }
        let count = cells.respondentCount
        // Flipped and shifted answers, respondent by respondent, in one buffer (NaN = missing).
        let shift = scale.midpoint
        var shifted = [Double](repeating: 0, count: k * count)
        shifted.withUnsafeMutableBufferPointer { shifted in
            for item in 0..<k {
                let reverse = reverseCoded[item]
                columns[item].withUnsafeBufferPointer { column in
                    for respondent in 0..<count {
                        let raw = column[respondent]
                        shifted[respondent * k + item] = (reverse ? scale.reversed(raw) : raw) - shift
                    }
                }
            }
        }
        // Per cell: complete count, Σd and Σd² per item, Σ, Σ², min and max of the total.
        let stride = 2 * k + 5
        var sums = [Double](repeating: 0, count: cellCount * stride)
        for cell in 0..<cellCount {
            sums[cell * stride + 2 * k + 3] = .infinity
            sums[cell * stride + 2 * k + 4] = -.infinity
        }
        shifted.withUnsafeBufferPointer { answers in
            sums.withUnsafeMutableBufferPointer { sums in
                var lastRespondent = -1
                var total = Double.nan
                cells.forEachMembership { respondent, cell in
                    let row = respondent * k
                    if respondent != lastRespondent {
                        // Once per respondent: the total, NaN unless every item was answered.
                        lastRespondent = respondent
                        total = 0
                        for item in 0..<k { total += answers[row + item] }
                    }
                    if total.isNaN { return }
                    let base = cell * stride
                    sums[base] += 1
                    for item in 0..<k {
                        let answer = answers[row + item]
                        sums[base + 1 + 2 * item] += answer
                        sums[base + 2 + 2 * item] += answer * answer
                    }
                    sums[base + 2 * k + 1] += total
                    sums[base + 2 * k + 2] += total * total
                    sums[base + 2 * k + 3] = min(sums[base + 2 * k + 3], total)
                    sums[base + 2 * k + 4] = max(sums[base + 2 * k + 4], total)
                }
            }
        }
        return (0..<cellCount).map { cell in
            let base = cell * stride
            let n = Int(sums[base])
            guard n >= 2, sums[base + 2 * k + 3] != sums[base + 2 * k + 4] else {
                return CronbachAlpha(value: nil, itemCount: k, completeCases: n)
            }
            // Sums of squared deviations; the n − 1 denominators cancel in the ratio.
            let size = Double(n)
            var itemDeviations = 0.0
            for item in 0..<k {
                let sum = sums[base + 1 + 2 * item]
                itemDeviations += sums[base + 2 + 2 * item] - sum * sum / size
            }
            let totalSum = sums[base + 2 * k + 1]
            let totalDeviations = sums[base + 2 * k + 2] - totalSum * totalSum / size
            let kk = Double(k)
            return CronbachAlpha(
                value: kk / (kk - 1) * (1 - itemDeviations / totalDeviations), itemCount: k, completeCases: n)
        }
    }
}
