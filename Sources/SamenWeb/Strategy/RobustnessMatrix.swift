import Foundation
import SamenCore
import SamenStore

/// The robustness matrix of a trajectory, read once for the page, the CSV and the API: the
/// long-horizon interventions that are not stopped, their rating per scenario, and the verdict
/// of `Robustness.of`.
struct RobustnessMatrix {
    struct Line {
        let intervention: Intervention
        let ratings: [Quadrant: Int]
        let robustness: Robustness
    }

    let set: ScenarioSet?
    let lines: [Line]

    static func read(_ database: Database, organisationID: String, trajectoryID: String) async throws -> RobustnessMatrix {
        let store = ScenarioStore(database: database)
        let set = try await store.set(organisationID: organisationID, trajectoryID: trajectoryID)
        let ratings = try await store.ratings(organisationID: organisationID, trajectoryID: trajectoryID)
        let lines = try await store.eligible(organisationID: organisationID, trajectoryID: trajectoryID).map { i in
            let mine = Dictionary(ratings.filter { $0.interventionID == i.id }.map { ($0.quadrant, $0.rating) }, uniquingKeysWith: { a, _ in a })
            return Line(intervention: i, ratings: mine, robustness: Robustness.of(mine))
        }
        return RobustnessMatrix(set: set, lines: lines)
    }

    /// "+2", "0", "−1"; "" when not rated.
    static func signed(_ value: Int?) -> String {
        guard let value else { return "" }
        return value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0"
    }

    var table: ExportTable {
        ExportTable(header: ["intervention_id", "intervention"] + Quadrant.allCases.map { "rating_" + $0.rawValue } + ["robustness"],
                    rows: lines.map { line in
                        [line.intervention.id, line.intervention.title] + Quadrant.allCases.map { line.ratings[$0].map(String.init) ?? "" }
                            + [line.robustness.rawValue]
                    })
    }

    var scenarioTable: ExportTable {
        ExportTable(header: ["quadrant", "axis_a", "axis_a_pole", "axis_b", "axis_b_pole", "name", "narrative", "signposts"],
                    rows: (set?.scenarios ?? []).compactMap { s in
                        guard let set else { return nil }
                        let (a, b) = set.poles(s.quadrant)
                        return [s.quadrant.rawValue, set.axisA.name, a, set.axisB.name, b, s.name, s.narrative, s.signposts]
                    })
    }
}
