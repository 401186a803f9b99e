import Foundation
import Hummingbird
import SamenCore
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
        let rows = PortfolioWrites.dimensions.map { code in
            let latest = all.last { $0.dimension == code }
            let targets = [("horizon_short", latest?.targetShort), ("horizon_medium", latest?.targetMedium), ("horizon_long", latest?.targetLong)]
                .compactMap { key, level in level.map { t.word(key, context) + ": \($0)" } }.joined(separator: ", ")
            return DimensionRow(dimension: t.word("dimension_" + code, context), level: latest.map { String($0.level) } ?? "–",
                                levelName: latest.map { t.word("maturity_level_\($0.level)", context) } ?? t.word("maturity_not_assessed", context),
                                assessedOn: latest?.assessedOn ?? "", targets: targets.isEmpty ? "–" : targets, assessed: latest != nil)
        }
        let history = all.sorted { ($0.assessedOn, $0.dimension) > ($1.assessedOn, $1.dimension) }.map {
            AssessmentRow(dimension: t.word("dimension_" + $0.dimension, context), level: "\($0.level) – " + t.word("maturity_level_\($0.level)", context),
                          assessedOn: $0.assessedOn, assessors: $0.assessors, justification: $0.justification, evidence: $0.evidence,
                          editLink: PortfolioPath.assessmentEdit.link(slug, tr.id, $0.id), deleteLink: PortfolioPath.assessmentDelete.link(slug, tr.id, $0.id))
        }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: AssessmentForm.names, context)
        let body = Body(dimensions: rows, history: history, hasHistory: !history.isEmpty, canEdit: canEdit,
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
