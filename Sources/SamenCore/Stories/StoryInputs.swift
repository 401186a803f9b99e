import Foundation

/// What the team sends to add or correct the records of the citizen's voice (stories,
/// interviews, highlights), as plain text before any check. `validated` applies every
/// rule once, so the web form, the API and the command line refuse the same input with
/// the same codes and fields.
public struct StoryInput: Sendable, Equatable {
    /// The team's corrected pseudonymised text; the original stays as it was given.
    public var pseudonymised = "", retentionDate = "", participantID = "", activityID = "", ageBand = "", district = "", channel = ""
    public var specialCategory = false

    public init() {}

    public init(_ s: Story) {
        pseudonymised = s.pseudonymised; retentionDate = s.retentionDate; ageBand = s.ageBand; district = s.district; channel = s.channel
        specialCategory = s.specialCategory; participantID = s.participantID ?? ""; activityID = s.activityID ?? ""
    }

    public func validated() throws -> StoryInput {
        let errors = StoryRules.interviewText(pseudonymised, field: "pseudonymised") + TrajectoryRules.date(retentionDate, field: "retention_date")
            + StoryRecordRules.metadata(ageBand: ageBand, district: district, channel: channel)
        try ValidationErrors.check(errors)
        var clean = self
        clean.pseudonymised = pseudonymised.trimmed; clean.ageBand = ageBand.trimmed; clean.district = district.trimmed
        clean.channel = channel.trimmed; clean.participantID = participantID.trimmed; clean.activityID = activityID.trimmed
        return clean
    }
}

/// Interview notes or a transcript the team enters (pasted, uploaded or sent to the API).
public struct InterviewInput: Sendable, Equatable {
    public var text = "", retentionDate = "", participantID = "", activityID = "", ageBand = "", district = "", channel = ""
    public var consentPublication = false, consentReuse = false

    public init() {}

    /// The text as it will be stored (a WebVTT transcript becomes plain text); the
    /// retention date defaults to two years from `today`.
    public func validated(today: CalendarDate, field: String = "text") throws -> InterviewInput {
        let raw = text.trimmed
        let plain = raw.hasPrefix("WEBVTT") ? StoryRules.textFromVTT(raw) : raw
        var errors = StoryRules.interviewText(plain, field: field) + StoryRecordRules.metadata(ageBand: ageBand, district: district, channel: channel)
        if !retentionDate.isEmpty { errors += TrajectoryRules.date(retentionDate, field: "retention_date") }
        try ValidationErrors.check(errors)
        var clean = self
        clean.text = plain
        clean.retentionDate = retentionDate.isEmpty
            ? CalendarDate(daysSinceEpoch: today.daysSinceEpoch + StoryRules.defaultRetentionDays).description : retentionDate
        clean.ageBand = ageBand.trimmed; clean.district = district.trimmed; clean.channel = channel.trimmed
        clean.participantID = participantID.trimmed; clean.activityID = activityID.trimmed
        return clean
    }
}

/// A highlight: the passage (by quoted words, or by positions) and its labels.
public struct HighlightInput: Sendable, Equatable {
    public var quote = "", start = "", end = "", touchpoint = "", tags = "", polarity = "none", beneficiary = "", valueType = ""
    public var dimensions: [String] = []

    public init() {}

    public init(_ h: Highlight) {
        quote = h.quote; start = String(h.start); end = String(h.end); touchpoint = h.touchpoint; tags = h.tags.joined(separator: ", ")
        polarity = h.polarity.rawValue; beneficiary = h.beneficiary.rawValue; valueType = h.valueType.rawValue; dimensions = h.dimensions
    }

    /// A highlight of `text`. When editing and the quote is unchanged, the passage stays where it was.
    public func validated(in text: String, storyID: String, current: Highlight? = nil) throws -> Highlight {
        var errors: [SamenError] = []
        var passage: (Int, Int, String)?
        if let current, quote.trimmed == current.quote {
            passage = (current.start, current.end, current.quote)
        } else {
            switch HighlightRules.locate(in: text, quote: quote, start: start, end: end) {
            case .success(let found): passage = found
            case .failure(let error): errors.append(error)
            }
        }
        var tagList: [String] = []
        switch HighlightRules.tags(tags) { case .success(let found): tagList = found; case .failure(let error): errors.append(error) }
        if dimensions.contains(where: { !HighlightRules.defaultDimensions.contains($0) }) {
            errors.append(.validation("dimension_invalid", field: "dimensions"))
        }
        let polarity = ValuePolarity(rawValue: polarity.isEmpty ? "none" : polarity)
        let beneficiary = ValueBeneficiary(rawValue: beneficiary == "none" ? "" : beneficiary)
        let valueType = ValueType(rawValue: valueType == "none" ? "" : valueType)
        if polarity == nil { errors.append(.validation("polarity_invalid", field: "polarity")) }
        if beneficiary == nil { errors.append(.validation("beneficiary_invalid", field: "beneficiary")) }
        if valueType == nil { errors.append(.validation("value_type_invalid", field: "value_type")) }
        errors += TrajectoryRules.optional(touchpoint, field: "touchpoint", max: 120)
        try ValidationErrors.check(errors)
        guard let passage, let polarity, let beneficiary, let valueType else { throw ValidationErrors(errors) }
        var dims: [String] = []
        for d in dimensions where !dims.contains(d) { dims.append(d) }
        var highlight = Highlight(id: current?.id ?? "", storyID: storyID, start: passage.0, end: passage.1, quote: passage.2, dimensions: dims,
                                  touchpoint: touchpoint.trimmed, polarity: polarity, beneficiary: beneficiary, valueType: valueType, tags: tagList)
        highlight.version = current?.version ?? 1
        return highlight
    }
}

public enum StoryRecordRules {
    /// The descriptive fields of a story or interview: short, optional.
    public static func metadata(ageBand: String, district: String, channel: String) -> [SamenError] {
        TrajectoryRules.optional(ageBand, field: "age_band", max: 40) + TrajectoryRules.optional(district, field: "district", max: 100)
            + TrajectoryRules.optional(channel, field: "channel", max: 60)
    }

    /// Highlight ids chosen as evidence: at least one, each once, in the order given.
    public static func evidence(_ ids: [String], code: String) -> Result<[String], SamenError> {
        var unique: [String] = []
        for id in ids.map(\.trimmed) where !id.isEmpty && !unique.contains(id) { unique.append(id) }
        return unique.isEmpty ? .failure(.validation(code, field: "highlights")) : .success(unique)
    }
}
