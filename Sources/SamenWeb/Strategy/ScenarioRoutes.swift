import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// A trajectory's scenarios: two key uncertainties, four named futures, and the robustness
/// matrix of its long-horizon interventions (which hold up in every future, which fail in
/// some). The set is made on this page, corrected and deleted on the shared record flow; the
/// ratings have a form of their own, saved against the set's version.
struct ScenarioRoutes: RouteGroup {
    let t: TrajectoryContext
    var writes: StrategyWrites { StrategyWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StrategyPath.scenarios.get, { $0.overview }), (StrategyPath.scenarios.post, { $0.create }),
            (StrategyPath.scenariosEdit.get, { $0.setForm }), (StrategyPath.scenariosEdit.post, { $0.setEdit }),
            (StrategyPath.scenariosDelete.get, { $0.setDeleteForm }), (StrategyPath.scenariosDelete.post, { $0.setDelete }),
            (StrategyPath.ratings.get, { $0.ratingsForm }), (StrategyPath.ratings.post, { $0.rate }),
            (StrategyPath.robustnessCSV.get, { $0.csv }),
        ]
    }

    func matrix(_ m: Membership, _ tr: Trajectory) async throws -> RobustnessMatrix {
        try await RobustnessMatrix.read(t.services.database, organisationID: m.organisation.id, trajectoryID: tr.id)
    }

    struct ScenarioView {
        let name: String
        let narrative: String
        let signposts: String
        let poles: String
    }

    struct Line {
        let title: String
        let url: String
        let cells: [String]
        let verdict: String
        let robust: Bool
        let fragile: Bool
    }

    struct GridRow {
        let pole: String
        let names: [String]
    }

    struct Body {
        let hasSet: Bool
        let axisA: ScenarioAxis?
        let axisB: ScenarioAxis?
        let scenarios: [ScenarioView]
        let grid: [GridRow]
        let columns: [String]
        let lines: [Line]
        let linesEmpty: Bool
        let robust: [String]
        let fragile: [String]
        let robustEmpty: Bool
        let fragileEmpty: Bool
        let canEdit: Bool
        let editLink: String
        let deleteLink: String
        let ratingsLink: String
        let csvLink: String
        let back: String
        let action: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func overview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await page(request, context, m, tr, values: [:], errors: [], status: .ok)
    }

    func page(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String], errors: [SamenError],
              status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let matrix = try await matrix(m, tr)
        let set = matrix.set
        let lines = set == nil ? [] : matrix.lines.map { line in
            Line(title: line.intervention.title, url: PortfolioPath.intervention.link(slug, tr.id, line.intervention.id),
                 cells: Quadrant.allCases.map { RobustnessMatrix.signed(line.ratings[$0]).isEmpty ? "–" : RobustnessMatrix.signed(line.ratings[$0]) },
                 verdict: t.word("robustness_" + line.robustness.rawValue, context), robust: line.robustness == .robust,
                 fragile: line.robustness == .fragile)
        }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: ScenarioForm.names, context)
        let robust = matrix.lines.filter { $0.robustness == .robust }.map(\.intervention.title)
        let fragile = matrix.lines.filter { $0.robustness == .fragile }.map(\.intervention.title)
        let grid = set.map { s in
            [true, false].map { firstA in
                GridRow(pole: firstA ? s.axisA.pole1 : s.axisA.pole2,
                        names: [true, false].compactMap { firstB in
                            s.scenarios.first { $0.quadrant.firstOfA == firstA && $0.quadrant.firstOfB == firstB }?.name
                        })
            }
        } ?? []
        let body = Body(
            hasSet: set != nil, axisA: set?.axisA, axisB: set?.axisB,
            scenarios: (set?.scenarios ?? []).map { s in
                let poles = set!.poles(s.quadrant)
                return ScenarioView(name: s.name, narrative: s.narrative, signposts: s.signposts, poles: poles.a + " × " + poles.b)
            },
            grid: grid, columns: set?.scenarios.map(\.name) ?? [], lines: lines, linesEmpty: lines.isEmpty,
            robust: set == nil ? [] : robust, fragile: set == nil ? [] : fragile, robustEmpty: robust.isEmpty, fragileEmpty: fragile.isEmpty,
            canEdit: canEdit, editLink: StrategyPath.scenariosEdit.link(slug, tr.id), deleteLink: StrategyPath.scenariosDelete.link(slug, tr.id),
            ratingsLink: StrategyPath.ratings.link(slug, tr.id), csvLink: StrategyPath.robustnessCSV.link(slug, tr.id),
            back: PortfolioPath.portfolio.link(slug, tr.id), action: StrategyPath.scenarios.link(slug, tr.id), form: state,
            fields: canEdit && set == nil ? RecordForm.fields(ScenarioForm.layout, state) : [])
        return t.page("scenarios", title: t.word("scenarios_title", context), body: body, request: request, context: context, membership: m,
                      trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            _ = try await writes.createSet(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, ScenarioForm.input(data))
            return t.services.cookies.redirect(StrategyPath.scenarios.link(m.organisation.slug, tr.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await page(request, context, m, tr, values: RecordPages.typed(data, ScenarioForm.layout), errors: refused.errors,
                                  status: StrategyModule.status(refused))
        }
    }

    @Sendable func csv(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return CSVWriter.response(try await matrix(m, tr).table.csv, filename: "robuustheid.csv")
    }

    // MARK: the set's own record flow

    /// The trajectory's set (404 when it has none).
    func loadSet(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> ScenarioSet {
        guard let set = try await ScenarioStore(database: t.services.database).set(organisationID: m.organisation.id, trajectoryID: tr.id) else {
            throw SamenError.notFound
        }
        return set
    }

    var set: DesignEditRoutes.Kind<ScenarioSet> {
        .init(
            load: loadSet, values: ScenarioForm.values,
            spec: { slug, tr, _, _, context in
                RecordPages.Spec(heading: t.word("scenarios_edit_title", context), layout: ScenarioForm.layout,
                                 action: StrategyPath.scenariosEdit.link(slug, tr.id), back: StrategyPath.scenarios.link(slug, tr.id),
                                 deleteLink: StrategyPath.scenariosDelete.link(slug, tr.id))
            },
            name: { $0.axisA.name + " × " + $0.axisB.name }, deleteTitle: "scenarios_delete_title",
            done: { slug, tr, _ in StrategyPath.scenarios.link(slug, tr.id) },
            save: { actor, s, data, expected in _ = try await writes.updateSet(actor, current: s, ScenarioForm.input(data), expected: expected) },
            impact: { try await writes.setImpact($0) },
            delete: { try await writes.deleteSet($0, $1, expected: $2) }, linksPassages: false)
    }

    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    @Sendable func setForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(set, r, c) }
    @Sendable func setEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(set, r, c) }
    @Sendable func setDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(set, r, c) }
    @Sendable func setDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(set, r, c) }

    // MARK: ratings

    struct RatingCell {
        let name: String
        let label: String
        let options: [Option]
        let error: String?
    }

    struct RatingLine {
        let title: String
        let cells: [RatingCell]
    }

    struct RatingsBody {
        let columns: [String]
        let lines: [RatingLine]
        let isEmpty: Bool
        let version: String
        let action: String
        let back: String
        let stale: Bool
        let form: FormState
    }

    @Sendable func ratingsForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let matrix = try await matrix(m, tr)
        guard let set = matrix.set else { throw SamenError.notFound }
        var values: [String: String] = [:]
        for line in matrix.lines {
            for q in Quadrant.allCases { values[ScenarioRating.field(line.intervention.id, q)] = line.ratings[q].map(String.init) ?? "" }
        }
        return ratingsPage(request, context, m, tr, matrix, set, values: values, errors: [], version: set.version, stale: false, status: .ok)
    }

    func ratingsPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ matrix: RobustnessMatrix,
                     _ set: ScenarioSet, values: [String: String], errors: [SamenError], version: Int, stale: Bool,
                     status: HTTPResponse.Status) -> Response {
        let state = t.renderer.form(values, errors: errors, context)
        let lines = matrix.lines.map { line in
            RatingLine(title: line.intervention.title, cells: set.scenarios.map { s in
                let name = ScenarioRating.field(line.intervention.id, s.quadrant), value = values[name] ?? ""
                let options = [Option(value: "", label: t.word("rating_none", context), selected: value.isEmpty)]
                    + ScenarioRating.range.reversed().map { r in
                        Option(value: String(r), label: RobustnessMatrix.signed(r) + (r == 2 ? " " + t.word("rating_good", context) : r == -2 ? " " + t.word("rating_bad", context) : ""),
                               selected: value == String(r))
                    }
                return RatingCell(name: name, label: line.intervention.title + " – " + s.name, options: options, error: state.fields[name]?.error)
            })
        }
        let slug = m.organisation.slug
        let body = RatingsBody(columns: set.scenarios.map(\.name), lines: lines, isEmpty: lines.isEmpty, version: String(version),
                               action: StrategyPath.ratings.link(slug, tr.id), back: StrategyPath.scenarios.link(slug, tr.id), stale: stale, form: state)
        return t.page("scenario-ratings", title: t.word("ratings_title", context), body: body, request: request, context: context, membership: m,
                      trajectory: tr, status: status)
    }

    /// Saves every cell at once; a cell outside −2..+2 re-shows the form with the typed values and
    /// nothing saved; a stale version answers 409 with the typed values kept.
    @Sendable func rate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let matrix = try await matrix(m, tr)
        guard let set = matrix.set else { throw SamenError.notFound }
        let data = try await request.form(context)
        let ids = matrix.lines.map(\.intervention.id)
        var typed: [String: String] = [:]
        for id in ids { for q in Quadrant.allCases { typed[ScenarioRating.field(id, q)] = data[ScenarioRating.field(id, q)] } }
        let sent = RecordForm.version(data["version"])
        do {
            _ = try await writes.rate(try RecordPages(t: t).actor(m, context), set: set, ScenarioForm.ratings(data, interventions: ids), expected: sent)
            return t.services.cookies.redirect(StrategyPath.scenarios.link(m.organisation.slug, tr.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return ratingsPage(request, context, m, tr, matrix, set, values: typed, errors: refused.errors, version: sent ?? set.version, stale: false,
                               status: StrategyModule.status(refused))
        } catch let error as SamenError where error.kind == .stale {
            return ratingsPage(request, context, m, tr, matrix, set, values: typed, errors: [], version: set.version, stale: true, status: .conflict)
        }
    }
}
