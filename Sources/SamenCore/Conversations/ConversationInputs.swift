import Foundation

/// What a person (form, API or command line) sends to set up or change a conversation, as
/// plain text before any check, so every door applies the same rules and defaults.
///
/// Dates are days (`YYYY-MM-DD`, Dutch time) with one meaning everywhere: the conversation
/// opens at the start of `opensOn` and stays open until the end of `closesOn`, its last day.
public struct ConversationInput: Sendable, Equatable {
    public var question = "", description = "", moderation = ModerationMode.post.rawValue
    public var opensOn = "", closesOn = "", trajectoryID = "", phase = ""
    /// The one default of every door: participants may add statements unless someone switches it off.
    public var allowStatements = true
    /// `ParticipationMode` raw value, and the cap per address per hour (used when capped).
    public var participation = ParticipationMode.open.rawValue, addressCap = ""

    public init() {}

    public init(_ c: Conversation) {
        question = c.question; description = c.description; moderation = c.moderation.rawValue; allowStatements = c.allowStatements
        opensOn = Self.day(c.opensAt); closesOn = Self.day(c.closesAt.map { $0 - 1 }); trajectoryID = c.trajectoryID ?? ""; phase = c.phase
        participation = c.participation.rawValue; addressCap = c.addressCap.map(String.init) ?? ""
    }

    /// The checked draft: trimmed text and the opening and closing moments.
    public func validated() throws -> ConversationDraft {
        var errors = ConversationRules.checkQuestion(question) + ConversationRules.checkDescription(description)
        let mode = ModerationMode(rawValue: moderation.trimmed)
        if mode == nil { errors.append(.validation("conversation_moderation_invalid", field: "moderation")) }
        if phase.trimmed.count > 40 { errors.append(.validation("conversation_phase_invalid", field: "phase")) }
        let opensAt = Self.moment(opensOn, field: "opens_on", errors: &errors)
        let closesAt = Self.moment(closesOn, field: "closes_on", errors: &errors).map(Self.nextDay)
        errors += ConversationRules.checkDates(opensAt: opensAt, closesAt: closesAt, field: "closes_on")
        let (participationMode, cap, participationErrors) = ParticipationRules.check(mode: participation, cap: addressCap)
        errors += participationErrors
        try ValidationErrors.check(errors)
        var draft = ConversationDraft(question: question.trimmed, description: description.trimmed, moderation: mode ?? .post,
                                      allowStatements: allowStatements, opensAt: opensAt, closesAt: closesAt,
                                      trajectoryID: trajectoryID.trimmed.isEmpty ? nil : trajectoryID.trimmed, phase: phase.trimmed)
        draft.participation = participationMode
        draft.addressCap = cap
        return draft
    }

    static let zone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 0)!

    static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.isLenient = false
        return formatter
    }()

    /// The start of a day in Dutch time; nil for an empty text, an error for anything else.
    static func moment(_ raw: String, field: String, errors: inout [SamenError]) -> Int64? {
        let text = raw.trimmed
        if text.isEmpty { return nil }
        guard text.count == 10, let date = dayFormatter.date(from: text) else {
            errors.append(.validation("conversation_date_invalid", field: field))
            return nil
        }
        return Int64(date.timeIntervalSince1970)
    }

    /// The start of the next day, by the calendar (a day is not always 86,400 seconds long).
    static func nextDay(_ start: Int64) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let next = calendar.date(byAdding: .day, value: 1, to: Date(timeIntervalSince1970: TimeInterval(start)))
        return next.map { Int64($0.timeIntervalSince1970) } ?? start + 86_400
    }

    /// The day (Dutch time) of a moment, `YYYY-MM-DD`; empty for none.
    public static func day(_ seconds: Int64?) -> String {
        seconds.map { dayFormatter.string(from: Date(timeIntervalSince1970: TimeInterval($0))) } ?? ""
    }
}

/// A seed statement's text as typed.
public struct StatementInput: Sendable, Equatable {
    public var body = ""

    public init(body: String = "") {
        self.body = body
    }

    public func validated(field: String = "statement") throws -> String {
        try ValidationErrors.check(ConversationRules.checkStatement(body, field: field))
        return body.trimmed
    }
}

extension Conversation: Versioned {}
