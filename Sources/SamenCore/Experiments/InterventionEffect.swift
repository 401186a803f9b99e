import Foundation

/// Which survey waves an implemented intervention's effect is read from (domain.md §7): the
/// latest wave that started before the implementation date and the first that started on
/// or after it. A wave is placed by its start date, or by its end date when it has no start;
/// a wave with neither cannot be placed and is left out.
public enum InterventionEffectRules {
    public struct Around: Sendable, Equatable {
        public let before: SurveyWave?
        public let after: SurveyWave?
    }

    public static func waves(_ waves: [SurveyWave], around implementedOn: CalendarDate) -> Around {
        let placed = waves.inTimeOrder().compactMap { w in (w.startsOn ?? w.endsOn).flatMap(CalendarDate.init).map { (w, $0) } }
            .enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
        return Around(before: placed.last { $0.1 < implementedOn }?.0, after: placed.first { $0.1 >= implementedOn }?.0)
    }

    /// The date the intervention was last moved to "implemented", from its history (oldest first).
    public static func implementedOn(_ history: [StatusChange]) -> CalendarDate? {
        history.last { $0.to == .implemented }.flatMap { CalendarDate($0.on) }
    }
}
