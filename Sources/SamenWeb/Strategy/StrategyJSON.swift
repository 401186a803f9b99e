import Foundation
import SamenCore

/// Capabilities, needs and scenario sets as the API reads and writes them (snake_case keys).
enum StrategyJSON {
    struct CapabilityJSON: Encodable {
        let id, name, kind, description: String
        let currentLevel, interventions, shortfall, version: Int
        let highestNeededLevel: Int?
        init(_ s: CapabilityShortfall) {
            id = s.capability.id; name = s.capability.name; kind = s.capability.kind.rawValue; description = s.capability.description
            currentLevel = s.capability.currentLevel; interventions = s.interventions; shortfall = s.shortfall
            highestNeededLevel = s.highestNeeded; version = s.capability.version
        }
    }

    struct CapabilityBody: Decodable {
        var name, kind, description: String?
        var currentLevel: Int?
        func merged(onto input: CapabilityInput) -> CapabilityInput {
            var out = input
            if let name { out.name = name }; if let kind { out.kind = kind }; if let description { out.description = description }
            if let currentLevel { out.currentLevel = String(currentLevel) }
            return out
        }
    }

    struct NeedJSON: Encodable {
        let id, interventionId, capabilityId: String
        let neededLevel, version: Int
        init(_ n: CapabilityNeed) {
            id = n.id; interventionId = n.interventionID; capabilityId = n.capabilityID; neededLevel = n.neededLevel; version = n.version
        }
    }

    struct NeedBody: Decodable {
        var capabilityId: String?
        var neededLevel: Int?
        func merged(onto input: CapabilityNeedInput) -> CapabilityNeedInput {
            var out = input
            if let capabilityId { out.capabilityID = capabilityId }; if let neededLevel { out.neededLevel = String(neededLevel) }
            return out
        }
    }

    struct AxisJSON: Codable {
        var name, pole1, pole2: String
    }

    struct ScenarioText: Codable {
        var name, narrative: String
        var signposts: String?
    }

    /// One value per quadrant; the keys read `a1_b1` … `a2_b2` in JSON.
    struct Quadrants<T: Codable>: Codable {
        var a1B1, a1B2, a2B1, a2B2: T?

        init(_ value: (Quadrant) -> T?) {
            a1B1 = value(.a1b1); a1B2 = value(.a1b2); a2B1 = value(.a2b1); a2B2 = value(.a2b2)
        }

        subscript(_ q: Quadrant) -> T? {
            switch q {
            case .a1b1: a1B1
            case .a1b2: a1B2
            case .a2b1: a2B1
            case .a2b2: a2B2
            }
        }
    }

    struct SetJSON: Encodable {
        let id, trajectoryId: String
        let axisA, axisB: AxisJSON
        let scenarios: Quadrants<ScenarioText>
        let version: Int
        init(_ s: ScenarioSet) {
            id = s.id; trajectoryId = s.trajectoryID
            axisA = AxisJSON(name: s.axisA.name, pole1: s.axisA.pole1, pole2: s.axisA.pole2)
            axisB = AxisJSON(name: s.axisB.name, pole1: s.axisB.pole1, pole2: s.axisB.pole2)
            scenarios = Quadrants { q in s.scenario(q).map { ScenarioText(name: $0.name, narrative: $0.narrative, signposts: $0.signposts) } }
            version = s.version
        }
    }

    /// A scenario set; on a change, what is left out stays as it was.
    struct SetBody: Decodable {
        var axisA, axisB: AxisJSON?
        var scenarios: Quadrants<ScenarioText>?
        func merged(onto input: ScenarioSetInput) -> ScenarioSetInput {
            var out = input
            if let axisA { out.axisA = ScenarioAxis(name: axisA.name, pole1: axisA.pole1, pole2: axisA.pole2) }
            if let axisB { out.axisB = ScenarioAxis(name: axisB.name, pole1: axisB.pole1, pole2: axisB.pole2) }
            for q in Quadrant.allCases {
                guard let s = scenarios?[q] else { continue }
                out.names[q] = s.name; out.narratives[q] = s.narrative; out.signposts[q] = s.signposts ?? ""
            }
            return out
        }
    }

    struct MatrixJSON: Encodable {
        struct Line: Encodable {
            let interventionId, title, robustness: String
            /// Absent where not rated.
            let ratings: Quadrants<Int>
        }
        let setVersion: Int
        let interventions: [Line]
        init(_ m: RobustnessMatrix, set: ScenarioSet) {
            setVersion = set.version
            interventions = m.lines.map { line in
                Line(interventionId: line.intervention.id, title: line.intervention.title, robustness: line.robustness.rawValue,
                     ratings: Quadrants { line.ratings[$0] })
            }
        }
    }

    /// Cells to set (a rating) or clear (null); cells not named stay as they are.
    struct RatingsBody: Decodable {
        struct Cell: Decodable {
            var interventionId: String
            var quadrant: String
            var rating: Int?

            enum CodingKeys: String, CodingKey { case interventionId, quadrant, rating }

            /// `rating` must be named: null clears the cell, but a cell without it is a mistake
            /// (the document requires the key), not a quiet "clear".
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                interventionId = try c.decode(String.self, forKey: .interventionId)
                quadrant = try c.decode(String.self, forKey: .quadrant)
                guard c.contains(.rating) else {
                    throw DecodingError.keyNotFound(CodingKeys.rating, .init(codingPath: c.codingPath, debugDescription: "rating is required; null clears"))
                }
                rating = try c.decodeNil(forKey: .rating) ? nil : try c.decode(Int.self, forKey: .rating)
            }
        }
        var ratings: [Cell]
    }
}
