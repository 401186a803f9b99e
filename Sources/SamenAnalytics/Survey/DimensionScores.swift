/// Per-respondent scores of one dimension: the dimension need, experience and gap.
///
/// A respondent's dimension need (experience) is the mean of the need (experience) items
/// that respondent answered, after reverse-coded items are flipped; NaN when none was
/// answered. The gap is need − experience, NaN unless both exist. With complete answers
/// this equals the mean of the item gaps (domain.md §7); with a missing item the need and
/// experience means each use all of their own available items.
///
/// The sums run over the items in order and are divided by the count, so the scores are
/// bit-for-bit those of `scripts/survey_reference.py`; that matters because the
/// Wilcoxon test treats equal gaps as ties by exact value.
public struct DimensionScores: Sendable {
    public let need: [Double]
    public let experience: [Double]
    public let gap: [Double]

    public init(_ dimension: SurveyDimensionAnswers, scale: SurveyScale) {
        let need = Self.itemMeans(dimension.items.map { ($0.need, $0.isReverseCoded) }, scale: scale)
        let experience = Self.itemMeans(
            dimension.items.map { ($0.experience, $0.isReverseCoded) }, scale: scale)
        var gap = [Double](repeating: .nan, count: need.count)
        for index in gap.indices {
            gap[index] = need[index] - experience[index]
        }
        self.need = need
        self.experience = experience
        self.gap = gap
    }

    public var respondentCount: Int { gap.count }

    /// Mean of the available answers per respondent; two passes over contiguous columns.
    private static func itemMeans(_ columns: [([Double], Bool)], scale: SurveyScale) -> [Double] {
        let count = columns.first?.0.count ?? 0
        var sums = [Double](repeating: 0, count: count)
        var answered = [Double](repeating: 0, count: count)
        let reverseSum = scale.minimum + scale.maximum
        for (column, isReverseCoded) in columns {
            precondition(column.count == count, "item columns differ in length")
            for index in 0..<count {
                let answer = column[index]
                if answer.isNaN { continue }
                sums[index] += isReverseCoded ? reverseSum - answer : answer
                answered[index] += 1
            }
        }
        for index in 0..<count {
            sums[index] = answered[index] > 0 ? sums[index] / answered[index] : .nan
        }
        return sums
    }
}

/// The cells of an analysis: all respondents, plus one cell per level of each segment
/// variable. A respondent belongs to up to `membershipsPerRespondent` cells (all, and one
/// level per variable unless that answer is missing).
///
/// Built once per analysis so every statistic can fill all its cells in a single pass
/// over the respondents; memberships are stored respondent by respondent, so that pass
/// reads them contiguously.
struct RespondentCells: Sendable {
    let respondentCount: Int
    let membershipsPerRespondent: Int
    /// `memberships[respondent * membershipsPerRespondent + k]`: a cell index, or −1.
    let memberships: [Int32]
    /// nil for the all-respondents cell.
    let segments: [SurveySegmentLevel?]

    var cellCount: Int { segments.count }

    /// The all-respondents cell (index 0), then every level of every variable in order.
    init(respondentCount: Int, variables: [SurveySegmentVariable]) {
        var segments: [SurveySegmentLevel?] = [nil]
        var offsets: [Int32] = []
        for variable in variables {
            offsets.append(Int32(segments.count))
            segments += variable.levels.map { SurveySegmentLevel(variable: variable.name, level: $0) }
        }
        let width = 1 + variables.count
        var memberships = [Int32](repeating: 0, count: respondentCount * width)
        for (position, variable) in variables.enumerated() {
            let offset = offsets[position]
            variable.levelIndices.withUnsafeBufferPointer { levels in
                for respondent in 0..<respondentCount {
                    let level = levels[respondent]
                    memberships[respondent * width + 1 + position] = level < 0 ? -1 : offset + level
                }
            }
        }
        self.respondentCount = respondentCount
        self.membershipsPerRespondent = width
        self.memberships = memberships
        self.segments = segments
    }

    /// Calls `body(respondent, cell)` for every membership, respondent by respondent.
    @inline(__always)
    func forEachMembership(_ body: (Int, Int) -> Void) {
        let width = membershipsPerRespondent
        memberships.withUnsafeBufferPointer { cells in
            var position = 0
            for respondent in 0..<respondentCount {
                for _ in 0..<width {
                    let cell = Int(cells[position])
                    position += 1
                    if cell >= 0 { body(respondent, cell) }
                }
            }
        }
    }
}
