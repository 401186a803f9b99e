import Foundation

/// A persona carries the citizen's perspective through the later steps (seed 001). It
/// rests on highlights; fewer than three independent sources is a warning.
public struct Persona: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var trajectoryID: String
    public var name: String
    public var quote: String
    public var ageBand: String
    public var situation: String
    public var goals: String
    public var needs: String
    public var frustrations: String
    public var channels: String
    public var digitalSkills: String
    public var network: String
    public var vulnerability: String
    public var highlightIDs: [String]

    public init(id: String, trajectoryID: String, name: String, quote: String, ageBand: String, situation: String, goals: String,
                needs: String, frustrations: String, channels: String, digitalSkills: String, network: String, vulnerability: String,
                highlightIDs: [String]) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.name = name
        self.quote = quote
        self.ageBand = ageBand
        self.situation = situation
        self.goals = goals
        self.needs = needs
        self.frustrations = frustrations
        self.channels = channels
        self.digitalSkills = digitalSkills
        self.network = network
        self.vulnerability = vulnerability
        self.highlightIDs = highlightIDs
    }

    public static let textFields = ["name", "persona_quote", "age_band", "situation", "goals", "needs", "frustrations", "channels",
                                    "digital_skills", "network", "vulnerability"]
}

/// One step of a journey map (as-is or to-be), with the lanes of a service blueprint.
public struct JourneyStep: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public var id: String
    public var journeyID: String
    public var stage: String
    public var position: Int
    public var touchpoint: String
    public var channel: String
    public var actor: String
    /// How it felt, from −2 (very bad) to +2 (very good).
    public var emotion: Int
    public var painPoints: String
    public var momentOfTruth: Bool
    public var opportunities: String
    public var frontstage: String
    public var backstage: String
    public var support: String
    public var highlightIDs: [String]

    public init(id: String, journeyID: String, stage: String, position: Int, touchpoint: String, channel: String, actor: String,
                emotion: Int, painPoints: String, momentOfTruth: Bool, opportunities: String, frontstage: String, backstage: String,
                support: String, highlightIDs: [String]) {
        self.id = id
        self.journeyID = journeyID
        self.stage = stage
        self.position = position
        self.touchpoint = touchpoint
        self.channel = channel
        self.actor = actor
        self.emotion = emotion
        self.painPoints = painPoints
        self.momentOfTruth = momentOfTruth
        self.opportunities = opportunities
        self.frontstage = frontstage
        self.backstage = backstage
        self.support = support
        self.highlightIDs = highlightIDs
    }
}

public struct Journey: Sendable, Equatable, Codable {
    /// Raised by every saved change; a write that names an older version is refused (optimistic concurrency).
    public var version: Int = 1
    public enum Kind: String, Sendable, Codable, CaseIterable { case asIs = "as_is", toBe = "to_be" }
    public var id: String
    public var trajectoryID: String
    public var personaID: String
    public var scenario: String
    public var kind: Kind

    public init(id: String, trajectoryID: String, personaID: String, scenario: String, kind: Kind) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.personaID = personaID
        self.scenario = scenario
        self.kind = kind
    }
}

public enum DesignRules {
    /// A persona should rest on at least this many independent sources (distinct stories).
    public static let minimumSources = 3
    /// Channels a touchpoint can use (domain.md section 5).
    public static let channels = ["desk", "phone", "web", "app", "letter", "home_visit"]

    public static func independentSources(_ highlights: [Highlight]) -> Int {
        Set(highlights.map(\.storyID)).count
    }

    public static func emotion(_ raw: String, field: String = "emotion") -> Result<Int, SamenError> {
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), (-2...2).contains(value) else {
            return .failure(.validation("emotion_invalid", field: field))
        }
        return .success(value)
    }

    /// Points of the emotion curve for a chart `width` × `height` px: x evenly spread over
    /// the steps, y from +2 at the top to −2 at the bottom.
    public static func curve(_ emotions: [Int], width: Int, height: Int, margin: Int) -> [(x: Int, y: Int)] {
        guard !emotions.isEmpty else { return [] }
        let span = width - 2 * margin
        return emotions.enumerated().map { i, e in
            let x = emotions.count == 1 ? width / 2 : margin + i * span / (emotions.count - 1)
            let y = margin + (2 - e) * (height - 2 * margin) / 4
            return (x, y)
        }
    }
}
