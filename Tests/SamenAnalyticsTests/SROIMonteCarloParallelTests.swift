import Foundation
import Testing
@testable import SamenAnalytics

/// The Monte Carlo's draw loop runs in chunks on all cores and in SIMD lanes, in a baseline
/// and (where the processor has it) an AVX2 build; these tests hold every build to the plain
/// definition, one draw after another with one generator, bit for bit.
@Suite("SROI Monte Carlo: chunks and lanes give the draws of one plain pass")
struct SROIMonteCarloParallelTests {
    /// Rows with ranges on every assumption, on some, on none (a fixed present value), a
    /// zero-width range, a fractional duration and both starts.
    static let map: SROIImpactMap = {
        func row(_ index: Int, _ ranges: [SROIAssumption: SROIRange], duration: Double = 4.5) -> SROIRow {
            SROIRow(stakeholder: "S\(index % 2)", outcome: "o\(index)", quantity: 40 + Double(index), proxy: 900,
                    duration: duration, startsAfterActivity: index.isMultiple(of: 2), deadweight: 20,
                    displacement: 5, attribution: 25, dropOff: 15, ranges: ranges)
        }
        let all: [SROIAssumption: SROIRange] = [
            .quantity: SROIRange(low: 20, high: 80), .proxy: SROIRange(low: 500, high: 1500),
            .duration: SROIRange(low: 2, high: 7.5), .deadweight: SROIRange(low: 10, high: 40),
            .displacement: SROIRange(low: 0, high: 10), .attribution: SROIRange(low: 15, high: 30),
            .dropOff: SROIRange(low: 5, high: 35),
        ]
        return SROIImpactMap(rows: [
            row(0, all), row(1, [:]), row(2, [.proxy: SROIRange(low: 600, high: 1200)], duration: 3),
            row(3, [.quantity: SROIRange(low: 43, high: 43), .dropOff: SROIRange(low: 0, high: 50)]),
            row(4, all, duration: 6), row(5, [:], duration: 1.5),
        ], inputs: 150_000)
    }()

    /// The definition: one SplitMix64, each draw each row each assumption one uniform in
    /// `SROIAssumption.allCases` order, the row's present value as `SROICalculation` sums it.
    static func plainRatios(_ map: SROIImpactMap, draws: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<draws).map { _ in
            var total = 0.0
            for row in map.rows {
                var drawn = row
                for assumption in SROIAssumption.allCases {
                    let u = generator.nextUnit()
                    if let range = row.ranges[assumption] {
                        drawn[assumption] = SROIMonteCarlo.triangular(low: range.low, mode: row[assumption],
                                                                      high: range.high, u: u)
                    }
                }
                total += SROICalculation.presentValue(of: drawn, discountRate: map.discountRate)
            }
            return total / map.inputs
        }
    }

    @Test("every draw's ratio equals the plain pass, for draw counts that fill no whole chunk or lane group",
          arguments: [1, 3, 4, 7, 1001, 10_007])
    func ratiosEqualPlainPass(draws: Int) {
        let plan = SROIMonteCarloDraws(Self.map)
        for seed: UInt64 in [1, 2026, .max] {
            let plain = Self.plainRatios(Self.map, draws: draws, seed: seed)
            for threads in [1, 2, 3, 8] {
                for build in SROIMonteCarloDraws.Build.available {
                    #expect(plan.ratios(draws: draws, seed: seed, threads: threads, build: build) == plain,
                            "seed \(seed), \(threads) threads, \(build) build")
                }
            }
        }
    }

    @Test("the result on several threads equals a single-threaded run", arguments: [997, 10_000, 20_003])
    func parallelEqualsSingleThreaded(draws: Int) {
        for seed: UInt64 in [7, 2026, 99_991] {
            let single = SROIMonteCarlo.run(Self.map, draws: draws, seed: seed, threads: 1)
            for threads in [2, 3, 5, ProcessInfo.processInfo.activeProcessorCount] {
                #expect(SROIMonteCarlo.run(Self.map, draws: draws, seed: seed, threads: threads) == single)
            }
            #expect(single == SROIMonteCarlo.summary(Self.plainRatios(Self.map, draws: draws, seed: seed), seed: seed))
        }
    }

    /// The AVX2 build is chosen where the processor has what it needs (so the test above runs
    /// both builds on such a machine), judged here independently from Linux's own flag list.
    @Test("the AVX2 build is available where the processor lists x86-64-v3's features")
    func fastestBuildFollowsTheProcessor() throws {
        #if arch(x86_64) && os(Linux)
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        let v3 = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"].allSatisfy(flags.contains)
        #expect(SROIMonteCarloDraws.Build.fastest == (v3 ? .x86_64_v3 : .baseline))
        #endif
    }
}
