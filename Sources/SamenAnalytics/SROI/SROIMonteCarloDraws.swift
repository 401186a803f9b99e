import CSamenCPU
import Dispatch
import Foundation
import SamenSROIKernel
import SamenSROIKernelV3

/// The Monte Carlo's draws: the impact map as the flat tables of `SROIDrawKernel`, the draws
/// split into chunks of consecutive draws that run on all cores, each chunk run by the
/// kernel's AVX2 build where the processor has it. The ratios, and so every figure, are the
/// same bit for bit whatever the number of chunks and whichever build runs.
struct SROIMonteCarloDraws: Sendable {
    /// Which build of the draw loop runs (see `SamenSROIKernelV3`).
    enum Build: Sendable, CaseIterable {
        case baseline, x86_64_v3

        /// The fastest build this processor runs.
        static let fastest: Build = samen_cpu_supports_x86_64_v3() != 0 ? .x86_64_v3 : .baseline

        /// The builds this processor can run.
        static var available: [Build] { fastest == .baseline ? [.baseline] : allCases }
    }

    let kernel: SROIDrawKernel

    init(_ map: SROIImpactMap) {
        let maxYears = Int(map.rows.map { $0.ranges[.duration]?.high ?? $0.duration }
            .reduce(0, max).rounded(.up)) + 1
        let factors = (0...maxYears).map { map.discountRate.factor(year: $0) }
        var cells: [SROIDrawKernel.Cell] = [], rows: [SROIDrawKernel.Row] = []
        for row in map.rows {
            let firstCell = cells.count
            for assumption in SROIAssumption.allCases {
                let mode = row[assumption]
                cells.append(row.ranges[assumption].map { SROIDrawKernel.Cell(mode: mode, low: $0.low, high: $0.high) }
                    ?? SROIDrawKernel.Cell(mode: mode))
            }
            let fixed = cells[firstCell...].allSatisfy { !$0.ranged }
                ? SROIDrawKernel.presentValue(cells[firstCell...].map(\.mode), start: row.startYear, factors: factors) : nil
            rows.append(SROIDrawKernel.Row(firstCell: firstCell, start: row.startYear, fixedPresentValue: fixed,
                                           maxDuration: row.ranges[.duration].map { max($0.high, row.duration) } ?? row.duration))
        }
        kernel = SROIDrawKernel(cells: cells, rows: rows, factors: factors, inputs: map.inputs,
                                width: SROIAssumption.allCases.count)
    }

    /// The ratio of every draw, in draw order, over `threads` chunks.
    func ratios(draws: Int, seed: UInt64, threads: Int, build: Build = .fastest) -> [Double] {
        var ratios = [Double](repeating: 0, count: draws)
        guard draws > 0 else { return ratios }
        let chunks = max(1, min(draws, threads))
        let kernel = kernel
        ratios.withUnsafeMutableBufferPointer { buffer in
            let output = ChunkOutput(base: buffer.baseAddress!)
            let fill = { @Sendable (chunk: Int) in
                let first = draws * chunk / chunks, end = draws * (chunk + 1) / chunks
                switch build {
                case .baseline: kernel.fill(output.base + first, firstDraw: first, count: end - first, seed: seed)
                case .x86_64_v3: SROIDrawKernelV3.fill(kernel, output.base + first, firstDraw: first, count: end - first, seed: seed)
                }
            }
            if chunks == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: fill) }
        }
        return ratios
    }

    /// The ratios' buffer, shared by the chunks: each writes only its own range of draws,
    /// and `concurrentPerform` returns after all of them.
    private struct ChunkOutput: @unchecked Sendable { let base: UnsafeMutablePointer<Double> }
}
