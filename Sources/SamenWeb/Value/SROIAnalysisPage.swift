import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// One stored analysis as a page (`sroi-analysis`) or as its printable report
/// (`sroi-analysis-report`): stage 1, the figures with the scratch page's result rendering
/// (`SROIResultView`, partial `sroi-result`), and on the page the CSV import form.
struct SROIAnalysisPage {
    let t: TrajectoryContext

    struct Fact {
        let label: String
        let value: String
    }
    struct Body {
        let title: String
        let facts: [Fact]
        let result: SROIRoutes.Result?
        let unreadable: Bool
        let ratio: String
        let range: String
        let canEdit: Bool
        let editLink: String
        let deleteLink: String
        let csvLink: String
        let reportLink: String
        let back: String
        let detailLink: String
        let importAction: String
        let version: String
        let importForm: FormState
        let importFields: [FileField]
        let problems: [SROIRoutes.Problem]
        let hasProblems: Bool
        /// Per row of the map: outcome, source, evidence strength and the reason for a long duration (the report).
        let evidence: [SROIRoutes.Cells]
    }
    /// The file field of the import form (the `field-csv-file` partial reads these names).
    struct FileField {
        let name: String
        let label: String
        let hint: String?
        let error: String?
        let describedBy: String?
    }

    func render(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ a: ValueSROIAnalysis, template: String,
                importErrors: [SamenError] = [], problems: [SROIInputProblem] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let slug = m.organisation.slug
        func word(_ key: String) -> String { t.word(key, context) }
        let view = SROIResultView(t: t, context: context)
        let computed = try? SROIStoredResult.compute(a)
        let result = computed.map { view.result($0.0, $0.1) }
        var intervention = word("sroi_analysis_no_intervention")
        if let id = a.interventionID,
           let found = try await PortfolioStore(database: t.services.database).intervention(organisationID: m.organisation.id, id: id) {
            intervention = found.title
        }
        func shown(_ text: String) -> String { text.isEmpty ? "–" : text }
        let facts = [
            Fact(label: word("field_intervention_id"), value: intervention),
            Fact(label: word("field_scope_in"), value: shown(a.scopeIn)), Fact(label: word("field_scope_out"), value: shown(a.scopeOut)),
            Fact(label: word("field_period"), value: shown(a.period)), Fact(label: word("field_stakeholders"), value: shown(a.stakeholders)),
            Fact(label: word("field_engagement"), value: shown(a.engagement)),
            Fact(label: word("sroi_inputs"), value: view.euros(a.inputs)),
            Fact(label: word("sroi_discount_rate"), value: context.numbers.percent(a.discountRate)),
            Fact(label: word("field_draws"), value: context.numbers.integer(a.draws) + " · seed " + String(a.seed)),
        ]
        let state = t.renderer.form([:], errors: importErrors, names: ["impact_map_file"], context)
        let fileState = state.fields["impact_map_file"]
        let body = Body(
            title: a.title, facts: facts, result: result, unreadable: computed == nil, ratio: result?.ratio ?? "–",
            range: result.map { $0.p5 + " – " + $0.p95 } ?? "–", canEdit: m.role.allows(.editContent),
            editLink: ValuePath.analysisEdit.link(slug, tr.id, a.id), deleteLink: ValuePath.analysisDelete.link(slug, tr.id, a.id),
            csvLink: ValuePath.analysisCSV.link(slug, tr.id, a.id), reportLink: ValuePath.analysisReport.link(slug, tr.id, a.id),
            back: ValuePath.analyses.link(slug, tr.id), detailLink: ValuePath.analysis.link(slug, tr.id, a.id),
            importAction: ValuePath.analysisImport.link(slug, tr.id, a.id), version: String(a.version), importForm: state,
            importFields: [FileField(name: "impact_map_file", label: word("field_impact_map_file"), hint: word("hint_impact_map_file"),
                                     error: fileState?.error,
                                     describedBy: "impact_map_file-hint" + (fileState?.error == nil ? "" : " impact_map_file-error"))],
            problems: view.problems(problems), hasProblems: !problems.isEmpty, evidence: evidence(a, computed?.1 ?? [], context))
        return t.page(template, title: a.title, body: body, request: request, context: context, membership: m, trajectory: tr, status: status)
    }
}

extension SROIAnalysisPage {
    func evidence(_ a: ValueSROIAnalysis, _ rows: [SROICSV.Row], _ context: AppRequestContext) -> [SROIRoutes.Cells] {
        let strengths = SROIAnalysisCSV.column("evidence_strength", of: a.impactMap)
        return rows.enumerated().map { index, item in
            let typed = index < strengths.count ? strengths[index].lowercased() : ""
            let strength = ["strong", "sterk"].contains(typed) ? "strong" : ["medium", "middel", "gemiddeld"].contains(typed) ? "medium"
                : item.row.hasWeakEvidence ? "weak" : "unknown"
            return SROIRoutes.Cells(cells: [String(index + 1), item.row.outcome,
                                            item.proxySource.isEmpty ? t.word("sroi_no_source", context) : item.proxySource,
                                            t.word("sroi_strength_" + strength, context),
                                            item.row.durationReason.isEmpty ? "–" : item.row.durationReason])
        }
    }
}

/// Deleting an analysis, on the shared delete confirmation (`DesignEditRoutes.Kind`).
struct SROIAnalysisDeleteRoutes: RouteGroup {
    let t: TrajectoryContext
    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ValuePath.analysisDelete.get, { $0.deleteForm }), (ValuePath.analysisDelete.post, { $0.delete })]
    }

    var kind: DesignEditRoutes.Kind<ValueSROIAnalysis> {
        var kind = DesignEditRoutes.Kind<ValueSROIAnalysis>(
            load: { request, context, m, tr in try await SROIAnalysisRoutes.analysis(t, request, context, m, tr) },
            values: SROIAnalysisForm.values,
            spec: { slug, tr, a, _, context in
                RecordPages.Spec(heading: t.word("sroi_analysis_edit_title", context), layout: [],
                                 action: ValuePath.analysisEdit.link(slug, tr.id, a.id), back: ValuePath.analysis.link(slug, tr.id, a.id),
                                 deleteLink: ValuePath.analysisDelete.link(slug, tr.id, a.id))
            },
            name: \.title, deleteTitle: "sroi_analysis_delete_title",
            done: { slug, tr, _ in ValuePath.analyses.link(slug, tr.id) },
            save: { _, _, _, _ in },
            impact: { _ in DeletionImpact([]) },
            delete: { try await SROIAnalysisWrites(database: t.services.database).delete($0, $1, expected: $2) })
        kind.linksPassages = false
        return kind
    }

    @Sendable func deleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(kind, r, c) }
    @Sendable func delete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(kind, r, c) }
}
