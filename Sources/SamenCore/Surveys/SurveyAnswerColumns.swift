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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(need.count * 4)
        for index in need.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let value = need[index] { append(value, to: &bytes) }
            bytes.append(UInt8(ascii: ","))
            if let value = experience[index] { append(value, to: &bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same from values looked up by item (an import packs straight from its parsed
    /// columns, without making two arrays per respondent); NaN or nil is a missing answer.
    public static func pack(itemCount: Int, need: (Int) -> Double?, experience: (Int) -> Double?) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(itemCount * 4)
        for index in 0..<itemCount {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let value = need(index), !value.isNaN { append(value, to: &bytes) }
            bytes.append(UInt8(ascii: ","))
            if let value = experience(index), !value.isNaN { append(value, to: &bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whole numbers 0–99 (every scale answer) without formatting machinery; others via `format`.
    @inline(__always)
    static func append(_ value: Double, to bytes: inout [UInt8]) {
        if value >= 0 && value < 100 && value == value.rounded(.towardZero) {
            let whole = Int(value)
            if whole >= 10 { bytes.append(UInt8(48 + whole / 10)) }
            bytes.append(UInt8(48 + whole % 10))
        } else {
            bytes += Array(format(value).utf8)
        }
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
