/// The SROI Monte Carlo's draw loop on flat tables, in a module of its own so that it can be
/// compiled twice: here for the baseline processor, and in `SamenSROIKernelV3` for AVX2
/// (its body is `@inlinable`, so that module compiles it again with its own instructions).
/// `SamenAnalytics.SROIMonteCarloDraws` builds the tables from an impact map, splits the
/// draws into chunks and picks the build. SplitMix64's k-th output depends only on
/// seed + k·γ, so a range of draws starting at draw d starts its generator at
/// seed + d·(rows·width)·γ and draws exactly the numbers a single pass would. An assumption
/// without a range only advances the state (its uniform is never used), and a row without
/// any range has its present value computed once.
public struct SROIDrawKernel: Sendable {
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One assumption of one row: its mode and, when it has a range, the triangular
    /// distribution's precomputed spans (the same subexpressions as `SROIMonteCarlo.triangular`).
    public struct Cell: Sendable {
        public var mode: Double
        public var ranged: Bool
        public var low = 0.0, high = 0.0, width = 0.0, lowSpan = 0.0, highSpan = 0.0, threshold = 0.0

        public init(mode: Double, low: Double, high: Double) {
            self.mode = mode
            ranged = high - low > 0
            guard ranged else { return }
            self.low = low
            self.high = high
            width = high - low
            lowSpan = mode - low
            highSpan = high - mode
            threshold = (mode - low) / width
        }

        public init(mode: Double) {
            self.mode = mode
            ranged = false
        }
    }

    /// A row: where its cells start, its first year, and its present value when no cell is ranged.
    public struct Row: Sendable {
        public var firstCell: Int
        public var start: Int
        public var fixedPresentValue: Double?
        /// The longest duration a draw can give this row (its range's high end, or its value).
        public var maxDuration: Double

        public init(firstCell: Int, start: Int, fixedPresentValue: Double?, maxDuration: Double) {
            self.firstCell = firstCell
            self.start = start
            self.fixedPresentValue = fixedPresentValue
            self.maxDuration = maxDuration
        }
    }

    public let cells: [Cell]
    public let rows: [Row]
    /// The discount factor of each year (index = year), long enough for every row's last year.
    public let factors: [Double]
    public let inputs: Double
    /// Cells per row (the assumptions, in their fixed order).
    public let width: Int

    public init(cells: [Cell], rows: [Row], factors: [Double], inputs: Double, width: Int) {
        self.cells = cells
        self.rows = rows
        self.factors = factors
        self.inputs = inputs
        self.width = width
    }

    /// Fills `count` ratios starting at draw `firstDraw`: whole groups of lanes, then the
    /// rest one draw at a time.
    @inlinable @inline(__always)
    public func fill(_ out: UnsafeMutablePointer<Double>, firstDraw: Int, count: Int, seed: UInt64) {
        let lanes = count / Lanes.scalarCount * Lanes.scalarCount
        fillLanes(out, firstDraw: firstDraw, count: lanes, seed: seed)
        fillOneByOne(out + lanes, firstDraw: firstDraw + lanes, count: count - lanes, seed: seed)
    }

    /// Fills `count` ratios starting at draw `firstDraw`, one draw at a time.
    @inlinable @inline(__always)
    public func fillOneByOne(_ out: UnsafeMutablePointer<Double>, firstDraw: Int, count: Int, seed: UInt64) {
        guard count > 0 else { return }
        let perDraw = UInt64(rows.count * width)
        var state = seed &+ UInt64(firstDraw) &* perDraw &* Self.gamma
        let width = width, inputs = inputs
        cells.withUnsafeBufferPointer { cells in
            rows.withUnsafeBufferPointer { rows in
                factors.withUnsafeBufferPointer { factors in
                    let factors = factors.baseAddress!
                    let values = UnsafeMutablePointer<Double>.allocate(capacity: width)
                    defer { values.deallocate() }
                    for draw in 0..<count {
                        var total = 0.0
                        for row in rows {
                            if let fixed = row.fixedPresentValue {
                                state &+= Self.gamma &* UInt64(width)
                                total += fixed
                                continue
                            }
                            for slot in 0..<width {
                                state &+= Self.gamma
                                let cell = cells[row.firstCell + slot]
                                values[slot] = cell.ranged ? Self.triangular(cell, u: Self.unit(state)) : cell.mode
                            }
                            total += Self.presentValue(values, start: row.start, factors: factors)
                        }
                        out[draw] = total / inputs
                    }
                }
            }
        }
    }

    /// SplitMix64's output for a state, as a number in [0, 1).
    @inlinable @inline(__always)
    public static func unit(_ state: UInt64) -> Double {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }

    /// `SROIMonteCarlo.triangular` with the spans precomputed (same operations, same order).
    @inlinable @inline(__always)
    public static func triangular(_ cell: Cell, u: Double) -> Double {
        // Without a branch (the side is a coin toss, so a branch is mispredicted half the
        // time): pick the side's operands, take one square root, then add or subtract it.
        let left = u < cell.threshold
        let root = ((left ? u : 1 - u) * cell.width * (left ? cell.lowSpan : cell.highSpan)).squareRoot()
        return left ? cell.low + root : cell.high - root
    }

    /// A row's present value from its drawn values (in the assumptions' order), the same sum
    /// as `SROICalculation.presentValue` with the discount factors looked up.
    @inlinable @inline(__always)
    public static func presentValue(_ v: UnsafePointer<Double>, start: Int, factors: UnsafePointer<Double>) -> Double {
        var impact = v[0] * v[1] * (1 - v[3] / 100) * (1 - v[4] / 100) * (1 - v[5] / 100)
        let remaining = 1 - v[6] / 100
        let duration = v[2]
        var total = 0.0
        var year = 0
        while Double(year) < duration {
            total += impact * min(1, duration - Double(year)) * factors[start + year]
            impact *= remaining
            year += 1
        }
        return total
    }
}
