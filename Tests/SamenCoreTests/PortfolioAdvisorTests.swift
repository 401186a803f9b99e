import Testing
@testable import SamenCore

/// Each portfolio signal (13–17) fires on data that has the symptom and stays silent on
/// data that is one step away from it.
@Suite("The portfolio's advisor signals")
struct PortfolioAdvisorTests {
    static func intervention(_ title: String, _ dimensions: [String], _ horizon: Horizon = .short,
                             _ status: InterventionStatus = .planned) -> Intervention {
        Intervention(id: title, trajectoryID: "t", title: title, description: "", problem: "", insightIDs: [], personaIDs: [], stepIDs: [],
                     dimensions: dimensions, horizon: horizon, owner: "", expectedEffect: "", effort: .low, costEUR: nil,
                     status: status, statusSince: "2026-03-01")
    }

    /// A balanced portfolio: two horizons, the one large gap addressed, nothing implemented yet.
    static func balanced() -> PortfolioAdvisor.Facts {
        PortfolioAdvisor.Facts(
            trajectory: ChallengeAdvisorTests.healthy().facts,
            interventions: [intervention("Vaste consulent", ["known"]), intervention("Wijkteam", ["continuity"], .long)],
            gaps: ["known": .init(gap: 1.8, low: 1.2), "clarity": .init(gap: 0.9, low: 0.4)],
            maturity: ["known": 2, "clarity": 4])
    }

    static func numbers(_ facts: PortfolioAdvisor.Facts) -> [Int] { PortfolioAdvisor.signals(facts).map(\.number) }

    @Test("a balanced portfolio raises nothing")
    func quiet() {
        #expect(Self.numbers(Self.balanced()) == [])
    }

    @Test("13: a large gap no open intervention aims at; a stopped one does not count, a gap whose interval reaches below 1 is not large")
    func gapWithoutIntervention() {
        var facts = Self.balanced()
        facts.interventions[0].status = .stopped
        let signal = PortfolioAdvisor.signals(facts).first { $0.number == 13 }
        #expect(signal?.values == ["known"])
        facts.gaps["known"] = .init(gap: 1.8, low: 0.99)
        #expect(!Self.numbers(facts).contains(13))
    }

    @Test("14: only short-horizon interventions, from two open ones on")
    func onlyShort() {
        var facts = Self.balanced()
        facts.interventions[1].horizon = .short
        #expect(PortfolioAdvisor.signals(facts).first { $0.number == 14 }?.values == ["2"])
        facts.interventions[1].status = .stopped
        #expect(!Self.numbers(facts).contains(14), "one open intervention is too few to speak of a portfolio")
    }

    @Test("15: implemented while no citizen took part in implementation or evaluation; a citizen there silences it")
    func implementedWithoutCitizens() {
        var facts = Self.balanced()
        facts.interventions[0].status = .implemented
        #expect(PortfolioAdvisor.signals(facts).first { $0.number == 15 }?.values == ["Vaste consulent"])
        var builder = ChallengeAdvisorTests.healthy()
        builder.activity("proef", "2026-04-15", .coImplementation, .livingLab, people: [("C1", 2)])
        facts.trajectory = builder.facts
        #expect(!Self.numbers(facts).contains(15))
        builder = ChallengeAdvisorTests.healthy()
        builder.activity("proef", "2026-04-15", .coImplementation, .livingLab, people: [("F1", 2)])
        facts.trajectory = builder.facts
        #expect(Self.numbers(facts).contains(15), "staff alone are not citizens")
    }

    @Test("16: experiments whose learning card is overdue are named")
    func experimentsWithoutLearning() {
        var facts = Self.balanced()
        facts.experimentsWithoutLearning = ["Proef b", "Proef a"]
        #expect(PortfolioAdvisor.signals(facts).first { $0.number == 16 }?.values == ["Proef a", "Proef b"])
    }

    @Test("17: rated 4 or 5 on a dimension with a large gap; rated 3 it is not called out")
    func maturityContradictsGap() {
        var facts = Self.balanced()
        facts.maturity["known"] = 4
        #expect(PortfolioAdvisor.signals(facts).first { $0.number == 17 }?.values == ["known"])
        facts.maturity["known"] = 3
        #expect(!Self.numbers(facts).contains(17))
        facts.maturity["clarity"] = 5
        #expect(!Self.numbers(facts).contains(17), "the gap on clarity is not large")
    }
}
