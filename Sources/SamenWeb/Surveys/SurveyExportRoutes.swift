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

    static func document(_ survey: Survey, _ columns: SurveyAnswerColumns, waveNames: [String: String], only wave: String?) -> String {
        let segments = survey.askedSegments.map(\.question)
        var header = SurveyService.templateHeader(for: survey).split(separator: ";").map(String.init)
        header.append("wave")
        var lines = [header.map(CSVWriter.cell).joined(separator: ";")]
        func answer(_ value: Double) -> String {
            value.isNaN ? "" : (value == value.rounded() ? String(Int(value)) : String(value))
        }
        var number = 0
        for row in 0..<columns.count {
            let waveID = columns.waveIDs[Int(columns.waveIndex[row])]
            if let wave, waveID != wave { continue }
            number += 1
            var fields = [String(number)]
            for item in survey.items.indices { fields += [answer(columns.need[item][row]), answer(columns.experience[item][row])] }
            fields += segments.map { columns.segments[$0]?[row] ?? "" }
            if survey.asksNPS { fields.append(columns.nps[row].map(String.init) ?? "") }
            if survey.asksCES { fields.append(columns.ces[row].map(String.init) ?? "") }
            if survey.asksMark { fields.append(columns.mark[row].map(String.init) ?? "") }
            fields.append(waveNames[waveID] ?? "")
            lines.append(fields.map(CSVWriter.cell).joined(separator: ";"))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }
}
