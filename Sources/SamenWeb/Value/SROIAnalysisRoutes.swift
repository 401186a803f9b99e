import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// Stored SROI analyses (issue 14): the trajectory's list, the form for a new one and for a
/// change (stage 1, the numbers, the impact map; every problem of the map by row, column and
/// reason), one analysis with its figures (the scratch page's result rendering), its impact
/// map as CSV out and in (all or nothing), and a printable report.
struct SROIAnalysisRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: ValueSROIAnalysisStore { ValueSROIAnalysisStore(database: t.services.database) }
    var writes: SROIAnalysisWrites { SROIAnalysisWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.analyses.get, { $0.list }), (ValuePath.analyses.post, { $0.create }), (ValuePath.analysisNew.get, { $0.newForm }),
            (ValuePath.analysis.get, { $0.detail }), (ValuePath.analysisEdit.get, { $0.editForm }), (ValuePath.analysisEdit.post, { $0.edit }),
            (ValuePath.analysisCSV.get, { $0.csv }), (ValuePath.analysisImport.post, { $0.importCSV }),
            (ValuePath.analysisReport.get, { $0.report }),
        ]
    }

    /// The analysis of the path, in the trajectory of the path (404 otherwise).
    static func analysis(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                         _ tr: Trajectory) async throws -> ValueSROIAnalysis {
        guard let found = try await ValueSROIAnalysisStore(database: t.services.database)
            .analysis(organisationID: m.organisation.id, id: try request.parameter("analysis", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    struct Item {
        let title: String
        let link: String
        let intervention: String
        let ratio: String
        let range: String
    }
    struct ListBody {
        let items: [Item]
        let empty: Bool
        let canEdit: Bool
        let newLink: String
        let back: String
        let scratchLink: String
    }

    /// The ratio and its p5–p95 range of a stored analysis, or "–" when its map no longer reads.
    func figures(_ a: ValueSROIAnalysis, _ context: AppRequestContext) -> (ratio: String, range: String) {
        guard let (computed, _) = try? SROIStoredResult.compute(a) else { return ("–", "–") }
        let n: (Double) -> String = { context.numbers.decimal($0, digits: 2) }
        return (n(computed.result.ratio), n(computed.monteCarlo.p5) + " – " + n(computed.monteCarlo.p95))
    }

    func interventionTitles(_ m: Membership, _ tr: Trajectory) async throws -> [String: String] {
        Dictionary(try await PortfolioStore(database: t.services.database).interventions(organisationID: m.organisation.id, trajectoryID: tr.id)
            .map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let slug = m.organisation.slug
        let titles = try await interventionTitles(m, tr)
        let items = try await store.analyses(organisationID: m.organisation.id, trajectoryID: tr.id).map { a in
            let (ratio, range) = figures(a, context)
            return Item(title: a.title, link: ValuePath.analysis.link(slug, tr.id, a.id),
                        intervention: a.interventionID.flatMap { titles[$0] } ?? t.word("sroi_analysis_no_intervention", context),
                        ratio: ratio, range: range)
        }
        let body = ListBody(items: items, empty: items.isEmpty, canEdit: m.role.allows(.editContent),
                            newLink: ValuePath.analysisNew.link(slug, tr.id), back: ValuePath.register.link(slug, tr.id),
                            scratchLink: ValuePath.sroi.link(slug, tr.id))
        return t.page("sroi-analyses", title: t.word("sroi_analyses_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr)
    }

    // MARK: the form (new and change)

    struct FormBody {
        let heading: String
        let action: String
        let back: String
        let version: String?
        let form: FormState
        let fields: [RecordForm.Field]
        let problems: [SROIRoutes.Problem]
        let hasProblems: Bool
        let staleNotice: Bool
    }

    func formPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, current: ValueSROIAnalysis?,
                  values: [String: String], errors: [SamenError] = [], problems: [SROIInputProblem] = [], stale: Bool = false,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let slug = m.organisation.slug
        let layout = SROIAnalysisForm.layout(try await SROIAnalysisForm(t: t).interventions(m, tr, context))
        let state = t.renderer.form(values, errors: errors, names: SROIAnalysisForm.names, context)
        let heading = t.word(current == nil ? "sroi_analysis_new_title" : "sroi_analysis_edit_title", context)
        let body = FormBody(
            heading: heading,
            action: current.map { ValuePath.analysisEdit.link(slug, tr.id, $0.id) } ?? ValuePath.analyses.link(slug, tr.id),
            back: current.map { ValuePath.analysis.link(slug, tr.id, $0.id) } ?? ValuePath.analyses.link(slug, tr.id),
            version: current.map { String($0.version) }, form: state, fields: RecordForm.fields(layout, state),
            problems: SROIResultView(t: t, context: context).problems(problems), hasProblems: !problems.isEmpty, staleNotice: stale)
        return t.page("sroi-analysis-form", title: heading, body: body, request: request, context: context, membership: m, trajectory: tr,
                      status: status)
    }

    @Sendable func newForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        return try await formPage(request, context, m, tr, current: nil, values: SROIAnalysisForm.fresh)
    }

    /// A refused write shown again: what was typed, the field messages and the map's problems.
    func refused(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, current: ValueSROIAnalysis?,
                 data: FormData, _ write: () async throws -> Response) async throws -> Response {
        let typed = Dictionary(uniqueKeysWithValues: SROIAnalysisForm.names.map { ($0, data[$0]) })
        do {
            return try await write()
        } catch let error as SROIAnalysisRefused {
            return try await formPage(request, context, m, tr, current: current, values: typed, errors: error.errors, problems: error.problems,
                                      status: .unprocessableContent)
        } catch let error as ValidationErrors {
            let conflict = error.errors.allSatisfy { $0.kind == .conflict }
            return try await formPage(request, context, m, tr, current: current, values: typed, errors: error.errors,
                                      status: conflict ? .conflict : .unprocessableContent)
        } catch let error as SamenError where error == .stale {
            let now = try? await Self.analysis(t, request, context, m, tr)
            return try await formPage(request, context, m, tr, current: now ?? current, values: typed, stale: true, status: .conflict)
        }
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        return try await refused(request, context, m, tr, current: nil, data: data) {
            let created = try await writes.create(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, SROIAnalysisForm.input(data))
            return t.services.cookies.redirect(ValuePath.analysis.link(m.organisation.slug, tr.id, created.id), notice: "notice_saved")
        }
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let current = try await Self.analysis(t, request, context, m, tr)
        return try await formPage(request, context, m, tr, current: current, values: SROIAnalysisForm.values(current))
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let current = try await Self.analysis(t, request, context, m, tr)
        let data = try await request.form(context)
        return try await refused(request, context, m, tr, current: current, data: data) {
            _ = try await writes.update(try RecordPages(t: t).actor(m, context), current: current, SROIAnalysisForm.input(data),
                                        expected: RecordForm.version(data["version"]))
            return t.services.cookies.redirect(ValuePath.analysis.link(m.organisation.slug, tr.id, current.id), notice: "notice_saved")
        }
    }

    // MARK: one analysis, its CSV and its report

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await SROIAnalysisPage(t: t).render(request, context, m, tr, try await Self.analysis(t, request, context, m, tr),
                                                       template: "sroi-analysis")
    }

    @Sendable func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await SROIAnalysisPage(t: t).render(request, context, m, tr, try await Self.analysis(t, request, context, m, tr),
                                                       template: "sroi-analysis-report")
    }

    /// The stored map in the template, every cell guarded against formula injection.
    @Sendable func csv(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let a = try await Self.analysis(t, request, context, m, tr)
        return CSVWriter.response(try SROIAnalysisCSV.export(a), filename: "impactkaart.csv")
    }

    /// A file in the template replaces the stored map, all or nothing.
    @Sendable func importCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let current = try await Self.analysis(t, request, context, m, tr)
        let upload = try await MultipartForm.read(request, context)
        let page = SROIAnalysisPage(t: t)
        guard let file = upload.file("impact_map_file") else {
            return try await page.render(request, context, m, tr, current, template: "sroi-analysis",
                                         importErrors: [.validation("sroi_import_file_required", field: "impact_map_file")],
                                         status: .unprocessableContent)
        }
        do {
            _ = try await writes.importMap(try RecordPages(t: t).actor(m, context), current: current, csv: String(buffer: file.body),
                                           expected: RecordForm.version(upload.value("version") ?? ""))
        } catch let error as SROIAnalysisRefused {
            return try await page.render(request, context, m, tr, current, template: "sroi-analysis",
                                         importErrors: [.validation("sroi_impact_map_invalid", field: "impact_map_file")],
                                         problems: error.problems, status: .unprocessableContent)
        } catch let error as SamenError where error == .stale {
            return try await page.render(request, context, m, tr, current, template: "sroi-analysis",
                                         importErrors: [.validation("stale_version", field: "impact_map_file")], status: .conflict)
        }
        return t.services.cookies.redirect(ValuePath.analysis.link(m.organisation.slug, tr.id, current.id), notice: "sroi_import_notice")
    }
}

/// The impact map of a stored analysis as the template's CSV (what `samen sroi` and the import read).
enum SROIAnalysisCSV {
    static func export(_ a: ValueSROIAnalysis) throws -> String {
        CSVWriter.document(SROICSV.cells(try SROICSV.read(a.impactMap)))
    }

    /// One text column of the map per row, as typed (the reader keeps only "weak" of the evidence
    /// strength; the report names strong and medium too). Empty when the column is not there.
    static func column(_ name: String, of text: String) -> [String] {
        let firstLine = text.prefix { $0 != "\n" }
        let semicolon = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count
        guard let records = try? SimpleCSVReader.strictRecords(text, separator: UInt8(ascii: semicolon ? ";" : ",")) else { return [] }
        let nonEmpty = records.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = nonEmpty.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let index = header.firstIndex(of: name) else { return [] }
        return nonEmpty.dropFirst().map { index < $0.count ? $0[index].trimmingCharacters(in: .whitespaces) : "" }
    }
}
