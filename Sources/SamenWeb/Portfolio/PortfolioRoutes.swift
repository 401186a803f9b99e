import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The intervention portfolio of a trajectory: the list with the horizon × dimension
/// matrix and the new-intervention form, and one intervention with what it answers, its
/// status history and the status move.
struct PortfolioRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: PortfolioStore { PortfolioStore(database: t.services.database) }
    var writes: PortfolioWrites { PortfolioWrites(database: t.services.database) }
    var form: InterventionForm { InterventionForm(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (PortfolioPath.portfolio.get, { $0.overview }), (PortfolioPath.portfolio.post, { $0.create }),
            (PortfolioPath.intervention.get, { $0.detail }), (PortfolioPath.interventionStatus.post, { $0.move }),
        ]
    }

    /// The intervention of the path, in the trajectory of the path (404 otherwise).
    func intervention(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Intervention {
        guard let found = try await store.intervention(organisationID: m.organisation.id, id: try request.parameter("intervention", context)),
              found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    struct Row {
        let title: String
        let url: String
        let horizon: String
        let status: String
        let dimensions: String
        let owner: String
    }

    struct OverviewBody {
        let rows: [Row]
        let isEmpty: Bool
        /// The matrix with the measured gaps, the three-horizons chart and the capability shortfalls (`PortfolioViews`).
        let views: PortfolioViews
        let canEdit: Bool
        let action: String
        let growth: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func overview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await overviewPage(request, context, m, tr, values: ["horizon": Horizon.short.rawValue, "effort": Effort.medium.rawValue],
                                      errors: [], status: .ok)
    }

    func overviewPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                      errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let all = try await store.interventions(organisationID: m.organisation.id, trajectoryID: tr.id)
        func dimensionNames(_ codes: [String]) -> String { codes.map { t.word("dimension_" + $0, context) }.joined(separator: ", ") }
        let rows = all.map {
            Row(title: $0.title, url: PortfolioPath.intervention.link(slug, tr.id, $0.id), horizon: t.word("horizon_" + $0.horizon.rawValue, context),
                status: t.word("intervention_status_" + $0.status.rawValue, context), dimensions: dimensionNames($0.dimensions), owner: $0.owner)
        }
        let canEdit = m.role.allows(.editContent)
        let layout = canEdit ? form.layout(try await form.choices(m, tr), context) : []
        let state = t.renderer.form(values, errors: errors, names: InterventionForm.names, context)
        let body = OverviewBody(rows: rows, isEmpty: rows.isEmpty, views: try await PortfolioViews.read(t, m, tr, all, context), canEdit: canEdit,
                                action: PortfolioPath.portfolio.link(slug, tr.id), growth: PortfolioPath.growth.link(slug, tr.id),
                                form: state, fields: RecordForm.fields(layout, state))
        return t.page("portfolio", title: t.word("portfolio_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            let created = try await writes.createIntervention(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id,
                                                              InterventionForm.input(data, onto: InterventionInput()))
            return t.services.cookies.redirect(PortfolioPath.intervention.link(m.organisation.slug, tr.id, created.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = RecordPages.typed(data, form.layout(InterventionForm.Choices(), context))
            return try await overviewPage(request, context, m, tr, values: typed, errors: refused.errors, status: .unprocessableContent)
        }
    }

    struct Link {
        let label: String
        let url: String
    }

    struct HistoryRow {
        let on: String
        let from: String
        let to: String
        let reason: String
        let by: String
    }

    struct DetailBody {
        let intervention: Intervention
        let horizon: String
        let status: String
        let effort: String
        let cost: String
        let dimensions: String
        let insights: [Link]
        let personas: [Link]
        let steps: [Link]
        let answersNothing: Bool
        let history: [HistoryRow]
        let canEdit: Bool
        let canMove: Bool
        let moveAction: String
        let version: String
        let form: FormState
        let moves: [Option]
        let editLink: String
        let deleteLink: String
        let back: String
        /// Its effect on the survey gap and its experiments (the experiments module).
        let effect: InterventionEffectSection.View
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let found = try await intervention(request, context, m, tr)
        return try await detailPage(request, context, m, tr, found, move: ["on": t.today()], errors: [], status: .ok)
    }

    func detailPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ i: Intervention,
                    move: [String: String], errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug, org = m.organisation.id
        let insights = try await EvidenceStore(database: t.services.database).insights(organisationID: org, trajectoryID: tr.id)
            .filter { i.insightIDs.contains($0.id) }
            .map { Link(label: $0.title, url: StoryPath.insights.link(slug, tr.id) + "#insight-\($0.id)") }
        let design = DesignStore(database: t.services.database)
        let personas = try await design.personas(organisationID: org, trajectoryID: tr.id).filter { i.personaIDs.contains($0.id) }
            .map { Link(label: $0.name, url: StoryPath.persona.link(slug, tr.id, $0.id)) }
        let scenarios = Dictionary(try await design.journeys(organisationID: org, trajectoryID: tr.id).map { ($0.id, $0.scenario) },
                                   uniquingKeysWith: { a, _ in a })
        let steps = try await design.steps(organisationID: org, trajectoryID: tr.id).filter { i.stepIDs.contains($0.id) }
            .map { Link(label: (scenarios[$0.journeyID] ?? "") + ": " + $0.touchpoint, url: StoryPath.journey.link(slug, tr.id, $0.journeyID)) }
        func statusName(_ s: InterventionStatus?) -> String { s.map { t.word("intervention_status_" + $0.rawValue, context) } ?? "–" }
        let history = try await store.history(organisationID: org, interventionID: i.id).reversed().map {
            HistoryRow(on: $0.on, from: statusName($0.from), to: statusName($0.to), reason: $0.reason, by: $0.by)
        }
        let canEdit = m.role.allows(.editContent)
        let body = DetailBody(
            intervention: i, horizon: t.word("horizon_" + i.horizon.rawValue, context), status: statusName(i.status),
            effort: t.word("effort_" + i.effort.rawValue, context), cost: i.costEUR.map { PortfolioFormat.euros($0, context) } ?? "–",
            dimensions: i.dimensions.map { t.word("dimension_" + $0, context) }.joined(separator: ", "),
            insights: insights, personas: personas, steps: steps, answersNothing: insights.isEmpty && personas.isEmpty && steps.isEmpty,
            history: history, canEdit: canEdit, canMove: canEdit && !i.status.moves.isEmpty,
            moveAction: PortfolioPath.interventionStatus.link(slug, tr.id, i.id), version: String(i.version),
            form: t.renderer.form(move, errors: errors, names: ["status", "on", "reason"], context),
            moves: i.status.moves.map { Option(value: $0.rawValue, label: statusName($0), selected: $0.rawValue == move["status"]) },
            editLink: PortfolioPath.interventionEdit.link(slug, tr.id, i.id), deleteLink: PortfolioPath.interventionDelete.link(slug, tr.id, i.id),
            back: PortfolioPath.portfolio.link(slug, tr.id), effect: try await InterventionEffectSection(t: t).view(m, tr, i, context))
        return t.page("intervention", title: i.title, body: body, request: request, context: context, membership: m, trajectory: tr, status: status)
    }

    /// A status move: a move the status does not allow, a date before the last change or a stop
    /// without reason re-shows the form with a message per field; a stale version answers 409.
    @Sendable func move(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let current = try await intervention(request, context, m, tr)
        let data = try await request.form(context)
        let typed = ["status": data["status"], "on": data["on"], "reason": data["reason"]]
        do {
            _ = try await writes.moveStatus(try RecordPages(t: t).actor(m, context), current: current,
                                            StatusMoveInput(status: typed["status"]!, on: typed["on"]!, reason: typed["reason"]!),
                                            expected: RecordForm.version(data["version"]))
            return t.services.cookies.redirect(PortfolioPath.intervention.link(m.organisation.slug, tr.id, current.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await detailPage(request, context, m, tr, current, move: typed, errors: refused.errors, status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            let now = try await intervention(request, context, m, tr)
            return try await detailPage(request, context, m, tr, now, move: typed, errors: [SamenError("status_changed_meanwhile", kind: .conflict, field: "status")],
                                        status: .conflict)
        }
    }
}

/// Amounts in the page's language (€ 12.500 in Dutch, €12,500 in English), grouped by the
/// shared `NumberFormat` (not Foundation's locale data, which differs between platforms).
enum PortfolioFormat {
    static func euros(_ amount: Int, _ context: AppRequestContext) -> String {
        let number = context.numbers.integer(amount)
        return context.locale == .en ? "€" + number : "€ " + number
    }
}
