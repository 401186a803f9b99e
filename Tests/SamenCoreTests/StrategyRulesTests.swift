import SamenCore
import Testing

/// The capability and scenario rules: each rule with an input that triggers it and one that
/// does not, and the shortfall and robustness computations against examples worked by hand.
@Suite("Capability and scenario rules")
struct StrategyRulesTests {
    static func refused(_ body: () throws -> Any) -> [String: String] {
        do {
            _ = try body()
            return [:]
        } catch let e as ValidationErrors {
            return Dictionary(e.errors.map { ($0.field ?? "", $0.code) }, uniquingKeysWith: { a, _ in a })
        } catch {
            return ["": "other"]
        }
    }

    static func capability() -> CapabilityInput {
        var input = CapabilityInput()
        input.name = "Doorvragen"; input.kind = "skill"; input.currentLevel = "2"
        return input
    }

    @Test("a capability: level 1–5, a known kind, a name once per organisation")
    func capabilityRules() throws {
        let ok = try Self.capability().validated(organisationID: "o", takenNames: ["Schrijven in B1"])
        #expect(ok.kind == .skill && ok.currentLevel == 2 && ok.name == "Doorvragen")
        for (level, passes) in [("0", false), ("1", true), ("5", true), ("6", false), ("twee", false), ("", false)] {
            var input = Self.capability()
            input.currentLevel = level
            #expect(Self.refused { try input.validated(organisationID: "o") }["current_level"] == (passes ? nil : "level_invalid"), "\(level)")
        }
        var kind = Self.capability()
        kind.kind = "budget"
        #expect(Self.refused { try kind.validated(organisationID: "o") } == ["kind": "capability_kind_invalid"])
        kind.kind = "way_of_working"
        #expect(try kind.validated(organisationID: "o").kind == .wayOfWorking)
        #expect(Self.refused { try Self.capability().validated(organisationID: "o", takenNames: [" doorvragen"]) }
            == ["name": "capability_name_taken"])
        var empty = Self.capability()
        empty.name = "  "
        #expect(Self.refused { try empty.validated(organisationID: "o") } == ["name": "field_required"])
    }

    @Test("a need: a capability of the own organisation, not needed twice, a level 1–5")
    func needRules() throws {
        let need = try CapabilityNeedInput(capabilityID: "c1", neededLevel: "4")
            .validated(interventionID: "i", organisationCapabilities: ["c1", "c2"], alreadyNeeded: ["c2"])
        #expect(need.capabilityID == "c1" && need.neededLevel == 4)
        #expect(Self.refused {
            try CapabilityNeedInput(capabilityID: "foreign", neededLevel: "4").validated(interventionID: "i", organisationCapabilities: ["c1"], alreadyNeeded: [])
        } == ["capability_id": "capability_unknown"])
        #expect(Self.refused {
            try CapabilityNeedInput(capabilityID: "c2", neededLevel: "4").validated(interventionID: "i", organisationCapabilities: ["c1", "c2"], alreadyNeeded: ["c2"])
        } == ["capability_id": "capability_already_needed"])
        #expect(Self.refused {
            try CapabilityNeedInput(capabilityID: "c1", neededLevel: "9").validated(interventionID: "i", organisationCapabilities: ["c1"], alreadyNeeded: [])
        } == ["needed_level": "level_invalid"])
        do {
            _ = try CapabilityNeedInput(capabilityID: "foreign", neededLevel: "3").validated(interventionID: "i", organisationCapabilities: ["c1"], alreadyNeeded: [])
        } catch let e as ValidationErrors {
            #expect(e.errors.allSatisfy { $0.kind == .conflict }, "a foreign capability depends on stored records: a conflict (409)")
        }
    }

    /// Worked by hand: "Klantbeeld" (now 1) is needed at 3, 4 and 2 → 2 + 3 + 1 = 6 by three
    /// interventions; "Zaaksysteem" (now 2) at 5 → 3 by one; "B1" (now 4) at 3 → 0; "Wijk" unused → 0.
    @Test("shortfall: sum of max(0, needed − current) per capability, ranked by shortfall, then interventions, then name")
    func shortfall() {
        let caps = [("b1", "B1", 4), ("wijk", "Wijk", 2), ("zaak", "Zaaksysteem", 2), ("klant", "Klantbeeld", 1)].map {
            Capability(id: $0.0, organisationID: "o", name: $0.1, kind: .skill, description: "", currentLevel: $0.2)
        }
        let needs = [("i1", "klant", 3), ("i2", "klant", 4), ("i3", "klant", 2), ("i1", "zaak", 5), ("i2", "b1", 3)].enumerated().map {
            CapabilityNeed(id: "n\($0.offset)", interventionID: $0.element.0, capabilityID: $0.element.1, neededLevel: $0.element.2)
        }
        let ranked = CapabilityShortfall.ranked(caps, needs: needs)
        #expect(ranked.map(\.capability.name) == ["Klantbeeld", "Zaaksysteem", "B1", "Wijk"])
        #expect(ranked.map(\.shortfall) == [6, 3, 0, 0])
        #expect(ranked.map(\.interventions) == [3, 1, 1, 0])
        #expect(ranked.map(\.highestNeeded) == [4, 5, 3, nil])
    }

    static func set() -> ScenarioSetInput {
        var input = ScenarioSetInput()
        input.axisA = ScenarioAxis(name: "Digitaal contact", pole1: "Persoonlijk", pole2: "Digitaal")
        input.axisB = ScenarioAxis(name: "Vertrouwen", pole1: "Laag", pole2: "Hoog")
        for (q, name) in zip(Quadrant.allCases, ["Balie", "Buurt", "Afstand", "Meedenken"]) {
            input.names[q] = name; input.narratives[q] = "Verhaal van " + name
        }
        return input
    }

    @Test("a scenario set: both axes with two different poles, four named scenarios with a story")
    func scenarioRules() throws {
        let ok = try Self.set().validated(trajectoryID: "t")
        #expect(ok.scenarios.map(\.quadrant) == Quadrant.allCases && ok.scenario(.a2b2)?.name == "Meedenken")
        #expect(ok.poles(.a1b2).a == "Persoonlijk" && ok.poles(.a1b2).b == "Hoog")
        var noAxis = Self.set()
        noAxis.axisB = ScenarioAxis(name: "", pole1: "", pole2: "")
        #expect(Self.refused { try noAxis.validated(trajectoryID: "t") }
            == ["axis_b_name": "axis_required", "axis_b_pole1": "axis_required", "axis_b_pole2": "axis_required"])
        var onePole = Self.set()
        onePole.axisA.pole2 = " "
        #expect(Self.refused { try onePole.validated(trajectoryID: "t") } == ["axis_a_pole2": "axis_required"])
        var samePoles = Self.set()
        samePoles.axisA.pole2 = "persoonlijk"
        #expect(Self.refused { try samePoles.validated(trajectoryID: "t") } == ["axis_a_pole2": "poles_equal"])
        var sameAxes = Self.set()
        sameAxes.axisB.name = "Digitaal contact"
        #expect(Self.refused { try sameAxes.validated(trajectoryID: "t") } == ["axis_b_name": "axes_equal"])
        var repeated = Self.set()
        repeated.names[.a2b1] = "Balie"
        #expect(Self.refused { try repeated.validated(trajectoryID: "t") } == ["name_a2_b1": "scenario_name_repeated"])
        var untold = Self.set()
        untold.narratives[.a1b2] = ""
        #expect(Self.refused { try untold.validated(trajectoryID: "t") } == ["narrative_a1_b2": "field_required"])
    }

    @Test("ratings: whole numbers −2..+2 or empty, only for the eligible interventions; nothing passes when one cell is wrong")
    func ratingRules() throws {
        let good = try RatingsInput(["i1": [.a1b1: "-2", .a1b2: "+2", .a2b1: "0", .a2b2: ""]]).validated(eligible: ["i1"])
        #expect(good == [ScenarioRating(interventionID: "i1", quadrant: .a1b1, rating: -2), ScenarioRating(interventionID: "i1", quadrant: .a1b2, rating: 2),
                         ScenarioRating(interventionID: "i1", quadrant: .a2b1, rating: 0)])
        for bad in ["3", "-3", "1.5", "goed"] {
            #expect(Self.refused { try RatingsInput(["i1": [.a1b1: "1", .a2b2: bad]]).validated(eligible: ["i1"]) }
                == [ScenarioRating.field("i1", .a2b2): "rating_invalid"], "\(bad)")
        }
        #expect(Self.refused { try RatingsInput(["short": [.a1b1: "1"]]).validated(eligible: ["i1"]) } == ["ratings": "rating_intervention_not_long"])
    }

    /// Worked by hand for the rule "fragile if any rating < 0; robust if rated in all four and
    /// none < 0; otherwise incomplete".
    @Test("robustness: robust only when rated in all four scenarios and nowhere below 0")
    func robustness() {
        let q = Quadrant.allCases
        func r(_ values: [Int?]) -> [Quadrant: Int] {
            Dictionary(uniqueKeysWithValues: zip(q, values).compactMap { pair in pair.1.map { (pair.0, $0) } })
        }
        #expect(Robustness.of(r([1, 2, 0, 1])) == .robust, "0 counts as not failing")
        #expect(Robustness.of(r([0, 0, 0, 0])) == .robust)
        #expect(Robustness.of(r([2, 2, 2, -1])) == .fragile, "one bad future is enough")
        #expect(Robustness.of(r([-1, nil, nil, nil])) == .fragile, "a known failure needs no complete row")
        #expect(Robustness.of(r([2, 2, 2, nil])) == .incomplete, "three good ratings are not yet robust")
        #expect(Robustness.of([:]) == .incomplete)
    }
}
