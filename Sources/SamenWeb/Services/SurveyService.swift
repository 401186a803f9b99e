import Foundation
import SamenAnalytics
import SamenCore
import SamenStore

/// A survey's answers ready for the statistics, with what the pages need to name things.
public struct SurveyDataset: Sendable {
    public let survey: Survey
    public let waves: [SurveyWave]
    public let responses: SurveyResponses
    public let analysis: SurveyGapAnalysis
    /// NPS (0–10), CES (1–7) and report mark (1–10) per respondent, nil when not given.
    public let nps: [Int?]
    public let ces: [Int?]
    public let mark: [Int?]
}

/// Use-cases of the survey feature shared by the web pages, the API and the command line:
/// the CSV template of a survey, importing a file into a wave, and the analysis.
public struct SurveyService: Sendable {
    public let surveys: SurveyStore
    public let responses: SurveyResponseStore
    let database: Database

    public init(database: Database) {
        self.database = database
        surveys = SurveyStore(database: database)
        responses = SurveyResponseStore(database: database)
    }

    public static func scale(_ survey: Survey) -> SurveyScale {
        SurveyScale(minimum: Double(survey.scale.minimum), maximum: Double(survey.scale.maximum))
    }

    /// What a file for this survey and wave must look like.
    public static func template(for survey: Survey, wave: SurveyWave) -> SurveyCSVTemplate {
        var levels: [String: [String]] = ["wave": [wave.name]]
        for segment in survey.segments { levels[segment.question.rawValue] = segment.levels }
        return SurveyCSVTemplate(
            scale: scale(survey), dimensionCodes: Set(survey.items.map(\.dimensionCode)),
            items: Set(survey.items.map { "\($0.dimensionCode).\($0.number)" }), segmentLevels: levels,
            reverseCoded: Set(survey.items.filter(\.isReverseCoded).map { "\($0.dimensionCode).\($0.number)" }))
    }

    /// The header of the documented template for this survey (for the download / the form hint).
    public static func templateHeader(for survey: Survey) -> String {
        var columns = ["respondent"]
        for item in survey.items { columns += [item.needColumn, item.experienceColumn] }
        columns += survey.askedSegments.map(\.question.rawValue)
        if survey.asksNPS { columns.append("nps") }
        if survey.asksCES { columns.append("ces") }
        if survey.asksMark { columns.append("mark") }
        return columns.joined(separator: ";")
    }

    /// Stores a parsed file in the wave, all rows or none, with its audit entry in the same transaction.
    public func importData(_ data: SurveyCSVData, actor: WriteActor, survey: Survey, wave: SurveyWave,
                           progress: ((Int) -> Void)? = nil) async throws {
        try actor.require(.runTrajectory)
        let itemIndex = Dictionary(uniqueKeysWithValues: data.items.enumerated().map { ($1.key, $0) })
        let mapping = survey.items.map { itemIndex["\($0.dimensionCode).\($0.number)"] }
        let segmentColumns: [(SegmentQuestion, SurveySegmentVariable)] = data.segments.compactMap { variable in
            SegmentQuestion(rawValue: variable.name).map { ($0, variable) }
        }
        func scoreColumn(_ name: String) -> [Double]? { data.scores[name] }
        let (nps, ces, mark) = (scoreColumn("nps"), scoreColumn("ces"), scoreColumn("mark"))
        func score(_ column: [Double]?, _ row: Int) -> Int? {
            guard let column, !column[row].isNaN else { return nil }
            return Int(column[row].rounded())
        }
        try await responses.importRows(
            organisationID: actor.organisationID, surveyID: survey.id, waveID: wave.id, count: data.rowCount,
            row: { row in
                var stored = SurveyImportRow(
                    answers: SurveyAnswerPacking.pack(itemCount: mapping.count,
                                                      need: { mapping[$0].map { data.need[$0][row] } },
                                                      experience: { mapping[$0].map { data.experience[$0][row] } }),
                    nps: score(nps, row), ces: score(ces, row), mark: score(mark, row))
                for (question, variable) in segmentColumns {
                    let index = variable.levelIndices[row]
                    guard index >= 0 else { continue }
                    let level = variable.levels[Int(index)]
                    switch question {
                    case .channel: stored.channel = level
                    case .persona: stored.persona = level
                    case .district: stored.district = level
                    case .ageBand: stored.ageBand = level
                    }
                }
                return stored
            }, progress: progress, auditedAs: actor)
    }

    /// Every answer of the survey, analysed per dimension, segment level and wave.
    public func dataset(organisationID: String, survey: Survey) async throws -> SurveyDataset {
        let waves = try await responses.waves(organisationID: organisationID, surveyID: survey.id)
        let columns = try await responses.answers(organisationID: organisationID, survey: survey)
        let responses = try Self.responses(survey: survey, waves: waves, columns: columns)
        return SurveyDataset(survey: survey, waves: waves, responses: responses, analysis: SurveyGapAnalysis(responses),
                             nps: columns.nps, ces: columns.ces, mark: columns.mark)
    }

    /// Dense analysis input from stored columns: dimensions with their items in survey
    /// order, the asked segment questions with their offered levels, and the waves.
    static func responses(survey: Survey, waves: [SurveyWave], columns: SurveyAnswerColumns) throws -> SurveyResponses {
        var dimensions: [SurveyDimensionAnswers] = []
        for (index, item) in survey.items.enumerated() {
            let answers = SurveyItemAnswers(need: columns.need[index], experience: columns.experience[index],
                                            isReverseCoded: item.isReverseCoded)
            if let last = dimensions.indices.last, dimensions[last].code == item.dimensionCode {
                dimensions[last].items.append(answers)
            } else {
                dimensions.append(SurveyDimensionAnswers(code: item.dimensionCode, items: [answers]))
            }
        }
        var segments: [SurveySegmentVariable] = []
        for question in survey.askedSegments {
            let lookup = Dictionary(question.levels.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
            let values = columns.segments[question.question] ?? []
            segments.append(SurveySegmentVariable(
                name: question.question.rawValue, levels: question.levels,
                levelIndices: values.map { $0.flatMap { lookup[$0] } ?? SurveySegmentVariable.missing }))
        }
        let wavePosition = Dictionary(uniqueKeysWithValues: waves.enumerated().map { ($1.id, Int32($0)) })
        segments.append(SurveySegmentVariable(
            name: "wave", levels: waves.map(\.name),
            levelIndices: columns.waveIndex.map { wavePosition[columns.waveIDs[Int($0)]] ?? SurveySegmentVariable.missing }))
        do {
            return try SurveyResponses(respondentCount: columns.count, scale: scale(survey), dimensions: dimensions,
                                       segments: segments)
        } catch {
            throw SamenError("survey_data_invalid", kind: .conflict)
        }
    }
}
