import Testing
@testable import SamenCore

/// A small trajectory built up per test.
struct FactsBuilder {
    var facts: TrajectoryFacts

    init(today: String = "2026-06-30", phases: [Phase: PhaseStatus] = [.coInitiation: .open]) {
        let trajectory = Trajectory(id: "t", organisationID: "o", title: "Bijzondere bijstand", service: "Bijstand", goal: "Eenvoudiger aanvragen",
                                    targetGroups: "", owner: "Ilse", startDate: "2026-01-01", endDate: nil, phases: phases, createdAt: 0)
        facts = TrajectoryFacts(trajectory: trajectory, activities: [], stakeholders: [], participants: [], participations: [],
                                decisions: [], shares: [], today: CalendarDate(today)!)
    }

    mutating func stakeholder(_ group: StakeholderGroup, required: Bool = true) {
        facts.stakeholders.append(Stakeholder(id: "s\(facts.stakeholders.count)", trajectoryID: "t", name: group.rawValue, group: group,
                                              required: required, hardToReach: false, lowDigitalSkills: false, languageNeeds: false,
                                              power: nil, interest: nil, positionDate: nil))
    }

    mutating func person(_ code: String, _ group: StakeholderGroup = .citizen, vulnerable: Bool = false) {
        facts.participants.append(Participant(id: code, trajectoryID: "t", code: code, group: group, vulnerable: vulnerable, ageBand: "", district: ""))
    }

    mutating func activity(_ id: String, _ date: String, _ phase: Phase = .coInitiation, _ kind: ActivityKind = .session,
                           place: String = "Stadhuis", people: [(String, Int)] = []) {
        facts.activities.append(Activity(id: id, trajectoryID: "t", phase: phase, kind: kind, title: id, date: date, place: place,
                                         facilitator: "", notes: ""))
        for (code, contributions) in people {
            facts.participations.append(Participation(participantID: code, activityID: id, role: "deelnemer", consent: .internalAnalysis,
                                                      contributions: contributions))
        }
    }

    var numbers: [Int] { ChallengeAdvisor.signals(facts).map(\.number) }
}

@Suite("Coverage, representation, dominance")
struct ParticipationAnalysisTests {
    @Test("Gini against hand-computed values", arguments: [
        ([1.0, 1, 1, 1], 0.0), ([0.0, 0, 0, 10], 0.75), ([1.0, 2, 3, 4], 0.25), ([5.0, 5], 0.0), ([0.0, 1], 0.5),
    ])
    func gini(values: [Double], expected: Double) {
        // Reference: mean absolute difference Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed naively here.
        let n = Double(values.count), mean = values.reduce(0, +) / n
        let naive = values.flatMap { a in values.map { abs(a - $0) } }.reduce(0, +) / (2 * n * n * mean)
        #expect(abs(Dominance.gini(values) - expected) < 1e-12)
        #expect(abs(Dominance.gini(values) - naive) < 1e-12)
    }

    @Test("dominance: twice the equal share, or Gini above 0.5")
    func dominance() throws {
        #expect(try #require(Dominance(contributions: [3, 3, 3, 3])).dominated == false)
        let one = try #require(Dominance(contributions: [12, 2, 2, 2]))
        #expect(one.dominated, "12/18 = 0.67 > 2/4")
        #expect(abs(one.topShare - 12.0 / 18) < 1e-12)
        #expect(try #require(Dominance(contributions: [4, 3, 2, 1])).dominated == false, "0.4 < 0.5 and Gini 0.25")
        #expect(Dominance(contributions: [5]) == nil, "one person cannot dominate a group")
        #expect(Dominance(contributions: [0, 0]) == nil)
    }

    @Test("coverage counts distinct people per group and phase and names missing required groups")
    func coverage() {
        var b = FactsBuilder(phases: [.coInitiation: .closed, .coDesign: .open])
        b.stakeholder(.citizen)
        b.stakeholder(.frontlineStaff)
        b.person("C1"); b.person("C2"); b.person("F1", .frontlineStaff)
        b.activity("a1", "2026-02-01", .coInitiation, people: [("C1", 1), ("C2", 1), ("F1", 1)])
        b.activity("a2", "2026-03-01", .coInitiation, people: [("C1", 1)])
        b.activity("a3", "2026-04-01", .coDesign, people: [("F1", 2)])
        let coverage = Coverage(b.facts)
        #expect(coverage.count(.citizen, .coInitiation) == 2, "C1 twice counts once")
        #expect(coverage.count(.frontlineStaff, .coDesign) == 1)
        #expect(coverage.missing[.coDesign] == [.citizen])
        #expect(coverage.missing[.coInitiation] == nil)
        #expect(coverage.missing[.coImplementation] == nil, "not started: not judged")
        #expect(coverage.citizensAtStart)
        #expect(!coverage.citizensInImplementation)
    }

    @Test("representation: observed share over target share; score is lowest over highest")
    func representation() throws {
        var b = FactsBuilder()
        for i in 0..<6 { b.person("C\(i)") }
        for i in 0..<4 { b.person("F\(i)", .frontlineStaff) }
        let shares = [PopulationShare(variable: "group", level: "citizen", percent: 90),
                      PopulationShare(variable: "group", level: "frontline_staff", percent: 10)]
        let r = Representation(variable: "group", participants: b.facts.participants, shares: shares) { $0.group.rawValue }
        let citizen = try #require(r.rows.first { $0.level == "citizen" })
        #expect(abs(citizen.observedPercent - 60) < 1e-12)
        #expect(abs(try #require(citizen.ratio) - 60.0 / 90) < 1e-12)
        #expect(citizen.underRepresented)
        let score = try #require(r.score)
        let expected: Double = (60.0 / 90.0) / (40.0 / 10.0)
        #expect(abs(score - expected) < 1e-12)
    }

    @Test("representation: participants without a district are a row of their own and the shares add up to 100")
    func representationCountsUnknownDistricts() throws {
        let districts = ["Noord", "Noord", "Zuid", "Zuid", "", "", "West"]
        let participants = districts.enumerated().map { index, district in
            Participant(id: "P\(index)", trajectoryID: "t", code: "P\(index)", group: .citizen, vulnerable: false, ageBand: "", district: district)
        }
        let shares = [PopulationShare(variable: "district", level: "Noord", percent: 50),
                      PopulationShare(variable: "district", level: "Zuid", percent: 50)]
        let r = Representation(variable: "district", participants: participants, shares: shares) { $0.district }
        let total = r.rows.map(\.observedPercent).reduce(0, +)
        #expect(abs(total - 100) < 1e-9, "the shares add up to \(total)")
        let unknown = try #require(r.rows.last)
        #expect(unknown.isUnknown && unknown.participants == 2 && unknown.targetPercent == nil)
        #expect(r.rows.contains { $0.level == "West" && $0.targetPercent == nil && $0.participants == 1 })
        // Noord is 2 of the 5 with a known district (40 %) against a target of 50 %: ratio 0.8, not under-represented.
        let north = try #require(r.rows.first { $0.level == "Noord" })
        #expect(abs(try #require(north.ratio) - 0.8) < 1e-12)
        #expect(!north.underRepresented)
    }
}
