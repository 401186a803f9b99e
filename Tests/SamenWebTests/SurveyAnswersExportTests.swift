import SamenCore
@testable import SamenWeb
import Testing

/// `answers.csv` as written for a spreadsheet and for import again: each cell as the template
/// has it, a text that a spreadsheet would run as a formula guarded, `;` quoted, one wave's rows
/// numbered from 1.
@Suite("Survey answers export")
struct SurveyAnswersExportTests {
    static let survey: Survey = {
        let items = ["known", "trust"].map {
            SurveyItem(id: $0, dimensionCode: $0, number: 1, textNL: "", textEN: "", isReverseCoded: false)
        }
        return Survey(id: "s", organisationID: "o", trajectoryID: nil, title: "S", dimensionSetID: DimensionSet.defaultID,
                      dimensionSetVersion: 1, scale: .seven, asksNPS: true, asksCES: false, asksMark: true, createdAt: 0,
                      items: items, segments: [SurveySegmentQuestion(question: .channel, levels: ["balie", "=HYPERLINK()", "a;b"])])
    }()

    static var columns: SurveyAnswerColumns {
        var columns = SurveyAnswerColumns(itemCount: 2)
        columns.waveIDs = ["w1", "w2"]
        columns.waveIndex = [0, 1, 1]
        columns.need = [[5, .nan, 6.5], [1, 7, 2]]
        columns.experience = [[3, 4, .nan], [2.5, 1, 7]]
        columns.segments[.channel] = ["balie", "=HYPERLINK()", "a;b"]
        columns.nps = [10, nil, 0]
        columns.ces = [nil, nil, nil]
        columns.mark = [nil, 8, 1]
        columns.count = 3
        return columns
    }

    @Test("every wave or one: cells as the template has them, guarded and quoted where needed")
    func document() {
        let header = (SurveyService.templateHeader(for: Self.survey).split(separator: ";").map(String.init) + ["wave"])
            .map(CSVWriter.cell).joined(separator: ";")
        let names = ["w1": "Voorjaar", "w2": "Najaar; laat"]
        #expect(SurveyExportRoutes.document(Self.survey, Self.columns, waveNames: names, only: nil) == [
            header,
            "1;5;3;1;2.5;balie;10;;Voorjaar",
            "2;;4;7;1;'=HYPERLINK();;8;\"Najaar; laat\"",
            "3;6.5;;2;7;\"a;b\";0;1;\"Najaar; laat\"",
        ].map { $0 + "\r\n" }.joined())
        #expect(SurveyExportRoutes.document(Self.survey, Self.columns, waveNames: names, only: "w2") == [
            header,
            "1;;4;7;1;'=HYPERLINK();;8;\"Najaar; laat\"",
            "2;6.5;;2;7;\"a;b\";0;1;\"Najaar; laat\"",
        ].map { $0 + "\r\n" }.joined())
    }
}
