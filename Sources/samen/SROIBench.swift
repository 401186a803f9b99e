import ArgumentParser
import Foundation
import SamenAnalytics

/// `samen bench sroi`: Monte Carlo of 100,000 draws on a seeded 50-row impact map over 10
/// years, then the NumPy reference (scripts/sroi_bench_reference.py) on the same map and the
/// same draws, when given a Python. Never a test.
extension BenchCommand {
    struct BenchSROI: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sroi", abstract: "Benchmark the SROI Monte Carlo.")
        @Option(help: "Monte Carlo draws.") var draws = 100_000
        @Option(help: "Rows in the impact map.") var rows = 50
        @Option(help: "Threads for the draws (the draws and the result do not depend on it).")
        var threads = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: "Timed runs; the best is reported.") var runs = 5
        @Option(help: "Python with NumPy and SciPy for the reference; none: skip.") var python: String?
        @Option(help: "The reference script, run from the repository root by default.")
        var referenceScript = "scripts/sroi_bench_reference.py"

        func run() throws {
            let map = Self.map(rows: rows)
            _ = SROIMonteCarlo.run(map, draws: 1000, seed: 1)
            var seconds = Double.infinity, result: SROIMonteCarloResult?
            for _ in 0..<max(1, runs) {
                let start = ContinuousClock.now
                result = SROIMonteCarlo.run(map, draws: draws, seed: SROIMonteCarlo.defaultSeed, threads: threads)
                seconds = min(seconds, (ContinuousClock.now - start) / .seconds(1))
            }
            print(String(format: "Samen: %d draws × %d rows × 10 years in %.1f ms (best of %d, %d threads; p50 %.12f)",
                         draws, rows, seconds * 1000, max(1, runs), threads, result!.p50))
            guard let python else { return }
            let spec = FileManager.default.temporaryDirectory.appendingPathComponent("samen-bench-sroi.json")
            try Self.specJSON(map, draws: draws).write(to: spec)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [referenceScript, spec.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            print("NumPy reference: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
            if let line = output.split(separator: " ").first(where: { $0.hasPrefix("monte_carlo_s=") }),
               let theirs = Double(line.dropFirst("monte_carlo_s=".count)) {
                print(String(format: "ratio (reference / Samen): %.1f×", theirs / seconds))
            }
        }

        /// Ten-year rows with a range on every assumption, from a fixed seed.
        static func map(rows: Int) -> SROIImpactMap {
            var state: UInt64 = 14
            func uniform(_ low: Double, _ high: Double) -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return low + (high - low) * Double(state >> 11) * 0x1.0p-53
            }
            let list = (0..<rows).map { index -> SROIRow in
                let quantity = uniform(10, 500), proxy = uniform(100, 3000)
                let deadweight = uniform(5, 40), attribution = uniform(5, 40), dropOff = uniform(5, 30)
                let ranges: [SROIAssumption: SROIRange] = [
                    .quantity: SROIRange(low: quantity * 0.7, high: quantity * 1.3),
                    .proxy: SROIRange(low: proxy * 0.6, high: proxy * 1.4),
                    .duration: SROIRange(low: 6, high: 10),
                    .deadweight: SROIRange(low: deadweight - 5, high: deadweight + 10),
                    .displacement: SROIRange(low: 0, high: 10),
                    .attribution: SROIRange(low: attribution - 5, high: attribution + 10),
                    .dropOff: SROIRange(low: dropOff - 5, high: dropOff + 10),
                ]
                return SROIRow(stakeholder: "S\(index % 4)", outcome: "o\(index)", quantity: quantity, proxy: proxy,
                               duration: 9, startsAfterActivity: index.isMultiple(of: 3), deadweight: deadweight,
                               displacement: 5, attribution: attribution, dropOff: dropOff, ranges: ranges)
            }
            return SROIImpactMap(rows: list, inputs: 1_000_000)
        }

        /// The map in the input format of scripts/sroi_reference.py.
        static func specJSON(_ map: SROIImpactMap, draws: Int) throws -> Data {
            let rows: [[String: Any]] = map.rows.map { row in
                var object: [String: Any] = ["stakeholder": row.stakeholder, "outcome": row.outcome, "start": row.startYear]
                var ranges: [String: [Double]] = [:]
                for assumption in SROIAssumption.allCases {
                    object[assumption.rawValue] = row[assumption]
                    if let range = row.ranges[assumption] { ranges[assumption.rawValue] = [range.low, range.high] }
                }
                object["ranges"] = ranges
                return object
            }
            let spec: [String: Any] = ["inputs": map.inputs, "discount_rate": NSNull(), "discount_low": 1.5,
                                       "discount_high": 5.5, "draws": draws, "seed": SROIMonteCarlo.defaultSeed,
                                       "rows": rows]
            return try JSONSerialization.data(withJSONObject: spec)
        }
    }
}
