/// The answers of one survey as dense columns, ready for analysis: one entry per
/// respondent in every column; NaN (answers) or nil (segments, scores) marks missing.
public struct SurveyAnswerColumns: Sendable {
    public var count: Int = 0
    /// Per respondent, the index into `waveIDs`.
    public var waveIndex: [Int32] = []
    public var waveIDs: [String] = []
    /// `need[item][respondent]`, items in the survey's order.
    public var need: [[Double]]
    public var experience: [[Double]]
    public var segments: [SegmentQuestion: [String?]]
    public var nps: [Int?] = []
    public var ces: [Int?] = []
    public var mark: [Int?] = []

    public init(itemCount: Int) {
        need = Array(repeating: [], count: itemCount)
        experience = Array(repeating: [], count: itemCount)
        segments = Dictionary(uniqueKeysWithValues: SegmentQuestion.allCases.map { ($0, [String?]()) })
    }
}

/// The packed form of a respondent's item answers in storage: `need,experience` for each
/// item in order, all joined by commas; an empty field is a missing answer. Numbers are
/// written in their shortest form ("5", "3.5").
public enum SurveyAnswerPacking {
    public static func pack(need: [Double?], experience: [Double?]) -> String {
        var text = ""
        text.reserveCapacity(need.count * 4)
        for index in need.indices {
            if index > 0 { text.append(",") }
            if let value = need[index] { text.append(format(value)) }
            text.append(",")
            if let value = experience[index] { text.append(format(value)) }
        }
        return text
    }

    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Appends one respondent's answers to the columns; fewer stored fields than items
    /// (an item added later) count as missing.
    public static func unpack(_ text: String, into columns: inout SurveyAnswerColumns) {
        let itemCount = columns.need.count
        var fields = text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        if text.isEmpty { fields = [] }
        for item in 0..<itemCount {
            columns.need[item].append(value(fields, 2 * item))
            columns.experience[item].append(value(fields, 2 * item + 1))
        }
    }

    private static func value(_ fields: [Substring.UTF8View.SubSequence], _ index: Int) -> Double {
        guard index < fields.count, !fields[index].isEmpty else { return .nan }
        return Double(String(decoding: fields[index], as: UTF8.self)) ?? .nan
    }
}
