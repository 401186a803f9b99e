import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The analysis of a survey: per dimension, per segment level and per wave, with charts
/// and tables. "Team" shows every cell (small ones marked); "outside the team" suppresses
/// cells with fewer than 10 respondents everywhere, charts included.
struct SurveyAnalysisRoutes {
    let services: AppServices
    let surveys: SurveyService
    var renderer: Renderer { services.renderer }

    init(services: AppServices) {
        self.services = services
        self.surveys = SurveyService(database: services.database)
    }

    static let entries = [RouteEntry(.get, "/o/:org/surveys/:survey/analysis")]

    func register(on router: Router<AppRequestContext>) {
        router.register([(Self.entries[0], analysis)])
    }

    struct Row {
        let label: String
        let n: Int
        let small: Bool
        let hidden: Bool
        let need, experience, gap, ci, tP, wilcoxonP, dz, alphaNeed, alphaExperience: String
    }

    struct QuadrantRow {
        let label: String
        let need: String
        let experience: String
        let quadrant: String
        let diagonal: String
    }

    struct DifferenceRow {
        let label: String
        let difference: String
        let ci: String
        let p: String
        /// "kleiner geworden" / "groter geworden" / "gelijk gebleven", from → to.
        let direction: String
        let hidden: Bool
    }

    struct Body {
        let title: String
        let respondents: Int
        let setName: String
        let isPublic: Bool
        let crosshairs: [Option]
        let segmentOptions: [Option]
        let audiences: [Option]
        let formPath: String
        let backPath: String
        let hasData: Bool
        let gapChart: String
        let overall: [Row]
        let ipaChart: String
        let crosshairNote: String
        let quadrants: [QuadrantRow]
        let hasSegment: Bool
        let segmentTitle: String
        let segmentChart: String
        let segmentRows: [Row]
        let hasWaves: Bool
        let waveTitle: String
        let waveChart: String
        let waveRows: [Row]
        let canCompare: Bool
        let fromWaves: [Option]
        let toWaves: [Option]
        let differenceCaption: String
        let differences: [DifferenceRow]
        let hasDifferences: Bool
        var compareError: String?
        var extras: SurveyExtrasSection?
    }

    @Sendable func analysis(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let organisation = membership.organisation
        guard let survey = try await surveys.surveys.survey(organisationID: organisation.id,
                                                            id: try request.parameter("survey", context)) else {
            throw SamenError.notFound
        }
        let query = request.uri.queryParameters
        let crosshair = ImportancePerformanceCrosshair(rawValue: query.get("crosshair") ?? "") ?? .dataMeans
        let isPublic = query.get("audience") == "public"
        let asked = survey.askedSegments.map(\.question.rawValue)
        let segment = query.get("segment").flatMap { asked.contains($0) ? $0 : nil } ?? asked.first
        let dataset = try await surveys.keptDataset(organisationID: organisation.id, survey: survey).dataset
        // A wrong choice of waves shows why, and no comparison, rather than another pair.
        var comparison: SurveyWaveComparison?
        var compareError: String?
        do {
            comparison = try SurveyWaveComparison.choose(waves: dataset.waves, fromID: query.get("from_wave"),
                                                         toID: query.get("to_wave"))
        } catch let error as SamenError {
            compareError = renderer.text("error_" + error.code, context)
        }
        let set = try await surveys.surveys.dimensionSet(organisationID: organisation.id, id: survey.dimensionSetID)
        let page = SurveyAnalysisPage(renderer: renderer, context: context, dataset: dataset, set: set, isPublic: isPublic)
        let body = page.body(crosshair: crosshair, segment: segment, comparison: comparison,
                             formPath: Paths.surveyAnalysis(organisation.slug, survey.id),
                             backPath: Paths.survey(organisation.slug, survey.id),
                             options: (
                                crosshairs: ImportancePerformanceCrosshair.allCases.map {
                                    Option(value: $0.rawValue, label: renderer.text("ipa_crosshair_" + $0.rawValue, context),
                                           selected: $0 == crosshair)
                                },
                                segments: asked.map {
                                    Option(value: $0, label: renderer.text("segment_" + $0, context), selected: $0 == segment)
                                },
                                audiences: ["team", "public"].map {
                                    Option(value: $0, label: renderer.text("analysis_audience_" + $0, context),
                                           selected: ($0 == "public") == isPublic)
                                }))
        var parameters: [String: String] = [:]
        for (key, value) in query { parameters[String(key)] = String(value) }
        var full = body
        full.compareError = compareError
        full.extras = SurveyExtrasSection(page: page, query: parameters)
        return renderer.page("survey-analysis", title: renderer.text("analysis_title", context) + " – " + survey.title,
                             body: full, request: request, context: context,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }
}
