import Foundation

/// What a citizen agreed to, each use asked separately (AVG/GDPR: consent per purpose).
public struct StoryConsent: Sendable, Equatable, Codable {
    public var internalAnalysis: Bool
    public var publication: Bool
    public var reuse: Bool

    public init(internalAnalysis: Bool, publication: Bool, reuse: Bool) {
        self.internalAnalysis = internalAnalysis
        self.publication = publication
        self.reuse = reuse
    }
}

/// A story or interview as the team sees it.
public struct Story: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public enum Source: String, Sendable, Codable { case publicLink = "public", interview }
    public enum Status: String, Sendable, Codable { case submitted, approved }

    public var id: String
    public var trajectoryID: String
    public var source: Source
    public var status: Status
    /// The text as given; nil once purged after the retention date.
    public var original: String?
    /// The text with direct identifiers replaced; what leaves the team, after approval.
    public var pseudonymised: String
    public var consent: StoryConsent
    public var ageBand: String
    public var district: String
    public var channel: String
    public var specialCategory: Bool
    public var retentionDate: String
    public var createdAt: Int64
    /// The participant and activity an interview belongs to (team side; optional).
    public var participantID: String?
    public var activityID: String?

    /// Whether the story may be quoted outside the team (a public report, open data): approved,
    /// and its teller consented to publication.
    public var mayBePublished: Bool { consent.publication && status == .approved }

    public init(id: String, trajectoryID: String, source: Source, status: Status, original: String?, pseudonymised: String,
                consent: StoryConsent, ageBand: String, district: String, channel: String, specialCategory: Bool,
                retentionDate: String, createdAt: Int64) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.source = source
        self.status = status
        self.original = original
        self.pseudonymised = pseudonymised
        self.consent = consent
        self.ageBand = ageBand
        self.district = district
        self.channel = channel
        self.specialCategory = specialCategory
        self.retentionDate = retentionDate
        self.createdAt = createdAt
    }
}

/// Rules for stories sent by citizens and interview notes added by the team.
public enum StoryRules {
    public static let maximumAnswerLength = 5_000
    public static let maximumTextLength = 100_000
    /// Stories are kept two years unless the team sets another date.
    public static let defaultRetentionDays = 730

    /// Combines the answers into one text ("question" then the answer), checking lengths.
    public static func compose(questions: [String], answers: [String]) -> Result<String, ValidationErrors> {
        var errors: [SamenError] = []
        var parts: [String] = []
        for (i, answer) in answers.enumerated() {
            let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.count > maximumAnswerLength { errors.append(.validation("answer_too_long", field: "answer_\(i)")) }
            if !trimmed.isEmpty { parts.append((i < questions.count ? questions[i] + "\n" : "") + trimmed) }
        }
        if parts.isEmpty && errors.isEmpty { errors.append(.validation("story_empty", field: "answer_0")) }
        return errors.isEmpty ? .success(parts.joined(separator: "\n\n")) : .failure(ValidationErrors(errors))
    }

    /// An interview's notes or transcript.
    public static func interviewText(_ text: String, field: String = "text") -> [SamenError] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("story_empty", field: field)] }
        if trimmed.count > maximumTextLength { return [.validation("text_too_long", field: field)] }
        return []
    }

    /// A receipt code a person can read back over the phone: 12 characters without
    /// look-alikes (no 0/O, 1/I/L), in groups of four.
    public static func receiptCode<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        let chars = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// A typed receipt code in its canonical form (upper case, groups of four), or nil when it cannot be one.
    public static func normalisedReceipt(_ raw: String) -> String? {
        let chars = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        guard chars.count == 12, chars.allSatisfy({ "23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains($0) }) else { return nil }
        let array = Array(chars)
        return stride(from: 0, to: 12, by: 4).map { String(array[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Plain-text from a WebVTT transcript: cue timings, numbers and the header dropped.
    public static func textFromVTT(_ vtt: String) -> String {
        var lines: [String] = []
        for line in vtt.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("WEBVTT") || line.contains("-->") || line.hasPrefix("NOTE") || Int(line) != nil { continue }
            if line.isEmpty { if lines.last != "" { lines.append("") }; continue }
            // <v Speaker>text</v> voice tags: keep the text.
            lines.append(line.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression))
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
