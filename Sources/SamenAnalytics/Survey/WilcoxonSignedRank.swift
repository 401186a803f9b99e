/// The Wilcoxon signed-rank test of one group's gaps (need − experience against 0).
///
/// Matches `scipy.stats.wilcoxon(gaps, zero_method="wilcox", correction=False,
/// method="asymptotic")`: zero gaps are dropped, |gap| is ranked with average ranks for
/// ties, and z = (R⁺ − n(n+1)/4) / σ with the tie-corrected
/// σ² = [n(n+1)(2n+1) − ½ Σ(t³ − t)] / 24; the p-value is two-sided normal.
/// Ties are equal values exactly, as in scipy.
public struct WilcoxonSignedRankResult: Sendable, Hashable {
    /// Respondents with a non-zero gap (the n of the test).
    public let nonZeroCount: Int
    /// Sum of the ranks of the positive gaps.
    public let positiveRankSum: Double
    /// Sum of the ranks of the negative gaps.
    public let negativeRankSum: Double
    /// min(R⁺, R⁻), scipy's two-sided statistic.
    public var statistic: Double { min(positiveRankSum, negativeRankSum) }
    /// (R⁺ − mean) / σ.
    public let z: Double
    public let pValue: Double
}

/// The tie structure of one dimension's |gap| values, shared by every cell.
///
/// Each respondent with a non-zero gap gets the index of its |gap| among the distinct
/// |gap| values in ascending order. Survey gaps take few distinct values, so each cell's
/// rank sums then follow from counts per distinct value in one pass, without sorting
/// the respondents; when there are many distinct values it falls back to sorting per cell.
struct AbsoluteGapTies: Sendable {
    enum Strategy: Sendable { case automatic, counting, sorting }

    /// Index of |gap| among the distinct values, or −1 for a missing or zero gap.
    let tieIndices: [Int32]
    let distinctCount: Int

    init(gaps: [Double]) {
        var indexer = DistinctValueIndexer()
        var indices = [Int32](repeating: -1, count: gaps.count)
        indices.withUnsafeMutableBufferPointer { indices in
            gaps.withUnsafeBufferPointer { gaps in
                // Survey gaps repeat a handful of values: remember the last one looked up.
                var lastBits: UInt64 = 0
                var lastIndex: Int32 = -1
                for respondent in 0..<gaps.count {
                    let gap = gaps[respondent]
                    if gap.isNaN || gap == 0 { continue }
                    let bits = abs(gap).bitPattern
                    if bits != lastBits || lastIndex < 0 {
                        lastBits = bits
                        lastIndex = indexer.index(of: abs(gap))
                    }
                    indices[respondent] = lastIndex
                }
            }
        }
        // Renumber the first-seen indices in ascending order of value.
        let order = indexer.values.indices.sorted { indexer.values[$0] < indexer.values[$1] }
        var rankOf = [Int32](repeating: 0, count: order.count)
        for (rank, original) in order.enumerated() { rankOf[original] = Int32(rank) }
        for respondent in indices.indices where indices[respondent] >= 0 {
            indices[respondent] = rankOf[Int(indices[respondent])]
        }
        tieIndices = indices
        distinctCount = order.count
    }

    /// The test per cell; nil for cells with fewer than 2 pairs or no non-zero gap.
    func signedRankTests(
        gaps: [Double], cells: RespondentCells, pairs: [Int], strategy: Strategy = .automatic
    ) -> [WilcoxonSignedRankResult?] {
        let useCounting: Bool
        switch strategy {
        case .counting: useCounting = true
        case .sorting: useCounting = false
        case .automatic:
            useCounting = cells.cellCount * distinctCount <= 4 * tieIndices.count + 4096
        }
        let sums = useCounting ? countingRankSums(gaps: gaps, cells: cells)
            : sortingRankSums(gaps: gaps, cells: cells)
        return sums.enumerated().map { cell, sum in
            guard pairs[cell] >= 2, sum.count > 0 else { return nil }
            return Self.result(count: sum.count, positiveRankSum: sum.positive, tieTerm: sum.tieTerm)
        }
    }

    static func result(count: Int, positiveRankSum: Double, tieTerm: Double) -> WilcoxonSignedRankResult {
        let n = Double(count)
        let total = n * (n + 1) / 2
        let mean = n * (n + 1) * 0.25
        let sigma = ((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24).squareRoot()
        let z = (positiveRankSum - mean) / sigma
        return WilcoxonSignedRankResult(
            nonZeroCount: count, positiveRankSum: positiveRankSum,
            negativeRankSum: total - positiveRankSum, z: z,
            pValue: NormalDistribution.twoSidedPValue(z))
    }

    private struct RankSums {
        var count = 0
        var positive = 0.0
        /// Σ (t³ − t) over tie groups.
        var tieTerm = 0.0

        /// Adds one run of `tied` equal |gap| values, `positives` of them positive.
        mutating func addRun(tied: Int, positives: Int) {
            let averageRank = Double(count) + Double(tied + 1) / 2
            positive += Double(positives) * averageRank
            let t = Double(tied)
            tieTerm += t * t * t - t
            count += tied
        }
    }

    /// Counts per (cell, distinct |gap|): `tied` in the low 32 bits, positives in the high.
    private func countingRankSums(gaps: [Double], cells: RespondentCells) -> [RankSums] {
        let width = distinctCount
        var counts = [UInt64](repeating: 0, count: cells.cellCount * width)
        tieIndices.withUnsafeBufferPointer { ties in
            gaps.withUnsafeBufferPointer { gaps in
                counts.withUnsafeMutableBufferPointer { counts in
                    cells.forEachMembership { respondent, cell in
                        let tie = Int(ties[respondent])
                        if tie < 0 { return }
                        counts[cell * width + tie] &+= gaps[respondent] > 0 ? 0x1_0000_0001 : 1
                    }
                }
            }
        }
        return (0..<cells.cellCount).map { cell in
            var sums = RankSums()
            for tie in 0..<width {
                let count = counts[cell * width + tie]
                if count == 0 { continue }
                sums.addRun(tied: Int(count & 0xFFFF_FFFF), positives: Int(count >> 32))
            }
            return sums
        }
    }

    /// For many distinct values: per cell, sort keys (tie index, sign) and sweep the runs.
    private func sortingRankSums(gaps: [Double], cells: RespondentCells) -> [RankSums] {
        var keysByCell = [[UInt64]](repeating: [], count: cells.cellCount)
        cells.forEachMembership { respondent, cell in
            let tie = tieIndices[respondent]
            if tie < 0 { return }
            keysByCell[cell].append(UInt64(tie) << 1 | (gaps[respondent] > 0 ? 1 : 0))
        }
        return keysByCell.map { keys in
            var sums = RankSums()
            let sorted = keys.sorted()
            var start = 0
            while start < sorted.count {
                let tie = sorted[start] >> 1
                var end = start
                var positives = 0
                while end < sorted.count && sorted[end] >> 1 == tie {
                    positives += Int(sorted[end] & 1)
                    end += 1
                }
                sums.addRun(tied: end - start, positives: positives)
                start = end
            }
            return sums
        }
    }
}

/// Numbers distinct Double values in order of first appearance (open addressing on the
/// bit pattern; a few nanoseconds per lookup while the table stays in cache).
struct DistinctValueIndexer {
    private(set) var values: [Double] = []
    private var slots = [Int32](repeating: -1, count: 64)
    private var mask = 63

    mutating func index(of value: Double) -> Int32 {
        let bits = value.bitPattern
        var slot = Self.hash(bits) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { break }
            if values[Int(existing)].bitPattern == bits { return existing }
            slot = (slot + 1) & mask
        }
        let index = Int32(values.count)
        values.append(value)
        slots[slot] = index
        if values.count * 2 > slots.count { grow() }
        return index
    }

    private static func hash(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (index, value) in values.enumerated() {
            var slot = Self.hash(value.bitPattern) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
