import SamenCore
import Testing

@Suite("Survey wave order and comparison")
struct SurveyWaveOrderTests {
    static func wave(_ name: String, _ start: String?, _ end: String? = nil, created: Int64 = 0) -> SurveyWave {
        SurveyWave(id: "id-" + name, surveyID: "s", name: name, startsOn: start, endsOn: end, createdAt: created)
    }

    @Test("by start date, then end date, then creation; never by name; undated waves last")
    func order() {
        let najaar = Self.wave("Najaar", "2026-09-01", created: 1)
        let voorjaar = Self.wave("Voorjaar", "2026-03-01", created: 2)
        let voorjaarKort = Self.wave("A kort", "2026-03-01", "2026-03-10", created: 3)
        let voorjaarLang = Self.wave("B lang", "2026-03-01", "2026-05-01", created: 0)
        let zonderDatumOud = Self.wave("Zonder datum", nil, created: 5)
        let zonderDatumNieuw = Self.wave("Aaa", nil, created: 6)
        let ordered = [zonderDatumNieuw, najaar, voorjaarLang, zonderDatumOud, voorjaar, voorjaarKort].inTimeOrder()
        #expect(ordered.map(\.name) == ["A kort", "B lang", "Voorjaar", "Najaar", "Zonder datum", "Aaa"])
    }

    @Test("the default pair is the two latest in time; a chosen pair in either direction; a wrong choice says why")
    func choose() throws {
        let waves = [Self.wave("Najaar", "2026-09-01", created: 1), Self.wave("Voorjaar", "2026-03-01", created: 2),
                     Self.wave("Zomer", "2026-06-01", created: 3)]
        let standard = try #require(try SurveyWaveComparison.choose(waves: waves, fromID: nil, toID: ""))
        #expect(standard.from.name == "Zomer" && standard.to.name == "Najaar")
        let chosen = try #require(try SurveyWaveComparison.choose(waves: waves, fromID: "id-Najaar", toID: "id-Voorjaar"))
        #expect(chosen.from.name == "Najaar" && chosen.to.name == "Voorjaar")
        #expect(try SurveyWaveComparison.choose(waves: Array(waves.prefix(1)), fromID: nil, toID: nil) == nil)
        #expect(throws: SamenError.validation("waves_same", field: "to_wave")) {
            try SurveyWaveComparison.choose(waves: waves, fromID: "id-Zomer", toID: "id-Zomer")
        }
        #expect(throws: SamenError.validation("wave_unknown", field: "from_wave")) {
            try SurveyWaveComparison.choose(waves: waves, fromID: "other", toID: "id-Zomer")
        }
        #expect(throws: SamenError.validation("wave_required", field: "from_wave")) {
            try SurveyWaveComparison.choose(waves: waves, fromID: nil, toID: "id-Zomer")
        }
    }
}
