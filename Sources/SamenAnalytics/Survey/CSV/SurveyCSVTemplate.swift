/// One problem in a survey CSV file: where (row 1 is the header, 0 the file as a whole;
/// the column by its header name) and why (a stable code).
public struct SurveyCSVIssue: Sendable, Hashable, Codable {
    public let row: Int
    public let column: String?
    public let code: String
    /// The offending text, shortened; never more than the cell itself.
    public let value: String?

    public init(row: Int, column: String?, code: String, value: String? = nil) {
        self.row = row
        self.column = column
        self.code = code
        self.value = value.map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
    }

    /// An English description (the web pages show a translated one).
    public var message: String {
        let place = row == 0 ? "file" : (column.map { "row \(row), column \($0)" } ?? "row \(row)")
        let detail = value.map { " (\"\($0)\")" } ?? ""
        return "\(place): \(Self.reasons[code] ?? code)\(detail)"
    }

    static let reasons: [String: String] = [
        "empty_file": "the file is empty",
        "unreadable": "the file cannot be opened",
        "encoding": "not UTF-8 text; save the file as CSV UTF-8",
        "unterminated_quote": "a quoted field is not closed",
        "no_answer_columns": "no need.<dimension>.<n> and experience.<dimension>.<n> columns",
        "no_rows": "no respondents below the header",
        "unknown_dimension": "this dimension is not in the survey",
        "unknown_item": "this item number is not in the survey",
        "unknown_column": "unknown column",
        "duplicate_column": "this column appears twice",
        "missing_pair": "every need column needs its experience column and the other way round",
        "field_count": "the row has a different number of fields than the header",
        "not_a_number": "not a number",
        "outside_scale": "outside the answer scale",
        "unknown_level": "not one of the answers this survey offers",
    ]
}

/// Thrown when a file cannot be used: every problem found (up to `listedLimit`), and how
/// many there were in all. Nothing of the file is used.
public struct SurveyCSVError: Error, Sendable, CustomStringConvertible {
    public static let listedLimit = 1000
    public let issues: [SurveyCSVIssue]
    public let totalCount: Int

    public var description: String {
        let more = totalCount > issues.count ? "\n… and \(totalCount - issues.count) more" : ""
        return "\(totalCount) problem(s) in the file; nothing of it was used:\n"
            + issues.map { "  " + $0.message }.joined(separator: "\n") + more
    }
}

/// What a survey CSV is checked against. The documented template: one row per
/// respondent; `need.<dimension>.<n>` and `experience.<dimension>.<n>` columns (pairs);
/// optional segment columns `channel`, `persona`, `district`, `age_band`, `wave`;
/// optional `nps` (0–10), `ces` (1–7), `mark` (1–10); an optional `respondent` column
/// that is ignored. Empty cells, `NA`, `-`, `?` and "weet ik niet" / "don't know" are
/// missing answers; decimals may use a comma.
public struct SurveyCSVTemplate: Sendable {
    public static let segmentColumns = ["channel", "persona", "district", "age_band", "wave"]
    public static let ignoredColumns: Set<String> = ["respondent", "respondent_id", "id"]
    public static let scoreRanges: [String: ClosedRange<Double>] = ["nps": 0...10, "ces": 1...7, "mark": 1...10]

    public var scale: SurveyScale
    /// The dimension codes allowed; nil: any well-formed code.
    public var dimensionCodes: Set<String>?
    /// The items allowed as "dimension.number"; nil: any.
    public var items: Set<String>?
    /// Per segment column, the answers allowed (matched without regard to case); absent: free text.
    public var segmentLevels: [String: [String]]
    /// Items ("dimension.number") whose answers are flipped before analysis.
    public var reverseCoded: Set<String>

    public init(scale: SurveyScale, dimensionCodes: Set<String>? = nil, items: Set<String>? = nil,
                segmentLevels: [String: [String]] = [:], reverseCoded: Set<String> = []) {
        self.scale = scale
        self.dimensionCodes = dimensionCodes
        self.items = items
        self.segmentLevels = segmentLevels
        self.reverseCoded = reverseCoded
    }

    /// The codes of the default eight dimensions (domain.md §7), for files without a survey.
    public static let defaultDimensionCodes: Set<String> = [
        "known", "tailored", "empathy", "proactive", "clarity", "control", "continuity", "trust",
    ]
}

/// One item found in the file.
public struct SurveyCSVItem: Sendable, Hashable {
    public let dimension: String
    public let number: Int
    public var key: String { "\(dimension).\(number)" }
}

/// A valid file as dense columns: one entry per respondent in each.
public struct SurveyCSVData: Sendable {
    public let rowCount: Int
    /// Items ordered by dimension (first appearance in the header), then number.
    public let items: [SurveyCSVItem]
    public var need: [[Double]]
    public var experience: [[Double]]
    /// The segment columns present, in template order.
    public var segments: [SurveySegmentVariable]
    /// nps, ces, mark when present (NaN: missing).
    public var scores: [String: [Double]]

    /// The answers for analysis, with the template's reverse-coded items marked.
    public func responses(scale: SurveyScale, reverseCoded: Set<String> = []) throws(SurveyDataError) -> SurveyResponses {
        var dimensions: [SurveyDimensionAnswers] = []
        for (index, item) in items.enumerated() {
            let answers = SurveyItemAnswers(need: need[index], experience: experience[index],
                                            isReverseCoded: reverseCoded.contains(item.key))
            if let last = dimensions.indices.last, dimensions[last].code == item.dimension {
                dimensions[last].items.append(answers)
            } else {
                dimensions.append(SurveyDimensionAnswers(code: item.dimension, items: [answers]))
            }
        }
        return try SurveyResponses(respondentCount: rowCount, scale: scale, dimensions: dimensions, segments: segments)
    }
}
