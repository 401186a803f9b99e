import Foundation
import Hummingbird
import SamenCore
import SamenAnalytics
import SamenStore

/// The growth model of a trajectory: per dimension the latest maturity self-assessment
/// (1–5) with its targets per horizon, every earlier assessment, and the form for a new one.
struct GrowthModelRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: GrowthModelStore { GrowthModelStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(PortfolioPath.growth.get, { $0.page }), (PortfolioPath.growth.post, { $0.create })]
    }

    struct DimensionRow {
        let dimension: String
        let level: String
        let levelName: String
        let assessedOn: String
        let targets: String
        let assessed: Bool
        let gap: String
        let warning: Bool
    }

    /// The gap citizens reported on a dimension in the latest wave of the trajectory's survey.
    struct MeasuredGap: Sendable {
        let gap: Double
        let low: Double
        let high: Double
        let n: Int
        let wave: String
    }

    /// From the trajectory's first survey with answers; the latest wave is the latest in time
    /// (start, then end, then creation), never by name. Cells under 10 people are left out.
    func measuredGaps(_ m: Membership, _ tr: Trajectory) async throws -> [String: MeasuredGap] {
        let service = SurveyService(database: t.services.database)
        for survey in try await service.surveys.surveys(organisationID: m.organisation.id) where survey.trajectoryID == tr.id {
            let gaps = try await kept(m, survey, waves: try await service.responses.waves(organisationID: m.organisation.id, surveyID: survey.id),
                                      answers: try await service.responses.answerStamp(organisationID: m.organisation.id, surveyID: survey.id))
            if !gaps.isEmpty { return gaps }
        }
        return [:]
    }

    /// `measuredGaps` for many trajectories at once (the list), by trajectory id: the surveys'
    /// waves and answer stamps each read once for all of them.
    func measuredGaps(_ m: Membership, _ trajectories: [Trajectory]) async throws -> [String: [String: MeasuredGap]] {
        guard !trajectories.isEmpty else { return [:] }
        let service = SurveyService(database: t.services.database), org = m.organisation.id
        let wanted = Set(trajectories.map(\.id))
        let surveys = try await service.surveys.surveys(organisationID: org).filter { wanted.contains($0.trajectoryID ?? "") }
        let waves = try await service.responses.waves(organisationID: org, surveyIDs: surveys.map(\.id))
        let stamps = try await service.responses.answerStamps(organisationID: org, surveyIDs: surveys.map(\.id))
        var found: [String: [String: MeasuredGap]] = [:]
        // Per trajectory its first survey with gaps, as the one-trajectory form takes it.
        for survey in surveys {
            guard let trajectory = survey.trajectoryID, found[trajectory] == nil, let answers = stamps[survey.id] else { continue }
            let gaps = try await kept(m, survey, waves: waves[survey.id] ?? [], answers: answers)
            if !gaps.isEmpty { found[trajectory] = gaps }
        }
        return found
    }

    /// The analysis reads every answer: its gaps are kept while the survey, its waves and its answers stay the same.
    private func kept(_ m: Membership, _ survey: Survey, waves: [SurveyWave], answers: SurveyAnswerStamp) async throws -> [String: MeasuredGap] {
        let key = MeasuredGapMemo.Key(database: ObjectIdentifier(t.services.database), survey: survey, waves: waves, answers: answers)
        if let kept = MeasuredGapMemo.shared.gaps(key) { return kept }
        let gaps = Self.gaps(try await SurveyService(database: t.services.database).keptDataset(organisationID: m.organisation.id, survey: survey).dataset)
        MeasuredGapMemo.shared.keep(gaps, for: key)
        return gaps
    }

    static func gaps(_ dataset: SurveyDataset) -> [String: MeasuredGap] {
        guard let latest = dataset.waves.max(by: { ($0.startsOn ?? "", $0.endsOn ?? "", $0.createdAt) < ($1.startsOn ?? "", $1.endsOn ?? "", $1.createdAt) })
        else { return [:] }
        var gaps: [String: MeasuredGap] = [:]
        for code in PortfolioWrites.dimensions {
            guard let r = dataset.analysis.result(dimension: code, segment: SurveySegmentLevel(variable: "wave", level: latest.name)),
                  r.n >= surveySuppressionThreshold, let gap = r.gapMean, let ci = r.gapConfidenceInterval else { continue }
            gaps[code] = MeasuredGap(gap: gap, low: ci.low, high: ci.high, n: r.n, wave: latest.name)
        }
        return gaps
    }

    struct AssessmentRow {
        let dimension: String
        let level: String
        let assessedOn: String
        let assessors: String
        let justification: String
        let evidence: String
        let editLink: String
        let deleteLink: String
    }

    struct Body {
        let dimensions: [DimensionRow]
        let warnings: [String]
        let hasWarnings: Bool
        let history: [AssessmentRow]
        let hasHistory: Bool
        let canEdit: Bool
        let action: String
        let back: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await render(request, context, m, tr, values: ["assessed_on": t.today()], errors: [], status: .ok)
    }

    func render(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let all = try await store.assessments(organisationID: m.organisation.id, trajectoryID: tr.id)
        let measured = try await measuredGaps(m, tr)
        let rows = PortfolioWrites.dimensions.map { code in
            let latest = all.last { $0.dimension == code }
            let targets = [("horizon_short", latest?.targetShort), ("horizon_medium", latest?.targetMedium), ("horizon_long", latest?.targetLong)]
                .compactMap { key, level in level.map { t.word(key, context) + ": \($0)" } }.joined(separator: ", ")
            return DimensionRow(dimension: t.word("dimension_" + code, context), level: latest.map { String($0.level) } ?? "–",
                                levelName: latest.map { t.word("maturity_level_\($0.level)", context) } ?? t.word("maturity_not_assessed", context),
                                assessedOn: latest?.assessedOn ?? "", targets: targets.isEmpty ? "–" : targets, assessed: latest != nil,
                                gap: measured[code].map { g in
                                    context.numbers.decimal(g.gap) + " (" + context.numbers.decimal(g.low) + " – " + context.numbers.decimal(g.high)
                                        + "; n = \(context.numbers.integer(g.n)), " + g.wave + ")"
                                } ?? "–",
                                warning: latest.map { a in measured[code].map { GrowthModelRules.contradicts(level: a.level, gapLow: $0.low) } ?? false } ?? false)
        }
        let history = all.sorted { ($0.assessedOn, $0.dimension) > ($1.assessedOn, $1.dimension) }.map {
            AssessmentRow(dimension: t.word("dimension_" + $0.dimension, context), level: "\($0.level) – " + t.word("maturity_level_\($0.level)", context),
                          assessedOn: $0.assessedOn, assessors: $0.assessors, justification: $0.justification, evidence: $0.evidence,
                          editLink: PortfolioPath.assessmentEdit.link(slug, tr.id, $0.id), deleteLink: PortfolioPath.assessmentDelete.link(slug, tr.id, $0.id))
        }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: AssessmentForm.names, context)
        let warnings = rows.filter(\.warning).map(\.dimension)
        let body = Body(dimensions: rows, warnings: warnings, hasWarnings: !warnings.isEmpty, history: history, hasHistory: !history.isEmpty, canEdit: canEdit,
                        action: PortfolioPath.growth.link(slug, tr.id), back: PortfolioPath.portfolio.link(slug, tr.id), form: state,
                        fields: canEdit ? RecordForm.fields(AssessmentForm.layout(t, context), state) : [])
        return t.page("growth-model", title: t.word("growth_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            _ = try await PortfolioWrites(database: t.services.database).createAssessment(try RecordPages(t: t).actor(m, context),
                                                                                         trajectoryID: tr.id, AssessmentForm.input(data))
            return t.services.cookies.redirect(PortfolioPath.growth.link(m.organisation.slug, tr.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = RecordPages.typed(data, AssessmentForm.layout(t, context))
            return try await render(request, context, m, tr, values: typed, errors: refused.errors, status: .unprocessableContent)
        }
    }
}
