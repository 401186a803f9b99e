/// The answer scale shared by need and experience items, e.g. 1–7.
public struct SurveyScale: Sendable, Hashable, Codable {
    public let minimum: Double
    public let maximum: Double

    public init(minimum: Double, maximum: Double) {
        precondition(minimum < maximum, "a scale needs minimum < maximum")
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The middle of the scale, one of the two crosshair choices of the importance-performance chart.
    public var midpoint: Double { (minimum + maximum) / 2 }

    /// The answer of a reverse-coded item on the common direction: minimum + maximum − x.
    /// Missing (NaN) stays missing.
    @inlinable
    public func reversed(_ answer: Double) -> Double { minimum + maximum - answer }

    public func contains(_ answer: Double) -> Bool { answer >= minimum && answer <= maximum }
}

/// One item of a dimension: the same statement asked twice, as need and as experience.
///
/// Columns hold one answer per respondent; NaN marks a missing answer ("don't know",
/// skipped, or not asked).
public struct SurveyItemAnswers: Sendable {
    public var need: [Double]
    public var experience: [Double]
    /// Reverse-coded items are flipped with `SurveyScale.reversed` before anything else.
    public var isReverseCoded: Bool

    public init(need: [Double], experience: [Double], isReverseCoded: Bool = false) {
        self.need = need
        self.experience = experience
        self.isReverseCoded = isReverseCoded
    }
}

/// The answers of all items of one dimension.
public struct SurveyDimensionAnswers: Sendable {
    /// The dimension code, e.g. "known" (the dimension set itself is data, see domain.md §7).
    public var code: String
    public var items: [SurveyItemAnswers]

    public init(code: String, items: [SurveyItemAnswers]) {
        self.code = code
        self.items = items
    }
}

/// A categorical respondent variable used for breakdowns: channel, persona, district, age band, wave.
///
/// Stored as one level index per respondent (`Int32`, compact for a million rows);
/// `SurveySegmentVariable.missing` marks a respondent without a level.
public struct SurveySegmentVariable: Sendable {
    public static let missing: Int32 = -1

    public var name: String
    public var levels: [String]
    public var levelIndices: [Int32]

    public init(name: String, levels: [String], levelIndices: [Int32]) {
        self.name = name
        self.levels = levels
        self.levelIndices = levelIndices
    }

    /// Builds the variable from raw values; levels are ordered by first appearance, nil is missing.
    public init(name: String, values: [String?]) {
        var levels: [String] = []
        var indexOfLevel: [String: Int32] = [:]
        var indices: [Int32] = []
        indices.reserveCapacity(values.count)
        for value in values {
            guard let value else {
                indices.append(Self.missing)
                continue
            }
            if let index = indexOfLevel[value] {
                indices.append(index)
            } else {
                let index = Int32(levels.count)
                levels.append(value)
                indexOfLevel[value] = index
                indices.append(index)
            }
        }
        self.init(name: name, levels: levels, levelIndices: indices)
    }

    public func levelIndex(of level: String) -> Int? { levels.firstIndex(of: level) }
}

/// Why a set of survey columns cannot be analysed.
public enum SurveyDataError: Error, Equatable, Sendable {
    case columnLength(column: String, expected: Int, actual: Int)
    case answerOutsideScale(column: String, respondent: Int, value: Double)
    case levelIndexOutOfRange(variable: String, respondent: Int, index: Int32)
    case duplicateDimension(String)
    case duplicateSegmentVariable(String)
    case dimensionWithoutItems(String)
}

/// The answers of one survey (one or several waves) as dense columns, validated once.
///
/// Every column has one entry per respondent. Answers are validated against the scale,
/// so the statistics can assume that reverse-coding keeps them on the scale.
public struct SurveyResponses: Sendable {
    public let respondentCount: Int
    public let scale: SurveyScale
    public let dimensions: [SurveyDimensionAnswers]
    public let segments: [SurveySegmentVariable]

    public init(
        respondentCount: Int,
        scale: SurveyScale,
        dimensions: [SurveyDimensionAnswers],
        segments: [SurveySegmentVariable] = []
    ) throws(SurveyDataError) {
        var codes = Set<String>()
        for dimension in dimensions {
            guard codes.insert(dimension.code).inserted else { throw .duplicateDimension(dimension.code) }
            guard !dimension.items.isEmpty else { throw .dimensionWithoutItems(dimension.code) }
            for (number, item) in dimension.items.enumerated() {
                try Self.validate(item.need, name: "need.\(dimension.code).\(number + 1)",
                                  count: respondentCount, scale: scale)
                try Self.validate(item.experience, name: "experience.\(dimension.code).\(number + 1)",
                                  count: respondentCount, scale: scale)
            }
        }
        var names = Set<String>()
        for segment in segments {
            guard names.insert(segment.name).inserted else { throw .duplicateSegmentVariable(segment.name) }
            guard segment.levelIndices.count == respondentCount else {
                throw .columnLength(column: segment.name, expected: respondentCount,
                                    actual: segment.levelIndices.count)
            }
            let levelCount = Int32(segment.levels.count)
            for (respondent, index) in segment.levelIndices.enumerated()
            where index != SurveySegmentVariable.missing && (index < 0 || index >= levelCount) {
                throw .levelIndexOutOfRange(variable: segment.name, respondent: respondent, index: index)
            }
        }
        self.respondentCount = respondentCount
        self.scale = scale
        self.dimensions = dimensions
        self.segments = segments
    }

    public func segment(named name: String) -> SurveySegmentVariable? {
        segments.first { $0.name == name }
    }

    private static func validate(
        _ column: [Double], name: String, count: Int, scale: SurveyScale
    ) throws(SurveyDataError) {
        guard column.count == count else {
            throw .columnLength(column: name, expected: count, actual: column.count)
        }
        for (respondent, value) in column.enumerated() where !value.isNaN && !scale.contains(value) {
            throw .answerOutsideScale(column: name, respondent: respondent, value: value)
        }
    }
}
