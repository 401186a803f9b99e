import Foundation
import SamenCore

/// The portfolio's records as the API reads and writes them (snake_case keys).
enum PortfolioJSON {
    struct InterventionJSON: Encodable {
        let id, trajectoryId, title, description, problem, horizon, owner, expectedEffect, effort, status, statusSince: String
        let insightIds, personaIds, stepIds, dimensions: [String]
        let costEur: Int?
        let allowedMoves: [String]
        let version: Int
        init(_ i: Intervention) {
            id = i.id; trajectoryId = i.trajectoryID; title = i.title; description = i.description; problem = i.problem
            horizon = i.horizon.rawValue; owner = i.owner; expectedEffect = i.expectedEffect; effort = i.effort.rawValue
            status = i.status.rawValue; statusSince = i.statusSince; insightIds = i.insightIDs; personaIds = i.personaIDs
            stepIds = i.stepIDs; dimensions = i.dimensions; costEur = i.costEUR; allowedMoves = i.status.moves.map(\.rawValue)
            version = i.version
        }
    }

    struct InterventionBody: Decodable {
        var title, description, problem, horizon, owner, expectedEffect, effort: String?
        var insightIds, personaIds, stepIds, dimensions: [String]?
        /// `null` clears a known cost.
        var costEur: Int??
        func merged(onto input: InterventionInput) -> InterventionInput {
            var out = input
            if let title { out.title = title }; if let description { out.description = description }; if let problem { out.problem = problem }
            if let horizon { out.horizon = horizon }; if let owner { out.owner = owner }
            if let expectedEffect { out.expectedEffect = expectedEffect }; if let effort { out.effort = effort }
            if let insightIds { out.insightIDs = insightIds }; if let personaIds { out.personaIDs = personaIds }
            if let stepIds { out.stepIDs = stepIds }; if let dimensions { out.dimensions = dimensions }
            if let costEur { out.cost = costEur.map(String.init) ?? "" }
            return out
        }

        enum CodingKeys: String, CodingKey {
            case title, description, problem, horizon, owner, expectedEffect, effort, insightIds, personaIds, stepIds, dimensions, costEur
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title); description = try c.decodeIfPresent(String.self, forKey: .description)
            problem = try c.decodeIfPresent(String.self, forKey: .problem); horizon = try c.decodeIfPresent(String.self, forKey: .horizon)
            owner = try c.decodeIfPresent(String.self, forKey: .owner); expectedEffect = try c.decodeIfPresent(String.self, forKey: .expectedEffect)
            effort = try c.decodeIfPresent(String.self, forKey: .effort); insightIds = try c.decodeIfPresent([String].self, forKey: .insightIds)
            personaIds = try c.decodeIfPresent([String].self, forKey: .personaIds); stepIds = try c.decodeIfPresent([String].self, forKey: .stepIds)
            dimensions = try c.decodeIfPresent([String].self, forKey: .dimensions)
            costEur = c.contains(.costEur) ? .some(try c.decodeNil(forKey: .costEur) ? nil : try c.decode(Int.self, forKey: .costEur)) : .none
        }
    }

    struct StatusBody: Decodable {
        var status: String
        var on: String?
        var reason: String?
    }

    struct StatusChangeJSON: Encodable {
        let from: String?
        let to, on, reason, by: String
        init(_ c: StatusChange) {
            from = c.from?.rawValue; to = c.to.rawValue; on = c.on; reason = c.reason; by = c.by
        }
    }

    struct AssessmentJSON: Encodable {
        let id, trajectoryId, dimension, assessedOn, assessors, justification, evidence: String
        let level: Int
        let targetShort, targetMedium, targetLong: Int?
        let version: Int
        init(_ a: MaturityAssessment) {
            id = a.id; trajectoryId = a.trajectoryID; dimension = a.dimension; assessedOn = a.assessedOn; assessors = a.assessors
            justification = a.justification; evidence = a.evidence; level = a.level; targetShort = a.targetShort
            targetMedium = a.targetMedium; targetLong = a.targetLong; version = a.version
        }
    }

    struct AssessmentBody: Decodable {
        var dimension, assessedOn, assessors, justification, evidence: String?
        var level: Int?
        var targetShort, targetMedium, targetLong: Int?
        func merged(onto input: AssessmentInput) -> AssessmentInput {
            var out = input
            if let dimension { out.dimension = dimension }; if let assessedOn { out.assessedOn = assessedOn }
            if let assessors { out.assessors = assessors }; if let justification { out.justification = justification }
            if let evidence { out.evidence = evidence }; if let level { out.level = String(level) }
            if let targetShort { out.targetShort = String(targetShort) }; if let targetMedium { out.targetMedium = String(targetMedium) }
            if let targetLong { out.targetLong = String(targetLong) }
            return out
        }
    }
}
