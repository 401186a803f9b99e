import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The survey feature in the JSON API (described in Resources/openapi/surveys.json). The
/// analysis answers the same documented JSON as `samen analyze --json`.
struct SurveyAPIRoutes: RouteGroup {
    let services: AppServices
    let surveys: SurveyService

    init(services: AppServices) {
        self.services = services
        self.surveys = SurveyService(database: services.database)
    }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/api/v1/organisations/:org/surveys"), { $0.list }),
            (RouteEntry(.get, "/api/v1/organisations/:org/surveys/:survey"), { $0.detail }),
            (RouteEntry(.get, "/api/v1/organisations/:org/surveys/:survey/analysis"), { $0.analysis }),
            (RouteEntry(.post, "/api/v1/organisations/:org/surveys/:survey/waves/:wave/responses"), { $0.importCSV }),
        ]
    }

    struct ItemJSON: Encodable {
        let id: String
        let dimension: String
        let number: Int
        let textNl: String
        let textEn: String
        let reverseCoded: Bool
    }

    struct WaveJSON: Encodable {
        let id: String
        let name: String
        let startsOn: String?
        let endsOn: String?
        /// The row version, for `If-Match` on a change or delete of the wave.
        let version: Int?
    }

    static func json(_ wave: SurveyWave, version: Int?) -> WaveJSON {
        WaveJSON(id: wave.id, name: wave.name, startsOn: wave.startsOn, endsOn: wave.endsOn, version: version)
    }

    struct SegmentJSON: Encodable {
        let variable: String
        let levels: [String]
    }

    struct SurveyJSON: Encodable {
        let id: String
        let title: String
        let trajectoryId: String?
        let dimensionSetId: String
        let dimensionSetVersion: Int
        let scaleMin: Int
        let scaleMax: Int
        let asksNps: Bool
        let asksCes: Bool
        let asksMark: Bool
        let items: [ItemJSON]
        let segments: [SegmentJSON]
        let waves: [WaveJSON]?
        let responses: Int?
        let csvHeader: String
        let version: Int
    }

    static func json(_ survey: Survey, waves: [SurveyWave]? = nil, waveVersions: [String: Int] = [:], responses: Int? = nil) -> SurveyJSON {
        SurveyJSON(
            id: survey.id, title: survey.title, trajectoryId: survey.trajectoryID, dimensionSetId: survey.dimensionSetID,
            dimensionSetVersion: survey.dimensionSetVersion, scaleMin: survey.scale.minimum, scaleMax: survey.scale.maximum,
            asksNps: survey.asksNPS, asksCes: survey.asksCES, asksMark: survey.asksMark,
            items: survey.items.map { ItemJSON(id: $0.id, dimension: $0.dimensionCode, number: $0.number, textNl: $0.textNL,
                                               textEn: $0.textEN, reverseCoded: $0.isReverseCoded) },
            segments: survey.askedSegments.map { SegmentJSON(variable: $0.question.rawValue, levels: $0.levels) },
            waves: waves?.map { json($0, version: waveVersions[$0.id]) },
            responses: responses, csvHeader: SurveyService.templateHeader(for: survey), version: survey.version)
    }

    func survey(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Survey {
        guard let survey = try await surveys.surveys.survey(organisationID: membership.organisation.id,
                                                            id: try request.parameter("survey", context)) else {
            throw SamenError.notFound
        }
        return survey
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let all = try await surveys.surveys.surveys(organisationID: membership.organisation.id)
        return try APIRoutes.json(["surveys": all.map { Self.json($0) }])
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let survey = try await survey(request, context, membership)
        let organisationID = membership.organisation.id
        return try APIWrites.json(Self.json(
            survey, waves: try await surveys.responses.waves(organisationID: organisationID, surveyID: survey.id),
            waveVersions: try await surveys.responses.waveVersions(organisationID: organisationID, surveyID: survey.id),
            responses: try await surveys.responses.count(organisationID: organisationID, surveyID: survey.id)), version: survey.version)
    }

    @Sendable func analysis(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let survey = try await survey(request, context, membership)
        let crosshair = ImportancePerformanceCrosshair(rawValue: request.uri.queryParameters.get("crosshair") ?? "data-means")
        guard let crosshair else { throw ValidationErrors([.validation("crosshair_invalid", field: "crosshair")]) }
        let query = request.uri.queryParameters
        let (dataset, key) = try await surveys.keptDataset(organisationID: membership.organisation.id, survey: survey)
        let parameters = [crosshair.rawValue, query.get("from_wave") ?? "", query.get("to_wave") ?? ""].joined(separator: "\u{0}")
        if let kept = SurveyAnalysisMemo.shared.report(key, parameters: parameters) { return Self.analysisResponse(kept) }
        let comparison: SurveyWaveComparison?
        do {
            comparison = try SurveyWaveComparison.choose(waves: dataset.waves, fromID: query.get("from_wave"),
                                                         toID: query.get("to_wave"))
        } catch let error as SamenError {
            // Which waves exist is stored state, and the pair is a rule between two parameters
            // that no schema states: a conflict (409 rule_conflict), like the other state rules.
            throw ValidationErrors([SamenError(error.code, kind: .conflict, field: error.field)])
        }
        let report = SurveyAnalysisReport(responses: dataset.responses, analysis: dataset.analysis, crosshair: crosshair,
                                          comparedWaves: comparison.map { ($0.from.name, $0.to.name) })
        let json = try report.json(pretty: false)
        SurveyAnalysisMemo.shared.keep(report: json, for: key, parameters: parameters)
        return Self.analysisResponse(json)
    }

    static func analysisResponse(_ json: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// A CSV in the survey's template as the body (text/csv), read as it streams in (up to
    /// `AppRequestContext.surveyImportLimit`): all rows or none; 422 lists every problem
    /// with its row and column.
    @Sendable func importCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let survey = try await survey(request, context, membership)
        let waveID = try request.parameter("wave", context)
        guard let wave = try await surveys.responses.wave(organisationID: membership.organisation.id, surveyID: survey.id,
                                                          id: waveID) else { throw SamenError.notFound }
        guard request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        do {
            let data = try await SurveyUploadReader.csv(request.body, limit: context.maxUploadSize,
                                                        template: SurveyService.template(for: survey, wave: wave))
            try await surveys.importData(data, actor: try RecordFlow.actor(membership, context), survey: survey, wave: wave)
            return try APIRoutes.json(["imported": data.rowCount], status: .created)
        } catch let error as SurveyCSVError {
            let translations = services.renderer.translations
            let body: [String: Any] = [
                "type": "urn:samen:problem:csv_invalid", "title": translations.text("error_title_422", context.locale),
                "status": 422, "code": "csv_invalid", "instance": request.uri.path,
                "detail": translations.text("survey_import_failed", context.locale)
                    .replacingOccurrences(of: "{errors}", with: translations.count("count_errors", error.totalCount, context.locale)),
                "errors": error.issues.map { issue -> [String: Any] in
                    ["row": issue.row, "column": issue.column ?? NSNull(), "code": issue.code,
                     "detail": translations.text("survey_csv_" + issue.code, context.locale)]
                },
            ]
            return Response(status: .unprocessableContent,
                            headers: [.contentType: "application/problem+json", .contentLanguage: context.locale.rawValue],
                            body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))))
        }
    }
}
