import Foundation

/// Input rules for trajectories and their parts. Each returns every field error at once.
public enum TrajectoryRules {
    public static func required(_ value: String, field: String, max: Int = 200) -> [SamenError] {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("field_required", field: field)] }
        if trimmed.count > max { return [.validation("field_too_long", field: field)] }
        return []
    }

    public static func optional(_ value: String, field: String, max: Int = 2000) -> [SamenError] {
        value.count > max ? [.validation("field_too_long", field: field)] : []
    }

    public static func date(_ value: String, field: String, required: Bool = true) -> [SamenError] {
        if value.isEmpty { return required ? [.validation("date_required", field: field)] : [] }
        return CalendarDate(value) == nil ? [.validation("date_invalid", field: field)] : []
    }

    /// Start, end, and that the end is not before the start.
    public static func period(start: String, end: String, startField: String = "start_date",
                              endField: String = "end_date") -> [SamenError] {
        var errors = date(start, field: startField) + date(end, field: endField, required: false)
        if errors.isEmpty, let s = CalendarDate(start), let e = CalendarDate(end), e < s {
            errors.append(SamenError("dates_out_of_order", kind: .conflict, field: endField))
        }
        return errors
    }

    /// An activity may be planned or recorded in a phase that has not started or is open; a closed phase must be reopened first.
    public static func activityPhase(_ phase: Phase, in trajectory: Trajectory) -> [SamenError] {
        trajectory.status(phase) == .closed ? [SamenError("phase_closed", kind: .conflict, field: "phase")] : []
    }

    /// An activity's date must fall inside the trajectory's period.
    public static func activityDate(_ value: String, in trajectory: Trajectory) -> [SamenError] {
        let errors = date(value, field: "date")
        guard errors.isEmpty, let day = CalendarDate(value) else { return errors }
        if let start = CalendarDate(trajectory.startDate), day < start {
            return [SamenError("date_before_start", kind: .conflict, field: "date")]
        }
        if let endText = trajectory.endDate, let end = CalendarDate(endText), end < day {
            return [SamenError("date_after_end", kind: .conflict, field: "date")]
        }
        return []
    }

    /// Power and interest on Mendelow's grid, 1–10 each.
    public static func gridScore(_ raw: String, field: String) -> Result<Int, SamenError> {
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), (1...10).contains(value) else {
            return .failure(.validation("grid_score_invalid", field: field))
        }
        return .success(value)
    }

    /// A pseudonymous participant code: letters, digits, hyphens; no spaces (so no names).
    public static func participantCode(_ code: String, field: String = "code") -> [SamenError] {
        if code.isEmpty { return [.validation("field_required", field: field)] }
        let ok = code.count <= 24 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return ok ? [] : [.validation("participant_code_invalid", field: field)]
    }

    public static func contributions(_ raw: String, field: String = "contributions") -> Result<Int, SamenError> {
        if raw.trimmingCharacters(in: .whitespaces).isEmpty { return .success(0) }
        guard let n = Int(raw.trimmingCharacters(in: .whitespaces)), (0...100_000).contains(n) else {
            return .failure(.validation("contributions_invalid", field: field))
        }
        return .success(n)
    }

    /// Percentages per level of one variable: each within 0–100 and together 100 (±0.1).
    public static func shares(_ entries: [(level: String, raw: String)], fieldPrefix: String) -> Result<[(String, Double)], ValidationErrors> {
        var errors: [SamenError] = []
        var parsed: [(String, Double)] = []
        for entry in entries {
            let text = entry.raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if text.isEmpty { continue }
            guard let value = Double(text), value.isFinite, (0...100).contains(value) else {
                errors.append(.validation("percent_invalid", field: fieldPrefix + entry.level))
                continue
            }
            parsed.append((entry.level, value))
        }
        if errors.isEmpty {
            let total = parsed.reduce(0) { $0 + $1.1 }
            if parsed.isEmpty || abs(total - 100) > 0.1 {
                errors.append(.validation("shares_not_100", field: fieldPrefix + (entries.first?.level ?? "")))
            }
        }
        return errors.isEmpty ? .success(parsed) : .failure(ValidationErrors(errors))
    }
}
