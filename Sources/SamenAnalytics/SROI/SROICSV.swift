import Foundation

/// The impact-map CSV template (issue 14): `,` or `;`, a header row, one row per outcome.
///
///     stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off
///
/// `start` is 1 (during the activity) or 2 (after it); percentages are 0–100. Optional:
/// `<column>_low` and `<column>_high` for quantity, proxy, duration and the four percentages
/// (both or neither), the text columns `outputs`, `proxy_source`, `duration_reason`,
/// `evidence_strength` (strong, medium, weak) and the number column `inputs` (a
/// stakeholder's inputs in EUR). With `;` as separator a
/// decimal comma is read too (0,95). Rows are numbered from 1, the header not counted.
public enum SROICSV {
    public static let requiredColumns = ["stakeholder", "outcome", "indicator", "quantity", "proxy", "duration", "start",
                                         "deadweight", "displacement", "attribution", "drop_off"]
    public static let textColumns = ["outputs", "proxy_source", "duration_reason", "evidence_strength"]
    public static let rangeColumns = SROIAssumption.allCases.flatMap { ["\($0.rawValue)_low", "\($0.rawValue)_high"] }
    public static let allColumns = requiredColumns + rangeColumns + textColumns + ["inputs"]

    /// One row as read, with the template's optional columns beside the numbers.
    public struct Row: Sendable, Equatable {
        public var row: SROIRow
        public var outputs: String
        public var proxySource: String
        public var inputs: Double
    }

    /// Reads the whole file or nothing: every problem, by row and column, is thrown at once.
    public static func read(_ text: String) throws(SROIInputProblems) -> [Row] {
        let firstLine = text.prefix { $0 != "\n" }
        let semicolon = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count
        let records: [[String]]
        do {
            records = try SimpleCSVReader.strictRecords(text, separator: UInt8(ascii: semicolon ? ";" : ","))
        } catch {
            throw SROIInputProblems(problems: [SROIInputProblem(row: error.record - 1, column: "", code: "csv_syntax")])
        }
        let nonEmpty = records.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = nonEmpty.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw SROIInputProblems(problems: [SROIInputProblem(row: nil, column: "", code: "no_rows")])
        }
        var problems: [SROIInputProblem] = header.filter { !allColumns.contains($0) }
            .map { SROIInputProblem(row: nil, column: $0, code: "unknown_column") }
        problems += requiredColumns.filter { !header.contains($0) }
            .map { SROIInputProblem(row: nil, column: $0, code: "missing_column") }
        guard problems.isEmpty else { throw SROIInputProblems(problems: problems) }
        if nonEmpty.count < 2 { throw SROIInputProblems(problems: [SROIInputProblem(row: nil, column: "", code: "no_rows")]) }
        var rows: [Row] = []
        for (offset, fields) in nonEmpty.dropFirst().enumerated() {
            var cells: [String: String] = [:]
            for (name, value) in zip(header, fields) { cells[name] = value.trimmingCharacters(in: .whitespaces) }
            let (row, rowProblems) = parse(cells, number: offset + 1, decimalComma: semicolon)
            problems += rowProblems
            if let row { rows.append(row) }
        }
        guard problems.isEmpty else { throw SROIInputProblems(problems: problems) }
        return rows
    }

    static func parse(_ cells: [String: String], number rowNumber: Int,
                      decimalComma: Bool) -> (Row?, [SROIInputProblem]) {
        var problems: [SROIInputProblem] = []
        func number(_ column: String, required: Bool) -> Double? {
            let text = cells[column] ?? ""
            if text.isEmpty {
                if required { problems.append(SROIInputProblem(row: rowNumber, column: column, code: "required")) }
                return nil
            }
            guard let value = parseNumber(text, decimalComma: decimalComma) else {
                problems.append(SROIInputProblem(row: rowNumber, column: column, code: "not_a_number"))
                return nil
            }
            return value
        }
        var values: [SROIAssumption: Double] = [:]
        var ranges: [SROIAssumption: SROIRange] = [:]
        for assumption in SROIAssumption.allCases {
            let name = assumption.rawValue
            values[assumption] = number(name, required: true)
            let low = number("\(name)_low", required: false), high = number("\(name)_high", required: false)
            if let low, let high {
                ranges[assumption] = SROIRange(low: low, high: high)
            } else {
                let lowGiven = !(cells["\(name)_low"] ?? "").isEmpty, highGiven = !(cells["\(name)_high"] ?? "").isEmpty
                if lowGiven != highGiven {
                    problems.append(SROIInputProblem(row: rowNumber, column: "\(name)_\(lowGiven ? "high" : "low")",
                                                     code: "required"))
                }
            }
        }
        let start = cells["start"] ?? ""
        if start != "1" && start != "2" { problems.append(SROIInputProblem(row: rowNumber, column: "start", code: "start_invalid")) }
        for column in ["stakeholder", "outcome"] where (cells[column] ?? "").isEmpty {
            problems.append(SROIInputProblem(row: rowNumber, column: column, code: "required"))
        }
        let inputs = number("inputs", required: false) ?? 0
        if inputs < 0 { problems.append(SROIInputProblem(row: rowNumber, column: "inputs", code: "negative")) }
        guard let quantity = values[.quantity], let proxy = values[.proxy],
              let duration = values[.duration], let deadweight = values[.deadweight],
              let displacement = values[.displacement], let attribution = values[.attribution],
              let dropOff = values[.dropOff] else { return (nil, problems) }
        let row = SROIRow(
            stakeholder: cells["stakeholder"] ?? "", outcome: cells["outcome"] ?? "", indicator: cells["indicator"] ?? "",
            quantity: quantity, proxy: proxy, duration: duration, startsAfterActivity: start == "2",
            deadweight: deadweight, displacement: displacement, attribution: attribution, dropOff: dropOff,
            ranges: ranges, hasWeakEvidence: ["weak", "zwak"].contains((cells["evidence_strength"] ?? "").lowercased()),
            durationReason: cells["duration_reason"] ?? "")
        // The values' own checks (ranges, order) come from the one place that defines them.
        problems += SROIChecks.problems(SROIImpactMap(rows: [row], inputs: 1))
            .map { SROIInputProblem(row: rowNumber, column: $0.column, code: $0.code) }
        guard problems.isEmpty else { return (nil, problems) }
        return (Row(row: row, outputs: cells["outputs"] ?? "", proxySource: cells["proxy_source"] ?? "", inputs: inputs), [])
    }

    /// The template's header and one row of text cells per row (`,` decimal point), which
    /// the CSV writer of the web layer turns into the export the import reads back.
    public static func cells(_ rows: [Row]) -> [[String]] {
        var table = [allColumns]
        for item in rows {
            let row = item.row
            var fields = [row.stakeholder, row.outcome, row.indicator]
            fields += [row.quantity, row.proxy, row.duration].map(format)
            fields.append(row.startsAfterActivity ? "2" : "1")
            fields += [row.deadweight, row.displacement, row.attribution, row.dropOff].map(format)
            for assumption in SROIAssumption.allCases {
                let range = row.ranges[assumption]
                fields += [range.map { format($0.low) } ?? "", range.map { format($0.high) } ?? ""]
            }
            fields += [item.outputs, item.proxySource, row.durationReason, row.hasWeakEvidence ? "weak" : "", format(item.inputs)]
            table.append(fields)
        }
        return table
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A decimal number: `1234.5`, or `1234,5` when the file uses `;`; no thousands separators.
    public static func parseNumber(_ text: String, decimalComma: Bool) -> Double? {
        var text = text
        if decimalComma, !text.contains(".") { text = text.replacingOccurrences(of: ",", with: ".") }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
