import Foundation
import Testing
@testable import SamenAnalytics

/// The SROI engine against the independent NumPy/SciPy implementation in
/// scripts/sroi_reference.py: the committed fixtures, and a fresh map run through the
/// script in the same test run.
@Suite("SROI against the NumPy reference")
struct SROIReferenceTests {
    @Test("committed fixtures match NumPy to 1e-9", arguments: SROIReference.fixtures)
    func fixtureMatchesReference(name: String) throws {
        let input = try JSONDecoder().decode(SROIReferenceInput.self, from: SROIReference.fixture("\(name).input"))
        let expected = try SROIReferenceExpected.decode(SROIReference.fixture("\(name).expected"))
        SROIReference.compare(try input.analysis(), expected, name)
    }

    /// A map built here from a seed, written out, evaluated by the script now, compared.
    @Test("a fresh seeded map run through the reference script in this test run matches to 1e-9",
          arguments: [UInt64(11), 4242])
    func freshMapMatchesScript(seed: UInt64) throws {
        let input = Self.seededMap(seed: seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sroi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("map.json")
        try JSONEncoder().encode(input).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SROIReference.repositoryRoot.appendingPathComponent("scripts/sroi_reference.py").path,
                             "--evaluate", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/sroi_reference.py failed (python3 with numpy and scipy needed)")
        SROIReference.compare(try input.analysis(), try SROIReferenceExpected.decode(data), "seed \(seed)")
    }

    static func seededMap(seed: UInt64) -> SROIReferenceInput {
        var generator = SplitMix64(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * generator.nextUnit() }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        let rows = (0..<5).map { index -> SROIReferenceInput.Row in
            let duration = [1, 2, 3, 4.5, 6][Int(uniform(0, 5))]
            let dropOff = rounded(uniform(0, 40)), deadweight = rounded(uniform(0, 50))
            let quantity = rounded(uniform(1, 300)), proxy = rounded(uniform(20, 3000))
            var ranges: [String: [Double]] = [
                "quantity": [rounded(quantity * 0.7), rounded(quantity * 1.2)],
                "drop_off": [max(0, dropOff - 10), min(100, dropOff + 15)],
                "deadweight": [max(0, deadweight - 15), min(100, deadweight + 10)],
            ]
            if index.isMultiple(of: 2) { ranges["duration"] = [max(0.5, duration - 1), duration + 2] }
            if index == 3 { ranges["proxy"] = [proxy, proxy] }
            return SROIReferenceInput.Row(
                stakeholder: ["Inwoners", "Gemeente", "Zorgverzekeraar"][index % 3], outcome: "uitkomst \(index + 1)",
                quantity: quantity, proxy: proxy, duration: duration, start: index % 2 + 1, deadweight: deadweight,
                displacement: rounded(uniform(0, 20)), attribution: rounded(uniform(0, 40)), dropOff: dropOff,
                ranges: ranges)
        }
        let map = SROIReferenceInput(inputs: 1, discountRate: nil, discountLow: 1.5, discountHigh: 5.5,
                                     draws: 10_000, seed: seed, rows: rows).map
        let inputs = rounded(SROICalculation.totalPresentValue(map.rows, discountRate: .greenBook) / uniform(0.8, 3))
        return SROIReferenceInput(inputs: inputs, discountRate: nil, discountLow: 1.5, discountHigh: 5.5,
                                  draws: 10_000, seed: seed, rows: rows)
    }
}
