import Foundation
import SamenCore

/// The JSON shapes of the voice records in the API (snake_case on the wire), and the
/// request bodies that create (all fields) or change (any fields) them. A story's
/// original text never leaves through the API: only the pseudonymised text does.
enum StoryRecordJSON {
    struct StoryJSON: Encodable {
        let id, trajectoryId, source, status, date, textPseudonymised, ageBand, district, channel, retentionDate: String
        let participantId, activityId: String?
        let consentInternal, consentPublication, consentReuse, specialCategory, originalPurged: Bool
        let version: Int
        init(_ s: Story) {
            id = s.id; trajectoryId = s.trajectoryID; source = s.source.rawValue; status = s.status.rawValue
            date = CalendarDate(unixTime: s.createdAt).description; textPseudonymised = s.pseudonymised; ageBand = s.ageBand
            district = s.district; channel = s.channel; retentionDate = s.retentionDate; participantId = s.participantID
            activityId = s.activityID; consentInternal = s.consent.internalAnalysis; consentPublication = s.consent.publication
            consentReuse = s.consent.reuse; specialCategory = s.specialCategory; originalPurged = s.original == nil; version = s.version
        }
    }

    struct InterviewBody: Decodable {
        var text, participantId, activityId, ageBand, district, channel, retentionDate: String?
        var consentPublication, consentReuse: Bool?
        var input: InterviewInput {
            var out = InterviewInput()
            out.text = text ?? ""; out.participantID = participantId ?? ""; out.activityID = activityId ?? ""; out.ageBand = ageBand ?? ""
            out.district = district ?? ""; out.channel = channel ?? ""; out.retentionDate = retentionDate ?? ""
            out.consentPublication = consentPublication ?? false; out.consentReuse = consentReuse ?? false
            return out
        }
    }

    struct StoryBody: Decodable {
        var textPseudonymised, retentionDate, participantId, activityId, ageBand, district, channel: String?
        var specialCategory, approved: Bool?
        func merged(onto input: StoryInput) -> StoryInput {
            var out = input
            if let textPseudonymised { out.pseudonymised = textPseudonymised }; if let retentionDate { out.retentionDate = retentionDate }
            if let participantId { out.participantID = participantId }; if let activityId { out.activityID = activityId }
            if let ageBand { out.ageBand = ageBand }; if let district { out.district = district }; if let channel { out.channel = channel }
            if let specialCategory { out.specialCategory = specialCategory }
            return out
        }
    }

    struct HighlightJSON: Encodable {
        let id, storyId, quote, touchpoint, polarity, beneficiary, valueType: String
        let start, end, version: Int
        let dimensions, tags: [String]
        init(_ h: Highlight) {
            id = h.id; storyId = h.storyID; quote = h.quote; touchpoint = h.touchpoint; polarity = h.polarity.rawValue
            beneficiary = h.beneficiary.rawValue; valueType = h.valueType.rawValue; start = h.start; end = h.end; version = h.version
            dimensions = h.dimensions; tags = h.tags
        }
    }

    struct HighlightBody: Decodable {
        var storyId, quote, touchpoint, polarity, beneficiary, valueType: String?
        var start, end: Int?
        var dimensions, tags: [String]?
        /// A new passage by positions replaces the quote; a new quote is found in the text.
        /// Tags arrive as a list: at most 12 entries of at most 40 characters and no commas, as
        /// the document states (the form's comma-separated text is split the same way).
        func merged(onto input: HighlightInput) throws -> HighlightInput {
            if let tags {
                var errors: [SamenError] = []
                if tags.count > 12 { errors.append(.validation("too_many_tags", field: "tags")) }
                if tags.contains(where: { $0.unicodeScalars.count > 40 }) { errors.append(.validation("tag_too_long", field: "tags")) }
                if tags.contains(where: { $0.contains(",") }) { errors.append(.validation("invalid_format", field: "tags")) }
                try ValidationErrors.check(errors)
            }
            var out = input
            if start != nil || end != nil { out.quote = ""; out.start = start.map(String.init) ?? ""; out.end = end.map(String.init) ?? "" }
            if let quote { out.quote = quote }
            if let touchpoint { out.touchpoint = touchpoint }; if let polarity { out.polarity = polarity }
            if let beneficiary { out.beneficiary = beneficiary }; if let valueType { out.valueType = valueType }
            if let dimensions { out.dimensions = dimensions }; if let tags { out.tags = tags.joined(separator: ",") }
            return out
        }
    }

    struct InsightJSON: Encodable {
        let id, trajectoryId, title, description: String
        let highlightIds: [String]
        let version: Int
        init(_ i: Insight) {
            id = i.id; trajectoryId = i.trajectoryID; title = i.title; description = i.description; highlightIds = i.highlightIDs; version = i.version
        }
    }

    struct InsightBody: Decodable {
        var title, description: String?
        var highlightIds: [String]?
        func merged(onto input: InsightInput) -> InsightInput {
            var out = input
            if let title { out.title = title }; if let description { out.description = description }
            if let highlightIds { out.highlightIDs = highlightIds }
            return out
        }
    }

    struct PersonaJSON: Encodable {
        let id, trajectoryId, name, quote, ageBand, situation, goals, needs, frustrations, channels, digitalSkills, network, vulnerability: String
        let highlightIds: [String]
        let version: Int
        init(_ p: Persona) {
            id = p.id; trajectoryId = p.trajectoryID; name = p.name; quote = p.quote; ageBand = p.ageBand; situation = p.situation
            goals = p.goals; needs = p.needs; frustrations = p.frustrations; channels = p.channels; digitalSkills = p.digitalSkills
            network = p.network; vulnerability = p.vulnerability; highlightIds = p.highlightIDs; version = p.version
        }
    }

    struct PersonaBody: Decodable {
        var name, quote, ageBand, situation, goals, needs, frustrations, channels, digitalSkills, network, vulnerability: String?
        var highlightIds: [String]?
        func merged(onto input: PersonaInput) -> PersonaInput {
            var out = input
            if let name { out.name = name }; if let quote { out.quote = quote }; if let ageBand { out.ageBand = ageBand }
            if let situation { out.situation = situation }; if let goals { out.goals = goals }; if let needs { out.needs = needs }
            if let frustrations { out.frustrations = frustrations }; if let channels { out.channels = channels }
            if let digitalSkills { out.digitalSkills = digitalSkills }; if let network { out.network = network }
            if let vulnerability { out.vulnerability = vulnerability }; if let highlightIds { out.highlightIDs = highlightIds }
            return out
        }
    }

    struct JourneyJSON: Encodable {
        let id, trajectoryId, personaId, scenario, kind: String
        let version: Int
        init(_ j: Journey) {
            id = j.id; trajectoryId = j.trajectoryID; personaId = j.personaID; scenario = j.scenario; kind = j.kind.rawValue; version = j.version
        }
    }

    struct JourneyBody: Decodable {
        var personaId, scenario, kind: String?
        func merged(onto input: JourneyInput) -> JourneyInput {
            var out = input
            if let scenario { out.scenario = scenario }; if let kind { out.kind = kind }
            return out
        }
    }

    struct StepJSON: Encodable {
        let id, journeyId, stage, touchpoint, channel, actor, painPoints, opportunities, frontstage, backstage, support: String
        let position, emotion, version: Int
        let momentOfTruth: Bool
        let highlightIds: [String]
        init(_ s: JourneyStep) {
            id = s.id; journeyId = s.journeyID; stage = s.stage; touchpoint = s.touchpoint; channel = s.channel; actor = s.actor
            painPoints = s.painPoints; opportunities = s.opportunities; frontstage = s.frontstage; backstage = s.backstage; support = s.support
            position = s.position; emotion = s.emotion; version = s.version; momentOfTruth = s.momentOfTruth; highlightIds = s.highlightIDs
        }
    }

    struct StepBody: Decodable {
        var stage, touchpoint, channel, actor, painPoints, opportunities, frontstage, backstage, support: String?
        var position, emotion: Int?
        var momentOfTruth: Bool?
        var highlightIds: [String]?
        func merged(onto input: JourneyStepInput) -> JourneyStepInput {
            var out = input
            if let stage { out.stage = stage }; if let touchpoint { out.touchpoint = touchpoint }; if let channel { out.channel = channel }
            if let actor { out.actor = actor }; if let painPoints { out.painPoints = painPoints }
            if let opportunities { out.opportunities = opportunities }; if let frontstage { out.frontstage = frontstage }
            if let backstage { out.backstage = backstage }; if let support { out.support = support }
            if let position { out.position = String(position) }; if let emotion { out.emotion = String(emotion) }
            if let momentOfTruth { out.momentOfTruth = momentOfTruth }; if let highlightIds { out.highlightIDs = highlightIds }
            return out
        }
    }
}
