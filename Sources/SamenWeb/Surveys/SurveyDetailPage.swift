import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The page of one survey: its instrument (items, reverse-coding), waves with their
/// answer links, the CSV template and the import form.
struct SurveyDetailPage {
    let routes: SurveyRoutes
    var renderer: Renderer { routes.renderer }

    struct ItemRow {
        let id: String
        let dimension: String
        let number: Int
        let textNL: String
        let textEN: String
        let reverse: Bool
        let errorNL: String?
        let errorEN: String?
    }

    struct WaveRow {
        let id: String
        let name: String
        let period: String
        let links: Int
        let used: Int
        let linksPath: String
        let editPath: String
        let deletePath: String
        let openLinkPath: String
        /// The wave the import form had chosen (kept when a file is refused).
        let selected: Bool
    }

    struct IssueRow {
        let row: String
        let column: String
        let reason: String
    }

    struct Body {
        let title: String
        let setName: String
        let scale: String
        let extras: String
        let segments: String
        let answerCount: Int
        let canBuild: Bool
        let canEditItems: Bool
        let items: [ItemRow]
        let itemsPath: String
        /// The survey's row version the item form names (a stale save is refused).
        let version: Int
        let itemForm: FormState
        let waves: [WaveRow]
        let hasWaves: Bool
        let wavesPath: String
        let waveForm: FormState
        let newLinks: [SurveyLinkSheet.Letter]
        let hasNewLinks: Bool
        let importPath: String
        let templateHeader: String
        let importIssues: [IssueRow]
        let hasImportIssues: Bool
        let importSummary: String
        let csv: String
        let analysisPath: String
        let exportPath: String
        let editPath: String
        let deletePath: String
    }

    func render(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ survey: Survey,
                itemErrors: [SamenError] = [], waveForm: FormState? = nil, newLinks: [SurveyLinkSheet.Letter] = [],
                importError: SurveyCSVError? = nil, csv: String = "", chosenWave: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let organisation = membership.organisation
        let service = routes.surveys
        let set = try await service.surveys.dimensionSet(organisationID: organisation.id, id: survey.dimensionSetID)
        let names = Dictionary((set?.dimensions ?? []).map { ($0.code, $0.name(context.locale)) }, uniquingKeysWith: { a, _ in a })
        let answerCount = try await service.responses.count(organisationID: organisation.id, surveyID: survey.id)
        let waves = try await service.responses.waves(organisationID: organisation.id, surveyID: survey.id)
        var waveRows: [WaveRow] = []
        for wave in waves {
            let counts = try await service.responses.linkCounts(organisationID: organisation.id, waveID: wave.id)
            waveRows.append(WaveRow(id: wave.id, name: wave.name,
                                    period: [wave.startsOn, wave.endsOn].compactMap { $0 }.joined(separator: " – "),
                                    links: counts.total, used: counts.used,
                                    linksPath: Paths.surveyLinks(organisation.slug, survey.id, wave.id),
                                    editPath: SurveyPath.waveEdit.link(organisation.slug, survey.id, wave.id),
                                    deletePath: SurveyPath.waveDelete.link(organisation.slug, survey.id, wave.id),
                                    openLinkPath: SurveyOpenLinkRoutes.page.link(organisation.slug, survey.id, wave.id),
                                    selected: wave.id == chosenWave))
        }
        let itemForm = renderer.form(errors: itemErrors, context)
        var extras: [String] = []
        if survey.asksNPS { extras.append("NPS") }
        if survey.asksCES { extras.append("CES") }
        if survey.asksMark { extras.append(renderer.text("survey_mark", context)) }
        let issues = (importError?.issues ?? []).map { issue in
            IssueRow(row: issue.row == 0 ? "–" : String(issue.row), column: issue.column ?? "–",
                     reason: renderer.text("survey_csv_" + issue.code, context) + (issue.value.map { " (\($0))" } ?? ""))
        }
        let body = Body(
            title: survey.title, setName: set.map { "\($0.name), v\(survey.dimensionSetVersion)" } ?? survey.dimensionSetID,
            scale: "1–\(survey.scale.rawValue)", extras: extras.joined(separator: ", "),
            segments: survey.askedSegments.map { renderer.text("segment_" + $0.question.rawValue, context) }.joined(separator: ", "),
            answerCount: answerCount, canBuild: membership.role.allows(.runTrajectory),
            canEditItems: membership.role.allows(.runTrajectory) && answerCount == 0,
            items: survey.items.map { item in
                ItemRow(id: item.id, dimension: names[item.dimensionCode] ?? item.dimensionCode, number: item.number,
                        textNL: item.textNL, textEN: item.textEN, reverse: item.isReverseCoded,
                        errorNL: itemForm.fields["text_nl_\(item.id)"]?.error, errorEN: itemForm.fields["text_en_\(item.id)"]?.error)
            },
            itemsPath: Paths.surveyItems(organisation.slug, survey.id), version: survey.version, itemForm: itemForm,
            waves: waveRows, hasWaves: !waveRows.isEmpty, wavesPath: Paths.surveyWaves(organisation.slug, survey.id),
            waveForm: waveForm ?? renderer.form(context), newLinks: newLinks, hasNewLinks: !newLinks.isEmpty,
            importPath: Paths.surveyImport(organisation.slug, survey.id), templateHeader: SurveyService.templateHeader(for: survey),
            importIssues: issues, hasImportIssues: !issues.isEmpty,
            importSummary: importError.map {
                renderer.text("survey_import_failed", context)
                    .replacingOccurrences(of: "{errors}", with: renderer.translations.count("count_errors", $0.totalCount, context.locale))
            } ?? "",
            csv: csv, analysisPath: Paths.surveyAnalysis(organisation.slug, survey.id),
            exportPath: Paths.survey(organisation.slug, survey.id) + "/answers.csv",
            editPath: SurveyPath.edit.link(organisation.slug, survey.id), deletePath: SurveyPath.delete.link(organisation.slug, survey.id))
        return renderer.page("survey", title: survey.title, body: body, request: request, context: context, status: status,
                             nav: routes.services.organisationNav(membership, current: request.uri.path, context))
    }
}
