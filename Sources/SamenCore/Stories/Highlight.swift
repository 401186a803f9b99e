import Foundation

/// Whether a passage tells of value created or destroyed (Co-VAL, seed 000).
public enum ValuePolarity: String, CaseIterable, Sendable, Codable {
    case none
    case created
    case destroyed
}

/// For whom value was created or destroyed (Co-VAL).
public enum ValueBeneficiary: String, CaseIterable, Sendable, Codable {
    case none = ""
    case user
    case organisation
    case society
}

/// Public Service Logic's kinds of value (Osborne): from taking part in design, from the
/// contact itself, or from how it fits the person's life.
public enum ValueType: String, CaseIterable, Sendable, Codable {
    case none = ""
    case inProduction = "in_production"
    case inUse = "in_use"
    case inContext = "in_context"
}

/// A tagged passage of a story or interview: the first link of the evidence chain.
public struct Highlight: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var storyID: String
    public var start: Int
    public var end: Int
    public var quote: String
    public var dimensions: [String]
    public var touchpoint: String
    public var polarity: ValuePolarity
    public var beneficiary: ValueBeneficiary
    public var valueType: ValueType
    public var tags: [String]

    public init(id: String, storyID: String, start: Int, end: Int, quote: String, dimensions: [String], touchpoint: String,
                polarity: ValuePolarity, beneficiary: ValueBeneficiary = .none, valueType: ValueType = .none, tags: [String]) {
        self.beneficiary = beneficiary
        self.valueType = valueType
        self.id = id
        self.storyID = storyID
        self.start = start
        self.end = end
        self.quote = quote
        self.dimensions = dimensions
        self.touchpoint = touchpoint
        self.polarity = polarity
        self.tags = tags
    }
}

/// An insight groups highlights into something the team learned.
public struct Insight: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var title: String
    public var description: String
    public var highlightIDs: [String]

    public init(id: String, trajectoryID: String, title: String, description: String, highlightIDs: [String]) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.title = title
        self.description = description
        self.highlightIDs = highlightIDs
    }
}

public enum HighlightRules {
    /// The eight dimensions of personal service (default set, domain.md section 7).
    public static let defaultDimensions = ["known", "tailored", "empathy", "proactive", "clarity", "control", "continuity", "trust"]

    /// Finds the passage: by quoted words when given (the first place they occur), else by
    /// character positions (start inclusive, end exclusive, counted from 0).
    public static func locate(in text: String, quote: String, start: String, end: String) -> Result<(Int, Int, String), SamenError> {
        let trimmed = quote.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty {
            guard let range = text.range(of: trimmed) else { return .failure(SamenError("quote_not_found", kind: .conflict, field: "quote")) }
            let s = text.distance(from: text.startIndex, to: range.lowerBound)
            return .success((s, s + trimmed.count, trimmed))
        }
        guard let s = Int(start.trimmingCharacters(in: .whitespaces)), let e = Int(end.trimmingCharacters(in: .whitespaces)) else {
            return .failure(SamenError("passage_required", kind: .conflict, field: "quote"))
        }
        guard s >= 0, e > s, e <= text.count else { return .failure(SamenError("passage_out_of_range", kind: .conflict, field: "start")) }
        let lower = text.index(text.startIndex, offsetBy: s)
        let upper = text.index(text.startIndex, offsetBy: e)
        return .success((s, e, String(text[lower..<upper])))
    }

    /// Free tags: comma-separated, trimmed, lower-cased, unique, at most 12 of 40 characters.
    public static func tags(_ raw: String) -> Result<[String], SamenError> {
        var seen: [String] = []
        for part in raw.split(separator: ",") {
            let tag = part.trimmingCharacters(in: .whitespaces).lowercased()
            if tag.isEmpty || seen.contains(tag) { continue }
            if tag.count > 40 { return .failure(.validation("tag_too_long", field: "tags")) }
            seen.append(tag)
        }
        return seen.count > 12 ? .failure(.validation("too_many_tags", field: "tags")) : .success(seen)
    }
}
