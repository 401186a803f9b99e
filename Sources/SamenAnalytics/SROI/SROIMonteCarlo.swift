import Foundation

/// One bar of the ratio's histogram: [lower, upper) (the last bar includes its upper end).
public struct SROIHistogramBin: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let count: Int
}

/// The distribution of the ratio over the draws.
public struct SROIMonteCarloResult: Sendable, Equatable {
    public let draws: Int
    public let seed: UInt64
    public let p5: Double
    public let p50: Double
    public let p95: Double
    public let mean: Double
    public let probabilityAboveOne: Double
    public let histogram: [SROIHistogramBin]
}

public enum SROIMonteCarlo {
    public static let defaultDraws = 10_000
    public static let defaultSeed: UInt64 = 2026
    public static let histogramBins = 20

    /// The inverse CDF of the triangular distribution (low, mode, high) at u ∈ [0, 1).
    public static func triangular(low: Double, mode: Double, high: Double, u: Double) -> Double {
        let width = high - low
        guard width > 0 else { return mode }
        if u < (mode - low) / width {
            return low + (u * width * (mode - low)).squareRoot()
        }
        return high - ((1 - u) * width * (high - mode)).squareRoot()
    }

    /// Draws every row's assumptions from their triangular distributions (the row's value as
    /// the mode) with SplitMix64, whose k-th output is a pure function of seed + k·γ, so the
    /// NumPy reference (scripts/sroi_reference.py) draws the same numbers; reports the ratio's percentiles. For each draw, each row, each assumption
    /// in `SROIAssumption.allCases` order one uniform is used, whether the assumption has a
    /// range or not, so giving one assumption a range never shifts the draws of the others.
    /// The discount rate stays fixed. The draws run in `threads` chunks (see
    /// `SROIMonteCarloDraws`); the result does not depend on their number. Percentiles interpolate linearly between order
    /// statistics (NumPy's default, "type 7").
    public static func run(_ map: SROIImpactMap, draws: Int = defaultDraws, seed: UInt64 = defaultSeed,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> SROIMonteCarloResult {
        summary(SROIMonteCarloDraws(map).ratios(draws: draws, seed: seed, threads: threads), seed: seed)
    }

    static func summary(_ ratios: [Double], seed: UInt64) -> SROIMonteCarloResult {
        let sorted = ratios.sorted()
        let above = ratios.reduce(0) { $0 + ($1 > 1 ? 1 : 0) }
        return SROIMonteCarloResult(
            draws: ratios.count, seed: seed,
            p5: percentile(sorted, 5), p50: percentile(sorted, 50), p95: percentile(sorted, 95),
            mean: ratios.reduce(0, +) / Double(max(ratios.count, 1)),
            probabilityAboveOne: Double(above) / Double(max(ratios.count, 1)),
            histogram: histogram(sorted))
    }

    /// The p-th percentile (0–100) of sorted values, linear between order statistics.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * p / 100
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// `histogramBins` equal bins from the smallest to the largest ratio; one bin when all are equal.
    static func histogram(_ sorted: [Double]) -> [SROIHistogramBin] {
        guard let first = sorted.first, let last = sorted.last else { return [] }
        guard last > first else { return [SROIHistogramBin(lower: first, upper: last, count: sorted.count)] }
        let width = (last - first) / Double(histogramBins)
        var counts = [Int](repeating: 0, count: histogramBins)
        for value in sorted {
            counts[min(Int((value - first) / width), histogramBins - 1)] += 1
        }
        return counts.enumerated().map { index, count in
            SROIHistogramBin(lower: first + Double(index) * width,
                             upper: index == histogramBins - 1 ? last : first + Double(index + 1) * width, count: count)
        }
    }
}
