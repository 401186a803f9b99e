import Foundation

/// Insights, personas, journeys and journey steps as the team sends them, checked once
/// for every door. Which highlights exist in the trajectory is checked by the store.
public struct InsightInput: Sendable, Equatable {
    public var title = "", description = ""
    public var highlightIDs: [String] = []

    public init() {}

    public init(_ i: Insight) {
        title = i.title; description = i.description; highlightIDs = i.highlightIDs
    }

    public func validated(trajectoryID: String, id: String = "") throws -> Insight {
        var errors = TrajectoryRules.required(title, field: "title") + TrajectoryRules.optional(description, field: "description")
        var ids: [String] = []
        switch StoryRecordRules.evidence(highlightIDs, code: "insight_needs_evidence") { case .success(let v): ids = v; case .failure(let e): errors.append(e) }
        try ValidationErrors.check(errors)
        return Insight(id: id, trajectoryID: trajectoryID, title: title.trimmed, description: description.trimmed, highlightIDs: ids.sorted())
    }
}

public struct PersonaInput: Sendable, Equatable {
    public var name = "", quote = "", ageBand = "", situation = "", goals = "", needs = "", frustrations = "", channels = ""
    public var digitalSkills = "", network = "", vulnerability = ""
    public var highlightIDs: [String] = []

    public init() {}

    public init(_ p: Persona) {
        name = p.name; quote = p.quote; ageBand = p.ageBand; situation = p.situation; goals = p.goals; needs = p.needs
        frustrations = p.frustrations; channels = p.channels; digitalSkills = p.digitalSkills; network = p.network
        vulnerability = p.vulnerability; highlightIDs = p.highlightIDs
    }

    /// The text fields by their form names (`Persona.textFields`), in order.
    public var texts: [(String, String)] {
        [("name", name), ("persona_quote", quote), ("age_band", ageBand), ("situation", situation), ("goals", goals), ("needs", needs),
         ("frustrations", frustrations), ("channels", channels), ("digital_skills", digitalSkills), ("network", network),
         ("vulnerability", vulnerability)]
    }

    public func validated(trajectoryID: String, id: String = "") throws -> Persona {
        var errors = TrajectoryRules.required(name, field: "name", max: 120)
        for (field, value) in texts.dropFirst() { errors += TrajectoryRules.optional(value, field: field, max: 2000) }
        var ids: [String] = []
        switch StoryRecordRules.evidence(highlightIDs, code: "persona_needs_evidence") { case .success(let v): ids = v; case .failure(let e): errors.append(e) }
        try ValidationErrors.check(errors)
        return Persona(id: id, trajectoryID: trajectoryID, name: name.trimmed, quote: quote.trimmed, ageBand: ageBand.trimmed,
                       situation: situation.trimmed, goals: goals.trimmed, needs: needs.trimmed, frustrations: frustrations.trimmed,
                       channels: channels.trimmed, digitalSkills: digitalSkills.trimmed, network: network.trimmed,
                       vulnerability: vulnerability.trimmed, highlightIDs: ids.sorted())
    }
}

public struct JourneyInput: Sendable, Equatable {
    public var scenario = "", kind = ""

    public init() {}

    public init(_ j: Journey) {
        scenario = j.scenario; kind = j.kind.rawValue
    }

    public func validated(trajectoryID: String, personaID: String, id: String = "") throws -> Journey {
        var errors = TrajectoryRules.required(scenario, field: "scenario")
        let kind = Journey.Kind(rawValue: kind)
        if kind == nil { errors.append(.validation("journey_kind_invalid", field: "kind")) }
        try ValidationErrors.check(errors)
        guard let kind else { throw ValidationErrors(errors) }
        return Journey(id: id, trajectoryID: trajectoryID, personaID: personaID, scenario: scenario.trimmed, kind: kind)
    }
}

public struct JourneyStepInput: Sendable, Equatable {
    public var stage = "", position = "", touchpoint = "", channel = "", actor = "", emotion = "", painPoints = ""
    public var opportunities = "", frontstage = "", backstage = "", support = ""
    public var momentOfTruth = false
    public var highlightIDs: [String] = []

    public init() {}

    public init(_ s: JourneyStep) {
        stage = s.stage; position = String(s.position); touchpoint = s.touchpoint; channel = s.channel; actor = s.actor
        emotion = String(s.emotion); painPoints = s.painPoints; opportunities = s.opportunities; frontstage = s.frontstage
        backstage = s.backstage; support = s.support; momentOfTruth = s.momentOfTruth; highlightIDs = s.highlightIDs
    }

    /// A step may rest on highlights but need not (a to-be step is a design, not a finding).
    public func validated(journeyID: String, id: String = "") throws -> JourneyStep {
        var errors = TrajectoryRules.required(stage, field: "stage", max: 120) + TrajectoryRules.required(touchpoint, field: "touchpoint", max: 200)
        for (field, value) in [("actor", actor), ("pain_points", painPoints), ("opportunities", opportunities), ("frontstage", frontstage),
                               ("backstage", backstage), ("support", support)] {
            errors += TrajectoryRules.optional(value, field: field, max: 2000)
        }
        var emotionValue = 0
        switch DesignRules.emotion(emotion) { case .success(let e): emotionValue = e; case .failure(let e): errors.append(e) }
        let positionValue = Int(position.trimmed) ?? 0
        if positionValue < 1 || positionValue > 1000 { errors.append(.validation("position_invalid", field: "position")) }
        if !DesignRules.channels.contains(channel) { errors.append(.validation("channel_invalid", field: "channel")) }
        try ValidationErrors.check(errors)
        var ids: [String] = []
        for h in highlightIDs.map(\.trimmed) where !h.isEmpty && !ids.contains(h) { ids.append(h) }
        return JourneyStep(id: id, journeyID: journeyID, stage: stage.trimmed, position: positionValue, touchpoint: touchpoint.trimmed,
                           channel: channel, actor: actor.trimmed, emotion: emotionValue, painPoints: painPoints.trimmed,
                           momentOfTruth: momentOfTruth, opportunities: opportunities.trimmed, frontstage: frontstage.trimmed,
                           backstage: backstage.trimmed, support: support.trimmed, highlightIDs: ids.sorted())
    }
}

extension Story: Versioned {}
extension Highlight: Versioned {}
extension Insight: Versioned {}
extension Persona: Versioned {}
extension Journey: Versioned {}
extension JourneyStep: Versioned {}
