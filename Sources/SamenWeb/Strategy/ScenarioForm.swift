import Foundation
import Hummingbird
import SamenCore

/// The one field layout of a scenario set (both axes, four scenarios) and of the ratings
/// form of the robustness matrix.
enum ScenarioForm {
    static let axisNames = ["axis_a_name", "axis_a_pole1", "axis_a_pole2", "axis_b_name", "axis_b_pole1", "axis_b_pole2"]
    static var names: [String] {
        axisNames + Quadrant.allCases.flatMap { ["name_" + $0.rawValue, "narrative_" + $0.rawValue, "signposts_" + $0.rawValue] }
    }

    static var layout: [(String, RecordForm.Kind)] {
        axisNames.map { ($0, .text) } + Quadrant.allCases.flatMap { q in
            [("name_" + q.rawValue, RecordForm.Kind.text), ("narrative_" + q.rawValue, .textarea), ("signposts_" + q.rawValue, .textarea)]
        }
    }

    static func values(_ s: ScenarioSet) -> [String: String] {
        var values = ["axis_a_name": s.axisA.name, "axis_a_pole1": s.axisA.pole1, "axis_a_pole2": s.axisA.pole2,
                      "axis_b_name": s.axisB.name, "axis_b_pole1": s.axisB.pole1, "axis_b_pole2": s.axisB.pole2]
        for scenario in s.scenarios {
            values["name_" + scenario.quadrant.rawValue] = scenario.name
            values["narrative_" + scenario.quadrant.rawValue] = scenario.narrative
            values["signposts_" + scenario.quadrant.rawValue] = scenario.signposts
        }
        return values
    }

    static func input(_ form: FormData) -> ScenarioSetInput {
        var input = ScenarioSetInput()
        input.axisA = ScenarioAxis(name: form["axis_a_name"], pole1: form["axis_a_pole1"], pole2: form["axis_a_pole2"])
        input.axisB = ScenarioAxis(name: form["axis_b_name"], pole1: form["axis_b_pole1"], pole2: form["axis_b_pole2"])
        for q in Quadrant.allCases {
            input.names[q] = form["name_" + q.rawValue]
            input.narratives[q] = form["narrative_" + q.rawValue]
            input.signposts[q] = form["signposts_" + q.rawValue]
        }
        return input
    }

    /// The ratings the form sent for the given interventions (a cell left at "not rated" is empty).
    static func ratings(_ form: FormData, interventions: [String]) -> RatingsInput {
        RatingsInput(Dictionary(uniqueKeysWithValues: interventions.map { id in
            (id, Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0, form[ScenarioRating.field(id, $0)]) }))
        }))
    }
}
