import Foundation
import SamenCore

/// The JSON shapes of a trajectory's records in the API (snake_case on the wire), and the
/// request bodies that create (all fields) or change (any fields) them.
enum TrajectoryRecordJSON {
    struct ActivityJSON: Encodable {
        let id, trajectoryId, title, date, phase, kind, place, facilitator, notes: String
        let version: Int
        init(_ a: Activity) {
            id = a.id; trajectoryId = a.trajectoryID; title = a.title; date = a.date; phase = a.phase.rawValue; kind = a.kind.rawValue
            place = a.place; facilitator = a.facilitator; notes = a.notes; version = a.version
        }
    }

    struct ActivityBody: Decodable {
        var title, date, phase, kind, place, facilitator, notes: String?
        func merged(onto input: ActivityInput) -> ActivityInput {
            var out = input
            if let title { out.title = title }; if let date { out.date = date }; if let phase { out.phase = phase }
            if let kind { out.kind = kind }; if let place { out.place = place }; if let facilitator { out.facilitator = facilitator }
            if let notes { out.notes = notes }
            return out
        }
    }

    struct ParticipantJSON: Encodable {
        let id, trajectoryId, code, group, ageBand, district: String
        let vulnerable: Bool
        let version: Int
        init(_ p: Participant) {
            id = p.id; trajectoryId = p.trajectoryID; code = p.code; group = p.group.rawValue; ageBand = p.ageBand; district = p.district
            vulnerable = p.vulnerable; version = p.version
        }
    }

    struct ParticipantBody: Decodable {
        var code, group, ageBand, district: String?
        var vulnerable: Bool?
        func merged(onto input: ParticipantInput) -> ParticipantInput {
            var out = input
            if let code { out.code = code }; if let group { out.group = group }; if let ageBand { out.ageBand = ageBand }
            if let district { out.district = district }; if let vulnerable { out.vulnerable = vulnerable }
            return out
        }
    }

    struct ParticipationJSON: Encodable {
        let participantId, activityId, role, consent: String
        let contributions, version: Int
        init(_ p: Participation) {
            participantId = p.participantID; activityId = p.activityID; role = p.role; consent = p.consent.rawValue
            contributions = p.contributions; version = p.version
        }
    }

    struct ParticipationBody: Decodable {
        var participantId, role, consent: String?
        var contributions: Int?
        func merged(onto input: ParticipationInput) -> ParticipationInput {
            var out = input
            if let participantId { out.participantID = participantId }; if let role { out.role = role }
            if let consent { out.consent = consent }; if let contributions { out.contributions = String(contributions) }
            return out
        }
    }

    struct StakeholderJSON: Encodable {
        let id, trajectoryId, name, group: String
        let required, hardToReach, lowDigitalSkills, languageNeeds: Bool
        let power, interest: Int?
        let positionDate, quadrant: String?
        let version: Int
        init(_ s: Stakeholder) {
            id = s.id; trajectoryId = s.trajectoryID; name = s.name; group = s.group.rawValue; required = s.required
            hardToReach = s.hardToReach; lowDigitalSkills = s.lowDigitalSkills; languageNeeds = s.languageNeeds
            power = s.power; interest = s.interest; positionDate = s.positionDate; quadrant = s.quadrant?.rawValue; version = s.version
        }
    }

    struct StakeholderBody: Decodable {
        var name, group, positionDate: String?
        var required, hardToReach, lowDigitalSkills, languageNeeds: Bool?
        var power, interest: Int?
        func merged(onto input: StakeholderInput) -> StakeholderInput {
            var out = input
            if let name { out.name = name }; if let group { out.group = group }; if let required { out.required = required }
            if let hardToReach { out.hardToReach = hardToReach }; if let lowDigitalSkills { out.lowDigitalSkills = lowDigitalSkills }
            if let languageNeeds { out.languageNeeds = languageNeeds }
            if let power { out.power = String(power) }; if let interest { out.interest = String(interest) }
            if let positionDate { out.positionDate = positionDate }
            return out
        }
    }

    struct DecisionJSON: Encodable {
        let id, trajectoryId, kind, date, summary, reason, decidedBy: String
        let version: Int
        init(_ d: Decision) {
            id = d.id; trajectoryId = d.trajectoryID; kind = d.kind.rawValue; date = d.date; summary = d.summary; reason = d.reason
            decidedBy = d.decidedBy; version = d.version
        }
    }

    struct DecisionBody: Decodable {
        var date, summary, reason, decidedBy: String?
        func merged(onto input: DecisionInput) -> DecisionInput {
            var out = input
            if let date { out.date = date }; if let summary { out.summary = summary }; if let reason { out.reason = reason }
            if let decidedBy { out.decidedBy = decidedBy }
            return out
        }
    }

    struct TrajectoryBody: Decodable {
        var title, service, goal, targetGroups, owner, startDate, endDate, goalReason: String?
        func merged(onto input: TrajectoryInput) -> TrajectoryInput {
            var out = input
            if let title { out.title = title }; if let service { out.service = service }; if let goal { out.goal = goal }
            if let targetGroups { out.targetGroups = targetGroups }; if let owner { out.owner = owner }
            if let startDate { out.startDate = startDate }; if let endDate { out.endDate = endDate }
            if let goalReason { out.goalReason = goalReason }
            return out
        }
    }

    struct PhaseBody: Decodable {
        let phase: String
        let status: String
    }

    struct PositionBody: Decodable {
        let power: Int
        let interest: Int
        let positionDate: String
    }
}
