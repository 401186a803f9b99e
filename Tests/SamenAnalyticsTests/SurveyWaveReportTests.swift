import Foundation
import Testing
@testable import SamenAnalytics

/// The report compares waves in the order it is given (time order), never by name, and
/// marks cells under 10 people, with 9 and 10 holding the boundary.
@Suite("Survey report: wave comparison and small cells")
struct SurveyWaveReportTests {
    /// One dimension; per wave `counts[i]` respondents whose gap is `gaps[i]` or `gaps[i] + 1`.
    static func responses(levels: [String], counts: [Int], gaps: [Double]) throws -> SurveyResponses {
        var need: [Double] = [], experience: [Double] = [], indices: [Int32] = []
        for (wave, count) in counts.enumerated() {
            for row in 0..<count {
                need.append(6 + Double(row % 2))
                experience.append(6 - gaps[wave])
                indices.append(Int32(wave))
            }
        }
        return try SurveyResponses(
            respondentCount: need.count, scale: SurveyScale(minimum: 1, maximum: 7),
            dimensions: [SurveyDimensionAnswers(code: "known", items: [SurveyItemAnswers(need: need, experience: experience)])],
            segments: [SurveySegmentVariable(name: "wave", levels: levels, levelIndices: indices)])
    }

    @Test("default: the two latest levels (not first and last, not alphabetical); or the chosen pair, to − from")
    func comparison() throws {
        let responses = try Self.responses(levels: ["Voorjaar", "Zomer", "Najaar"], counts: [12, 12, 12], gaps: [3, 2, 1])
        let analysis = SurveyGapAnalysis(responses)
        let standard = try #require(SurveyAnalysisReport(responses: responses, analysis: analysis).waveDifferences.first)
        #expect(standard.fromWave == "Zomer" && standard.toWave == "Najaar")
        #expect(abs(try #require(standard.difference) + 1) < 1e-12, "the gap fell from 2,5 to 1,5")
        let chosen = try #require(SurveyAnalysisReport(responses: responses, analysis: analysis,
                                                       comparedWaves: ("Najaar", "Voorjaar")).waveDifferences.first)
        #expect(chosen.fromWave == "Najaar" && chosen.toWave == "Voorjaar")
        #expect(abs(try #require(chosen.difference) - 2) < 1e-12)
        #expect(SurveyAnalysisReport(responses: responses, analysis: analysis, comparedWaves: ("Najaar", "Herfst")).waveDifferences.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: SurveyAnalysisReport(responses: responses, analysis: analysis).json())
            as? [String: Any])
        let levels = (json["results"] as? [[String: Any]] ?? []).compactMap { ($0["segment"] as? [String: Any])?["level"] as? String }
        #expect(levels == ["Voorjaar", "Zomer", "Najaar"])
    }

    @Test("a cell of 9 is suppressed, a cell of 10 is not, in results and in the wave comparison")
    func smallCells() throws {
        let responses = try Self.responses(levels: ["Voorjaar", "Najaar"], counts: [10, 9], gaps: [2, 1])
        let report = SurveyAnalysisReport(responses: responses, analysis: SurveyGapAnalysis(responses))
        let byLevel = Dictionary(uniqueKeysWithValues: report.results.map { ($0.segment?.level ?? "", $0) })
        #expect(byLevel["Voorjaar"]?.n == 10 && byLevel["Voorjaar"]?.suppressed == false)
        #expect(byLevel["Najaar"]?.n == 9 && byLevel["Najaar"]?.suppressed == true)
        let difference = try #require(SurveyGapAnalysis(responses).waveDifferences(waveVariable: "wave", from: "Voorjaar", to: "Najaar")?.first)
        #expect(difference.isSuppressed, "one side has 9")
        let ten = try Self.responses(levels: ["Voorjaar", "Najaar"], counts: [10, 10], gaps: [2, 1])
        #expect(SurveyGapAnalysis(ten).waveDifferences(waveVariable: "wave", from: "Voorjaar", to: "Najaar")?.first?.isSuppressed == false)
    }
}
