import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The answers of a survey as a CSV in its own import template (`;`-separated, the header
/// `SurveyService.templateHeader` gives plus a `wave` column), for one wave or all: what
/// is exported imports again into a survey with the same items, levels and waves.
struct SurveyExportRoutes: RouteGroup {
    let services: AppServices

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(RouteEntry(.get, "/o/:org/surveys/:survey/answers.csv"), { $0.export })]
    }

    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let service = SurveyService(database: services.database)
        let organisationID = membership.organisation.id
        guard let survey = try await service.surveys.survey(organisationID: organisationID, id: try request.parameter("survey", context))
        else { throw SamenError.notFound }
        let waves = try await service.responses.waves(organisationID: organisationID, surveyID: survey.id)
        let chosen = request.uri.queryParameters.get("wave") ?? "all"
        guard chosen == "all" || waves.contains(where: { $0.id == chosen }) else { throw SamenError.notFound }
        let columns = try await service.responses.answers(organisationID: organisationID, survey: survey)
        let waveNames = Dictionary(uniqueKeysWithValues: waves.map { ($0.id, $0.name) })
        return CSVWriter.response(Self.document(survey, columns, waveNames: waveNames, only: chosen == "all" ? nil : chosen),
                                  filename: "answers.csv")
    }

    /// The whole file, written into one string: a survey's every answer (10,000 and more)
    /// went through an array of fields and two joins per row before. An answer is one of few
    /// values (1–7 and halves), so each is spelled once.
    static func document(_ survey: Survey, _ columns: SurveyAnswerColumns, waveNames: [String: String], only wave: String?) -> String {
        let segments = survey.askedSegments.map(\.question)
        var header = SurveyService.templateHeader(for: survey).split(separator: ";").map(String.init)
        header.append("wave")
        var out = header.map(CSVWriter.cell).joined(separator: ";") + "\r\n"
        out.reserveCapacity(out.utf8.count + columns.count * (survey.items.count * 4 + segments.count * 12 + 24))
        var spelled: [UInt64: String] = [:]
        func answer(_ value: Double) -> String {
            if let known = spelled[value.bitPattern] { return known }
            let text = value.isNaN ? "" : (value == value.rounded() ? String(Int(value)) : String(value))
            spelled[value.bitPattern] = text
            return text
        }
        let waveCells = columns.waveIDs.map { CSVWriter.cell(waveNames[$0] ?? "") }
        let scores = [(survey.asksNPS, columns.nps), (survey.asksCES, columns.ces), (survey.asksMark, columns.mark)].filter(\.0).map(\.1)
        var number = 0
        for row in 0..<columns.count {
            let index = Int(columns.waveIndex[row])
            if let wave, columns.waveIDs[index] != wave { continue }
            number += 1
            out += String(number)
            for item in survey.items.indices {
                out += ";"
                out += answer(columns.need[item][row])
                out += ";"
                out += answer(columns.experience[item][row])
            }
            for segment in segments {
                out += ";"
                out += CSVWriter.cell(columns.segments[segment]?[row] ?? "")
            }
            for column in scores {
                out += ";"
                if let score = column[row] { out += String(score) }
            }
            out += ";"
            out += waveCells[index]
            out += "\r\n"
        }
        return out
    }
}
