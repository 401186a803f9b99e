/// The one order of waves in time, used by every list, chart, table and comparison: by
/// start date, then end date (a wave without the date after those with it), then when the
/// wave was made, then id so that the order never depends on a name or on the database.
/// Dates are yyyy-mm-dd, so comparing the strings compares the days.
extension SurveyWave {
    public static func isEarlier(_ a: SurveyWave, _ b: SurveyWave) -> Bool {
        if let order = compareDates(a.startsOn, b.startsOn) { return order }
        if let order = compareDates(a.endsOn, b.endsOn) { return order }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.id < b.id
    }

    /// true/false when the dates decide, nil when they are equal.
    private static func compareDates(_ a: String?, _ b: String?) -> Bool? {
        switch (a, b) {
        case let (a?, b?): a == b ? nil : a < b
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): nil
        }
    }
}

extension Array where Element == SurveyWave {
    public func inTimeOrder() -> [SurveyWave] { sorted(by: SurveyWave.isEarlier) }
}

/// The two waves whose gaps are compared: the pair the user chose, or else the two latest
/// in time. Either wave may be the earlier one; the difference is always to − from.
public struct SurveyWaveComparison: Sendable, Hashable {
    public let from: SurveyWave
    public let to: SurveyWave

    public init(from: SurveyWave, to: SurveyWave) {
        self.from = from
        self.to = to
    }

    /// - Parameters:
    ///   - waves: the survey's waves (any order).
    ///   - fromID, toID: the chosen waves by id; nil or empty for the default.
    /// - Returns: nil when there are fewer than two waves and none was chosen.
    /// - Throws: `wave_unknown` when a chosen id is not a wave of the survey,
    ///   `waves_same` when both are the same wave, `wave_required` when only one is chosen.
    public static func choose(waves: [SurveyWave], fromID: String?, toID: String?,
                              fields: (from: String, to: String) = ("from_wave", "to_wave")) throws -> SurveyWaveComparison? {
        let ordered = waves.inTimeOrder()
        let fromID = fromID.flatMap { $0.isEmpty ? nil : $0 }
        let toID = toID.flatMap { $0.isEmpty ? nil : $0 }
        switch (fromID, toID) {
        case (nil, nil):
            guard ordered.count >= 2 else { return nil }
            return SurveyWaveComparison(from: ordered[ordered.count - 2], to: ordered[ordered.count - 1])
        case (nil, _?):
            throw SamenError.validation("wave_required", field: fields.from)
        case (_?, nil):
            throw SamenError.validation("wave_required", field: fields.to)
        case let (fromID?, toID?):
            guard let from = ordered.first(where: { $0.id == fromID }) else {
                throw SamenError.validation("wave_unknown", field: fields.from)
            }
            guard let to = ordered.first(where: { $0.id == toID }) else {
                throw SamenError.validation("wave_unknown", field: fields.to)
            }
            guard from.id != to.id else { throw SamenError.validation("waves_same", field: fields.to) }
            return SurveyWaveComparison(from: from, to: to)
        }
    }
}
