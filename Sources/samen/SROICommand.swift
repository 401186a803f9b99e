import ArgumentParser
import Foundation
import SamenAnalytics

/// `samen sroi IMPACT_MAP.csv --inputs EUR`: the SROI of an impact map in the CSV template
/// (docs/value.md), with the three kinds of sensitivity: the same figures as the web page.
struct SROICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sroi", abstract: "Compute the SROI and its sensitivity for an impact-map CSV.")

    @Argument(help: "The impact-map CSV (',' or ';').") var file: String
    @Option(help: "Total inputs (the investment) in EUR.") var inputs: Double
    @Flag(help: "Print the documented JSON instead of a table.") var json = false
    @Option(help: "One constant discount rate in percent (0–20); default: the Green Book's 3.5 % (3.0 % after year 30).")
    var discountRate: Double?
    @Option(help: "Monte Carlo draws.") var draws = SROIMonteCarlo.defaultDraws
    @Option(help: "Monte Carlo seed.") var seed = SROIMonteCarlo.defaultSeed

    func run() throws {
        guard draws >= 1 && draws <= 10_000_000 else { throw ValidationError("--draws must be 1 to 10,000,000.") }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let analysis: SROIAnalysis
        do {
            let rows = try SROICSV.read(text)
            let map = SROIImpactMap(rows: rows.map(\.row), inputs: inputs,
                                    discountRate: discountRate.map { .constant(percent: $0) } ?? .greenBook)
            analysis = try SROIAnalysis(map, draws: draws, seed: seed)
        } catch {
            for problem in error.problems {
                let place = [problem.row.map { "row \($0)" }, problem.column.isEmpty ? nil : "column \(problem.column)"]
                    .compactMap { $0 }.joined(separator: ", ")
                FileHandle.standardError.write(Data("\(place.isEmpty ? "file" : place): \(problem.code)\n".utf8))
            }
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(try SROIReportJSON(analysis).encoded())
            print()
        } else {
            print(SROITextReport.render(analysis))
        }
    }
}

/// The plain-text table of `samen sroi` (English, decimal point: a terminal tool for analysts).
enum SROITextReport {
    static func render(_ analysis: SROIAnalysis) -> String {
        let result = analysis.result, carlo = analysis.monteCarlo
        var lines: [String] = []
        let rate = analysis.map.discountRate == .greenBook
            ? "3.5 % (Green Book; 3.0 % after year 30)" : "\(analysis.map.discountRate.percent) % (constant)"
        lines.append("Discount rate: \(rate); inputs EUR \(money(result.inputs))")
        lines.append("")
        lines.append("Present value by year")
        for (index, value) in result.presentValueByYear.enumerated() {
            lines.append("  year \(index + 1): EUR \(money(value))")
        }
        lines.append("Present value by stakeholder")
        for stakeholder in result.stakeholders {
            lines.append("  \(stakeholder.stakeholder): EUR \(money(stakeholder.presentValue))")
        }
        lines.append("")
        lines.append("Total present value: EUR \(money(result.totalPresentValue))")
        lines.append("Net present value:   EUR \(money(result.netPresentValue))")
        lines.append(String(format: "SROI ratio: %.2f   net SROI ratio: %.2f", result.ratio, result.netRatio))
        lines.append(String(format: "Monte Carlo (%d draws, seed %llu): 5th %.2f, median %.2f, 95th %.2f; P(ratio > 1) = %.3f",
                            carlo.draws, carlo.seed, carlo.p5, carlo.p50, carlo.p95, carlo.probabilityAboveOne))
        lines.append("")
        lines.append("One at a time (ratio at low / at high)")
        for bar in analysis.oneAtATime {
            lines.append(String(format: "  %@: %.2f / %.2f", label(bar.target, analysis), bar.ratioAtLow, bar.ratioAtHigh))
        }
        lines.append("Switching values (ratio = 1)")
        for entry in analysis.switchingValues {
            let value = entry.switchingValue.map { String(format: "%.4g", $0) } ?? "none in the allowed range"
            lines.append("  \(label(entry.target, analysis)): \(String(format: "%.4g", entry.value)) -> \(value)")
        }
        if !analysis.warnings.isEmpty {
            lines.append("Warnings")
            for warning in analysis.warnings {
                lines.append("  \(warning.code)\(warning.row.map { " (row \($0 + 1))" } ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ target: SROISensitivityTarget, _ analysis: SROIAnalysis) -> String {
        guard let row = target.row, let assumption = target.assumption else { return "discount rate" }
        return "row \(row + 1) (\(analysis.map.rows[row].outcome)) \(assumption.rawValue)"
    }

    static func money(_ value: Double) -> String { String(format: "%.2f", value) }
}
