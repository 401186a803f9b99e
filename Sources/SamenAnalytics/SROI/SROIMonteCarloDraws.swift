import Dispatch
import Foundation

/// The Monte Carlo's draw loop on flat tables, split into chunks of consecutive draws that
/// run on all cores. SplitMix64's k-th output depends only on seed + k·γ, so a chunk starting
/// at draw d starts its generator at seed + d·(rows·7)·γ and draws exactly the numbers a
/// single pass would: the ratios, and so every figure, are the same bit for bit whatever
/// the number of chunks. An assumption without a range only advances the state (its uniform
/// is never used), and a row without any range has its present value computed once.
struct SROIMonteCarloDraws: Sendable {
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One assumption of one row: its mode and, when it has a range, the triangular
    /// distribution's precomputed spans (the same subexpressions as `triangular`).
    struct Cell: Sendable {
        var mode: Double
        var ranged: Bool
        var low = 0.0, high = 0.0, width = 0.0, lowSpan = 0.0, highSpan = 0.0, threshold = 0.0
    }

    /// A row: where its cells start, its first year, and its present value when no cell is ranged.
    struct Row: Sendable {
        var firstCell: Int
        var start: Int
        var fixedPresentValue: Double?
        /// The longest duration a draw can give this row (its range's high end, or its value).
        var maxDuration: Double
    }

    let cells: [Cell]
    let rows: [Row]
    let factors: [Double]
    let inputs: Double
    let width = SROIAssumption.allCases.count

    init(_ map: SROIImpactMap) {
        let maxYears = Int(map.rows.map { $0.ranges[.duration]?.high ?? $0.duration }
            .reduce(0, max).rounded(.up)) + 1
        let factors = (0...maxYears).map { map.discountRate.factor(year: $0) }
        var cells: [Cell] = [], rows: [Row] = []
        for row in map.rows {
            let firstCell = cells.count
            for assumption in SROIAssumption.allCases {
                let mode = row[assumption]
                var cell = Cell(mode: mode, ranged: false)
                if let range = row.ranges[assumption], range.high - range.low > 0 {
                    cell.ranged = true
                    cell.low = range.low
                    cell.high = range.high
                    cell.width = range.high - range.low
                    cell.lowSpan = mode - range.low
                    cell.highSpan = range.high - mode
                    cell.threshold = (mode - range.low) / cell.width
                }
                cells.append(cell)
            }
            let modes = cells[firstCell...].map(\.mode)
            let fixed = cells[firstCell...].allSatisfy { !$0.ranged }
                ? Self.presentValue(modes, start: row.startYear, factors: factors) : nil
            rows.append(Row(firstCell: firstCell, start: row.startYear, fixedPresentValue: fixed,
                            maxDuration: row.ranges[.duration].map { max($0.high, row.duration) } ?? row.duration))
        }
        self.cells = cells
        self.rows = rows
        self.factors = factors
        self.inputs = map.inputs
    }

    /// The ratio of every draw, in draw order, over `threads` chunks.
    func ratios(draws: Int, seed: UInt64, threads: Int) -> [Double] {
        var ratios = [Double](repeating: 0, count: draws)
        guard draws > 0 else { return ratios }
        let chunks = max(1, min(draws, threads))
        ratios.withUnsafeMutableBufferPointer { buffer in
            let output = ChunkOutput(base: buffer.baseAddress!)
            let fill = { @Sendable (chunk: Int) in
                let base = output.base
                let first = draws * chunk / chunks, end = draws * (chunk + 1) / chunks
                let lanes = (end - first) / Lanes.scalarCount * Lanes.scalarCount
                self.fillLanes(base + first, firstDraw: first, count: lanes, seed: seed)
                self.fill(base + first + lanes, firstDraw: first + lanes, count: end - first - lanes, seed: seed)
            }
            if chunks == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: fill) }
        }
        return ratios
    }

    /// The ratios' buffer, shared by the chunks: each writes only its own range of draws,
    /// and `concurrentPerform` returns after all of them.
    private struct ChunkOutput: @unchecked Sendable { let base: UnsafeMutablePointer<Double> }

    /// Fills `count` ratios starting at draw `firstDraw`, one draw at a time (the tail of a
    /// chunk that does not fill a whole group of lanes).
    func fill(_ out: UnsafeMutablePointer<Double>, firstDraw: Int, count: Int, seed: UInt64) {
        let perDraw = UInt64(rows.count * width)
        var state = seed &+ UInt64(firstDraw) &* perDraw &* Self.gamma
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
    @inline(__always)
    static func unit(_ state: UInt64) -> Double {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    /// `SROIMonteCarlo.triangular` with the spans precomputed (same operations, same order).
    @inline(__always)
    static func triangular(_ cell: Cell, u: Double) -> Double {
        // Without a branch (the side is a coin toss, so a branch is mispredicted half the
        // time): pick the side's operands, take one square root, then add or subtract it.
        let left = u < cell.threshold
        let root = ((left ? u : 1 - u) * cell.width * (left ? cell.lowSpan : cell.highSpan)).squareRoot()
        return left ? cell.low + root : cell.high - root
    }

    /// A row's present value from its drawn values (in `SROIAssumption.allCases` order), the
    /// same sum as `SROICalculation.presentValue` with the discount factors looked up.
    @inline(__always)
    static func presentValue(_ v: UnsafePointer<Double>, start: Int, factors: UnsafePointer<Double>) -> Double {
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
