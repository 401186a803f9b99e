import Testing
@testable import SamenCore

/// Each challenge is shown firing on data that has the symptom, and silent on data that does not.
@Suite("The twelve-challenges advisor")
struct ChallengeAdvisorTests {
    /// A healthy baseline: stakeholders, citizens and staff in regular, balanced activities,
    /// a steering-group check-in last week.
    static func healthy() -> FactsBuilder {
        var b = FactsBuilder(today: "2026-04-20", phases: [.coInitiation: .closed, .coDesign: .open])
        b.stakeholder(.citizen)
        b.stakeholder(.frontlineStaff)
        for code in ["C1", "C2", "C3", "F1"] { b.person(code, code.hasPrefix("F") ? .frontlineStaff : .citizen) }
        let all = [("C1", 3), ("C2", 3), ("C3", 3), ("F1", 3)]
        b.activity("kick-off", "2026-02-01", .coInitiation, people: all)
        b.activity("werksessie", "2026-03-01", .coDesign, people: all)
        b.activity("stuurgroep", "2026-04-13", .coDesign, .steeringGroup, people: all)
        return b
    }

    @Test("a healthy trajectory raises nothing")
    func healthyIsQuiet() {
        #expect(Self.healthy().numbers == [])
    }

    @Test("1: nothing registered yet")
    func tooComplex() {
        #expect(FactsBuilder().numbers.contains(1))
    }

    @Test("2: a required group never took part")
    func absentStakeholders() {
        var b = Self.healthy()
        b.stakeholder(.ngo)
        #expect(b.numbers.contains(2))
        #expect(ChallengeAdvisor.signals(b.facts).first { $0.number == 2 }?.values == ["ngo"])
    }

    @Test("3: one voice dominates a session")
    func dominance() {
        var b = Self.healthy()
        b.activity("inloop", "2026-04-14", .coDesign, people: [("C1", 20), ("C2", 1), ("C3", 1)])
        #expect(b.numbers.contains(3))
    }

    @Test("4: most people came once, or a long gap")
    func dropOut() {
        var b = Self.healthy()
        for code in ["N1", "N2", "N3", "N4", "N5", "N6"] { b.person(code) }
        b.activity("markt", "2026-04-15", .coDesign, people: [("N1", 1), ("N2", 1), ("N3", 1), ("N4", 1), ("N5", 1), ("N6", 1)])
        #expect(b.numbers.contains(4))
        var gap = FactsBuilder(today: "2026-06-01", phases: [.coInitiation: .open])
        gap.stakeholder(.citizen)
        gap.person("C1")
        gap.activity("a", "2026-01-05", people: [("C1", 1)])
        gap.activity("b", "2026-04-05", people: [("C1", 1)])
        #expect(gap.numbers.contains(4))
    }

    @Test("5: the same test in many places")
    func localVariants() {
        var b = Self.healthy()
        for (i, place) in ["Noord", "Zuid", "Oost"].enumerated() {
            b.activity("lab\(i)", "2026-05-0\(i + 1)", .coDesign, .livingLab, place: place)
        }
        #expect(b.numbers.contains(5))
    }

    @Test("6: surveys but no co-design")
    func onlySurveys() {
        var b = FactsBuilder(today: "2026-02-10")
        b.stakeholder(.citizen)
        b.activity("peiling", "2026-02-01", .coInitiation, .surveyWave)
        #expect(b.numbers.contains(6))
        #expect(!Self.healthy().numbers.contains(6))
    }

    @Test("7: participation falls three times in a row")
    func fallingEngagement() {
        var b = FactsBuilder(today: "2026-03-20")
        b.stakeholder(.citizen)
        for code in ["C1", "C2", "C3", "C4"] { b.person(code) }
        b.activity("s1", "2026-02-01", people: [("C1", 1), ("C2", 1), ("C3", 1), ("C4", 1)])
        b.activity("s2", "2026-02-15", people: [("C1", 1), ("C2", 1), ("C3", 1)])
        b.activity("s3", "2026-03-01", people: [("C1", 1), ("C2", 1)])
        #expect(b.numbers.contains(7))
    }

    @Test("8: partner agencies registered but absent")
    func silos() {
        var b = Self.healthy()
        b.stakeholder(.otherAgency, required: false)
        #expect(b.numbers.contains(8))
    }

    @Test("9: the goal changed twice in three months")
    func changingGoals() {
        var b = Self.healthy()
        for date in ["2026-03-01", "2026-04-01"] {
            b.facts.decisions.append(Decision(id: date, trajectoryID: "t", kind: .goalChange, date: date, summary: "", reason: "", decidedBy: ""))
        }
        #expect(b.numbers.contains(9))
        b.facts.decisions.removeLast()
        #expect(!b.numbers.contains(9))
    }

    @Test("10: no evaluation or check-in for six weeks")
    func noEvaluation() {
        var b = Self.healthy()
        b.facts.today = CalendarDate("2026-06-01")!
        #expect(b.numbers.contains(10))
    }

    @Test("11: too many sessions within two weeks (two for a vulnerable participant, three for others)")
    func tooIntense() {
        var b = Self.healthy()
        b.person("V1", vulnerable: true)
        b.activity("x1", "2026-04-14", .coDesign, people: [("V1", 1)])
        #expect(!b.numbers.contains(11), "one session is fine")
        b.activity("x2", "2026-04-16", .coDesign, people: [("V1", 1)])
        #expect(b.numbers.contains(11), "two within 14 days is already a lot for a vulnerable participant")
        var other = Self.healthy()
        other.activity("y1", "2026-04-14", .coDesign, people: [("C1", 1), ("C2", 1), ("C3", 1), ("F1", 1)])
        #expect(!other.numbers.contains(11), "C1: 13 and 14 April is two, not three")
        other.activity("y2", "2026-04-15", .coDesign, people: [("C1", 1), ("C2", 1), ("C3", 1), ("F1", 1)])
        #expect(other.numbers.contains(11))
    }

    @Test("12: citizens absent once implementation starts")
    func realWorkBegins() {
        var b = Self.healthy()
        b.facts.trajectory.phases[.coImplementation] = .open
        b.activity("uitrol", "2026-04-18", .coImplementation, people: [("F1", 1)])
        #expect(b.numbers.contains(12))
        b.activity("test", "2026-04-19", .coImplementation, .livingLab, people: [("C1", 1)])
        #expect(!b.numbers.contains(12))
    }
}
