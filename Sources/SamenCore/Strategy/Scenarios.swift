import Foundation

/// One of the four cells of a 2×2 of two key uncertainties: axis A at its first or second
/// pole, axis B at its first or second pole.
public enum Quadrant: String, CaseIterable, Codable, Sendable {
    case a1b1 = "a1_b1", a1b2 = "a1_b2", a2b1 = "a2_b1", a2b2 = "a2_b2"

    public var firstOfA: Bool { self == .a1b1 || self == .a1b2 }
    public var firstOfB: Bool { self == .a1b1 || self == .a2b1 }
}

/// A key uncertainty: what is uncertain, and its two extreme outcomes.
public struct ScenarioAxis: Sendable, Hashable, Codable {
    public var name: String
    public var pole1: String
    public var pole2: String

    public init(name: String, pole1: String, pole2: String) {
        self.name = name
        self.pole1 = pole1
        self.pole2 = pole2
    }
}

/// One named future: its quadrant, a short narrative and the signposts that would tell it is coming.
public struct Scenario: Sendable, Hashable, Codable {
    public var id: String
    public var quadrant: Quadrant
    public var name: String
    public var narrative: String
    public var signposts: String

    public init(id: String = "", quadrant: Quadrant, name: String, narrative: String, signposts: String) {
        self.id = id
        self.quadrant = quadrant
        self.name = name
        self.narrative = narrative
        self.signposts = signposts
    }
}

/// A trajectory's scenario set (domain.md §7): two axes make four scenarios, one per quadrant.
public struct ScenarioSet: Sendable, Hashable, Codable, Versioned {
    public var id: String
    public var trajectoryID: String
    public var axisA: ScenarioAxis
    public var axisB: ScenarioAxis
    /// Always four, in `Quadrant.allCases` order.
    public var scenarios: [Scenario]
    public var version: Int

    public init(id: String, trajectoryID: String, axisA: ScenarioAxis, axisB: ScenarioAxis, scenarios: [Scenario], version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.axisA = axisA
        self.axisB = axisB
        self.scenarios = scenarios
        self.version = version
    }

    public func scenario(_ quadrant: Quadrant) -> Scenario? { scenarios.first { $0.quadrant == quadrant } }

    /// The poles of axis A and axis B that make a quadrant.
    public func poles(_ quadrant: Quadrant) -> (a: String, b: String) {
        (quadrant.firstOfA ? axisA.pole1 : axisA.pole2, quadrant.firstOfB ? axisB.pole1 : axisB.pole2)
    }
}

/// What a person types for a scenario set: both axes with both poles, and the four scenarios.
public struct ScenarioSetInput: Sendable, Equatable {
    public var axisA = ScenarioAxis(name: "", pole1: "", pole2: "")
    public var axisB = ScenarioAxis(name: "", pole1: "", pole2: "")
    public var names: [Quadrant: String] = [:], narratives: [Quadrant: String] = [:], signposts: [Quadrant: String] = [:]

    public init() {}

    public init(_ s: ScenarioSet) {
        axisA = s.axisA; axisB = s.axisB
        for scenario in s.scenarios {
            names[scenario.quadrant] = scenario.name; narratives[scenario.quadrant] = scenario.narrative
            signposts[scenario.quadrant] = scenario.signposts
        }
    }

    /// A set without both axes (each a name and two poles) or without four named scenarios with
    /// a narrative is refused field by field; nothing is stored. Rules a schema cannot state
    /// (poles or axes that repeat, a scenario name used twice) are conflict-kind.
    public func validated(trajectoryID: String, current: ScenarioSet? = nil) throws -> ScenarioSet {
        var errors: [SamenError] = []
        for (prefix, axis) in [("axis_a", axisA), ("axis_b", axisB)] {
            for (suffix, value) in [("name", axis.name), ("pole1", axis.pole1), ("pole2", axis.pole2)] {
                let field = prefix + "_" + suffix
                if value.trimmed.isEmpty {
                    errors.append(.validation("axis_required", field: field))
                } else {
                    errors += TrajectoryRules.optional(value, field: field, max: 160)
                }
            }
            if !axis.pole1.trimmed.isEmpty, axis.pole1.trimmed.lowercased() == axis.pole2.trimmed.lowercased() {
                errors.append(SamenError("poles_equal", kind: .conflict, field: prefix + "_pole2"))
            }
        }
        if !axisA.name.trimmed.isEmpty, axisA.name.trimmed.lowercased() == axisB.name.trimmed.lowercased() {
            errors.append(SamenError("axes_equal", kind: .conflict, field: "axis_b_name"))
        }
        var seen: [String] = []
        for q in Quadrant.allCases {
            let name = names[q] ?? ""
            errors += TrajectoryRules.required(name, field: "name_" + q.rawValue, max: 120)
                + TrajectoryRules.required(narratives[q] ?? "", field: "narrative_" + q.rawValue, max: 3000)
                + TrajectoryRules.optional(signposts[q] ?? "", field: "signposts_" + q.rawValue, max: 2000)
            if !name.trimmed.isEmpty, seen.contains(name.trimmed.lowercased()) {
                errors.append(SamenError("scenario_name_repeated", kind: .conflict, field: "name_" + q.rawValue))
            }
            seen.append(name.trimmed.lowercased())
        }
        try ValidationErrors.check(errors)
        func clean(_ a: ScenarioAxis) -> ScenarioAxis { ScenarioAxis(name: a.name.trimmed, pole1: a.pole1.trimmed, pole2: a.pole2.trimmed) }
        let scenarios = Quadrant.allCases.map { q in
            Scenario(id: current?.scenario(q)?.id ?? "", quadrant: q, name: (names[q] ?? "").trimmed, narrative: (narratives[q] ?? "").trimmed,
                     signposts: (signposts[q] ?? "").trimmed)
        }
        return ScenarioSet(id: current?.id ?? "", trajectoryID: trajectoryID, axisA: clean(axisA), axisB: clean(axisB), scenarios: scenarios,
                           version: current?.version ?? 1)
    }
}

/// One long-horizon intervention judged in one scenario: −2 (works badly) … +2 (works well).
public struct ScenarioRating: Sendable, Hashable, Codable {
    public static let range = -2...2

    public var interventionID: String
    public var quadrant: Quadrant
    public var rating: Int

    public init(interventionID: String, quadrant: Quadrant, rating: Int) {
        self.interventionID = interventionID
        self.quadrant = quadrant
        self.rating = rating
    }

    /// The form field of one cell of the robustness matrix.
    public static func field(_ interventionID: String, _ quadrant: Quadrant) -> String { "rating_" + interventionID + "_" + quadrant.rawValue }
}

/// What a person types for the robustness matrix: per intervention, per quadrant, a rating or
/// nothing (not judged yet).
public struct RatingsInput: Sendable, Equatable {
    public var cells: [String: [Quadrant: String]]

    public init(_ cells: [String: [Quadrant: String]] = [:]) {
        self.cells = cells
    }

    /// `eligible`: the trajectory's long-horizon interventions that are not stopped. A rating
    /// outside −2..+2 (or not a whole number) is refused on its cell; a rating of another
    /// intervention is a conflict; nothing is stored when anything is refused.
    public func validated(eligible: [String]) throws -> [ScenarioRating] {
        var errors: [SamenError] = [], ratings: [ScenarioRating] = []
        for id in cells.keys.sorted() {
            guard eligible.contains(id) else {
                errors.append(SamenError("rating_intervention_not_long", kind: .conflict, field: "ratings"))
                continue
            }
            for q in Quadrant.allCases {
                let raw = (cells[id]?[q] ?? "").trimmed.replacingOccurrences(of: "+", with: "").replacingOccurrences(of: "−", with: "-")
                if raw.isEmpty { continue }
                guard let value = Int(raw), ScenarioRating.range.contains(value) else {
                    errors.append(.validation("rating_invalid", field: ScenarioRating.field(id, q)))
                    continue
                }
                ratings.append(ScenarioRating(interventionID: id, quadrant: q, rating: value))
            }
        }
        try ValidationErrors.check(errors)
        return ratings
    }
}

/// How an intervention holds up across the four scenarios ("wind tunnelling").
public enum Robustness: String, CaseIterable, Sendable {
    /// Rated in all four scenarios and nowhere below 0: it does not hurt whichever future comes.
    case robust
    /// Rated below 0 in at least one scenario: it fails in some future.
    case fragile
    /// Not rated in every scenario yet, and no negative rating so far.
    case incomplete

    /// The rule (docs/portfolio.md): any rating < 0 makes it fragile; otherwise four ratings,
    /// all ≥ 0, make it robust; otherwise it is incomplete.
    public static func of(_ ratings: [Quadrant: Int]) -> Robustness {
        if ratings.values.contains(where: { $0 < 0 }) { return .fragile }
        return Quadrant.allCases.allSatisfy { ratings[$0] != nil } ? .robust : .incomplete
    }
}
