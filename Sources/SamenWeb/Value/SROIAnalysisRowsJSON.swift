import Foundation
import SamenAnalytics
import SamenCore

/// The impact map written as JSON rows instead of the CSV text: each row becomes a line of
/// the template, so the rows pass exactly the reader and checks the text passes, and a
/// problem at row n, column c is reported as the field `rows.<n-1>.c` (422), the path a
/// decoding error names too.
extension SROIAnalysisJSON {
    struct RowInput: Decodable {
        var stakeholder, outcome: String
        var indicator, outputs, proxySource, durationReason, evidenceStrength: String?
        var quantity, proxy, duration, deadweight, displacement, attribution, dropOff: Double
        var inputs: Double?
        var start: Int
        /// Read back as `weak_evidence`; written so, it stands for `evidence_strength: weak`.
        var weakEvidence: Bool?
        var ranges: [String: Range]?
        /// The number a read gives (1–500, as many as the schema's rows); ignored on writing,
        /// where the array's order is the map's.
        var row: Int?
    }

    /// The template's CSV text for the rows, every column written (empty when not given).
    static func impactMap(_ rows: [RowInput]) -> String {
        func number(_ value: Double?) -> String { value.map { String(describing: $0) } ?? "" }
        var lines = [SROICSV.allColumns]
        for row in rows {
            var cells: [String: String] = [
                "stakeholder": row.stakeholder, "outcome": row.outcome, "indicator": row.indicator ?? "",
                "quantity": number(row.quantity), "proxy": number(row.proxy), "duration": number(row.duration),
                "start": String(row.start), "deadweight": number(row.deadweight), "displacement": number(row.displacement),
                "attribution": number(row.attribution), "drop_off": number(row.dropOff), "outputs": row.outputs ?? "",
                "proxy_source": row.proxySource ?? "", "duration_reason": row.durationReason ?? "",
                "evidence_strength": row.evidenceStrength ?? (row.weakEvidence == true ? "weak" : ""), "inputs": number(row.inputs),
            ]
            for (name, range) in row.ranges ?? [:] {
                cells[name + "_low"] = number(range.low)
                cells[name + "_high"] = number(range.high)
            }
            lines.append(SROICSV.allColumns.map { cells[$0] ?? "" })
        }
        return CSVWriter.unguardedDocument(lines)
    }

    /// The errors of a refused write whose map came as rows: the map's problems named after
    /// the rows (`rows.2.deadweight`, `rows` for the map as a whole), the other fields as they are.
    /// Each is (field, code, locale key of its detail).
    static func rowErrors(_ refused: SROIAnalysisRefused) -> [(field: String, code: String, word: String)] {
        var errors = refused.errors.filter { $0.field != "impact_map" }.map { ($0.field ?? "", $0.code, "error_" + $0.code) }
        for problem in refused.problems {
            let field = problem.row.map { "rows.\($0 - 1)" + (problem.column.isEmpty ? "" : ".\(problem.column)") } ?? "rows"
            errors.append((field, problem.code, "sroi_problem_" + problem.code))
        }
        if refused.problems.isEmpty, let whole = refused.errors.first(where: { $0.field == "impact_map" }) {
            errors.append(("rows", whole.code, "error_" + whole.code))
        }
        return errors
    }

    /// Quantities, proxies and inputs stay at or under this (EUR or units), so no sum of
    /// products overflows; the schema states the same bound.
    static let maximumAmount = 1e9
    static let evidenceStrengths: Set = ["", "strong", "medium", "weak"]

    /// What the schema bounds and the template's reader does not check itself.
    static func boundErrors(_ rows: [RowInput]) -> [(field: String, code: String, word: String)] {
        var errors: [(field: String, code: String, word: String)] = []
        for (index, row) in rows.enumerated() {
            var amounts = [("quantity", row.quantity), ("proxy", row.proxy), ("inputs", row.inputs ?? 0)]
            for name in ["quantity", "proxy"] {
                if let range = row.ranges?[name] { amounts += [(name + "_low", range.low), (name + "_high", range.high)] }
            }
            for (column, value) in amounts where value > maximumAmount {
                errors.append(("rows.\(index).\(column)", "number_out_of_range", "error_number_out_of_range"))
            }
            if let number = row.row, !(1...500).contains(number) {
                errors.append(("rows.\(index).row", "number_out_of_range", "error_number_out_of_range"))
            }
            if let strength = row.evidenceStrength, !evidenceStrengths.contains(strength) {
                errors.append(("rows.\(index).evidence_strength", "not_in_list", "error_not_in_list"))
            }
            for (column, text) in [("stakeholder", row.stakeholder), ("outcome", row.outcome)]
            where text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{85}" }) {
                errors.append(("rows.\(index).\(column)", "required", "sroi_problem_required"))
            }
        }
        return errors
    }

    /// The problems a schema-valid body can still have (a range around the wrong value):
    /// those alone are a conflict (409), as for the CSV text; anything the schema bounds is 422.
    static let conflictCodes: Set = ["range_out_of_order"]
}
