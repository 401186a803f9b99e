import SamenCore
import Testing

@Suite("Survey rules")
struct SurveyRulesTests {
    @Test("the default set has eight distinct dimensions with both languages filled")
    func defaultSet() {
        let codes = SurveyRules.defaultDimensions.map(\.code)
        #expect(codes.count == 8 && Set(codes).count == 8)
        #expect(SurveyRules.defaultDimensions.allSatisfy {
            !$0.nameNL.isEmpty && !$0.nameEN.isEmpty && !$0.definitionNL.isEmpty && !$0.definitionEN.isEmpty
                && SurveyRules.checkDimensionCode($0.code, field: "c").isEmpty
        })
    }

    @Test("input rules: title, scale, items, levels, wave period, dimension codes")
    func rules() throws {
        #expect(SurveyRules.checkTitle("  ").first?.code == "survey_title_required")
        #expect(SurveyRules.checkTitle(String(repeating: "x", count: 161)).first?.code == "survey_title_too_long")
        #expect(try SurveyRules.checkScale("10").get() == .ten)
        #expect((try? SurveyRules.checkScale("6").get()) == nil)
        #expect((try? SurveyRules.checkItemsPerDimension("0").get()) == nil)
        #expect(SurveyRules.levels(from: "balie\n Balie ,website\r\n\n") == ["balie", "website"])
        #expect(SurveyRules.checkPeriod(start: "2026-05-01", end: "2026-04-30").map(\.code) == ["wave_period_reversed"])
        #expect(SurveyRules.checkPeriod(start: "2026-13-01", end: "").map(\.code) == ["wave_date_invalid"])
        #expect(SurveyRules.checkPeriod(start: "", end: "").isEmpty)
        #expect(!SurveyRules.checkDimensionCode("Snel!", field: "c").isEmpty)
        #expect(SurveyRules.checkDimensionCode("speed_2", field: "c").isEmpty)
    }

    @Test("packed answers round-trip, missing stays missing, and a later item reads as missing")
    func packing() {
        let packed = SurveyAnswerPacking.pack(need: [6, nil, 3.5], experience: [2, 4, nil])
        #expect(packed == "6,2,,4,3.5,")
        var columns = SurveyAnswerColumns(itemCount: 4)
        SurveyAnswerPacking.unpack(packed, into: &columns)
        #expect(columns.need[0] == [6] && columns.need[1][0].isNaN && columns.need[2] == [3.5])
        #expect(columns.experience[1] == [4] && columns.experience[2][0].isNaN)
        #expect(columns.need[3][0].isNaN && columns.experience[3][0].isNaN)
    }
}
