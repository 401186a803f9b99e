import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore

/// The SROI of an impact map in the CSV template (the same figures as `samen sroi`): per
/// stakeholder and per year, present value, NPV, ratio and net ratio, always beside the
/// range of the Monte Carlo, the tornado, the switching values, the warnings and every
/// assumption with its source. Nothing is stored here (stored analyses: `SROIAnalysisRoutes`,
/// which render with the same `SROIResultView` and partials); it opens with the demo map.
struct SROIRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ValuePath.sroi.get, { $0.page }), (ValuePath.sroi.post, { $0.calculate })]
    }

    struct Cells { let cells: [String] }
    struct Problem { let row: String; let column: String; let reason: String }
    struct Result {
        let totalPresentValue, netPresentValue, inputs, ratio, netRatio, p5, p50, p95, probabilityAboveOne, draws, seed: String
        let years: [Cells]
        let stakeholders: [Cells]
        let tornado: String
        let tornadoRows: [Cells]
        let switching: [Cells]
        let histogram: String
        let histogramRows: [Cells]
        let warnings: [String]
        let assumptions: [Cells]
        let discountRate: String
    }
    struct Body {
        let action: String
        let back: String
        let form: FormState
        let fields: [RecordForm.Field]
        let problems: [Problem]
        let hasProblems: Bool
        let result: Result?
        let canEdit: Bool
    }

    static let layout: [(String, RecordForm.Kind)] = [("impact_map", .textarea), ("inputs", .text), ("discount_rate", .text)]

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let values = ["impact_map": SROIDemoMap.csv, "inputs": SROIDemoMap.inputs, "discount_rate": ""]
        return try render(request, context, m, tr, values: values, status: .ok)
    }

    @Sendable func calculate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let data = try await request.form(context)
        let values = ["impact_map": data["impact_map"], "inputs": data["inputs"], "discount_rate": data["discount_rate"]]
        return try render(request, context, m, tr, values: values, status: .ok)
    }

    func render(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                status: HTTPResponse.Status) throws -> Response {
        var errors: [SamenError] = []
        var problems: [Problem] = []
        let inputs = SROICSV.parseNumber(values["inputs"] ?? "", decimalComma: true)
        if inputs == nil || !(inputs! > 0) { errors.append(.validation("sroi_inputs_invalid", field: "inputs")) }
        let rateText = (values["discount_rate"] ?? "").trimmingCharacters(in: .whitespaces)
        var rate = SROIDiscountRate.greenBook
        if !rateText.isEmpty {
            if let percent = SROICSV.parseNumber(rateText, decimalComma: true), SROIImpactMap.discountRateRange.contains(percent) {
                rate = .constant(percent: percent)
            } else {
                errors.append(.validation("discount_rate_out_of_range", field: "discount_rate"))
            }
        }
        var analysis: SROIAnalysis?
        var rows: [SROICSV.Row] = []
        do {
            rows = try SROICSV.read(values["impact_map"] ?? "")
            if errors.isEmpty, let inputs {
                analysis = try SROIAnalysis(SROIImpactMap(rows: rows.map(\.row), inputs: inputs, discountRate: rate))
            }
        } catch {
            problems = SROIResultView(t: t, context: context).problems(error.problems)
            errors.append(.validation("sroi_impact_map_invalid", field: "impact_map"))
        }
        let state = t.renderer.form(values, errors: errors, names: Self.layout.map(\.0), context)
        let body = Body(action: ValuePath.sroi.link(m.organisation.slug, tr.id), back: ValuePath.register.link(m.organisation.slug, tr.id),
                        form: state, fields: RecordForm.fields(Self.layout, state), problems: problems, hasProblems: !problems.isEmpty,
                        result: analysis.map { SROIResultView(t: t, context: context).result($0, rows) },
                        canEdit: m.role.allows(.editContent))
        return t.page("sroi", title: t.word("sroi_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: errors.isEmpty ? status : .unprocessableContent)
    }
}

/// The figures of an analysis as text in the page's language (a decimal comma in Dutch).
struct SROIResultView {
    let t: TrajectoryContext
    let context: AppRequestContext

    func number(_ value: Double, _ digits: Int = 2) -> String { context.numbers.decimal(value, digits: digits) }

    func euros(_ value: Double) -> String { PortfolioFormat.euros(Int(value.rounded()), context) }

    /// The problems of an impact map by row, column and reason (the scratch page, the stored analysis's form and import).
    func problems(_ list: [SROIInputProblem]) -> [SROIRoutes.Problem] {
        list.map {
            SROIRoutes.Problem(row: $0.row.map(String.init) ?? "–", column: $0.column.isEmpty ? "–" : $0.column,
                               reason: t.word("sroi_problem_" + $0.code, context))
        }
    }

    func label(_ target: SROISensitivityTarget, _ map: SROIImpactMap) -> String {
        guard let row = target.row, let assumption = target.assumption else { return t.word("sroi_assumption_discount_rate", context) }
        return "\(row + 1). \(map.rows[row].outcome): " + t.word("sroi_assumption_" + assumption.rawValue, context)
    }

    func result(_ a: SROIAnalysis, _ rows: [SROICSV.Row]) -> SROIRoutes.Result {
        let r = a.result, carlo = a.monteCarlo
        typealias Cells = SROIRoutes.Cells
        let tornadoBars = a.oneAtATime.map { SROICharts.Bar(label: label($0.target, a.map), low: $0.ratioAtLow, high: $0.ratioAtHigh) }
        let fmt: (Double) -> String = { number($0) }
        return SROIRoutes.Result(
            totalPresentValue: euros(r.totalPresentValue), netPresentValue: euros(r.netPresentValue), inputs: euros(r.inputs),
            ratio: number(r.ratio), netRatio: number(r.netRatio), p5: number(carlo.p5), p50: number(carlo.p50), p95: number(carlo.p95),
            probabilityAboveOne: context.numbers.percent(fraction: carlo.probabilityAboveOne), draws: context.numbers.integer(carlo.draws), seed: String(carlo.seed),
            years: r.presentValueByYear.enumerated().map { Cells(cells: [String($0.offset + 1), euros(r.impactByYear[$0.offset]), euros($0.element)]) },
            stakeholders: r.stakeholders.map { Cells(cells: [$0.stakeholder, euros($0.presentValue)]) },
            tornado: SROICharts.tornado(id: "sroi-tornado", title: t.word("sroi_tornado_title", context),
                                        description: t.word("sroi_tornado_desc", context), bars: tornadoBars, base: r.ratio, format: fmt),
            tornadoRows: a.oneAtATime.map {
                Cells(cells: [label($0.target, a.map), number($0.low), number($0.high), number($0.ratioAtLow), number($0.ratioAtHigh)])
            },
            switching: a.switchingValues.map {
                Cells(cells: [label($0.target, a.map), number($0.value), $0.switchingValue.map { number($0) } ?? t.word("sroi_no_switching", context)])
            },
            histogram: SROICharts.histogram(id: "sroi-histogram", title: t.word("sroi_histogram_title", context),
                                            description: t.word("sroi_histogram_desc", context), bins: carlo.histogram, format: fmt),
            histogramRows: carlo.histogram.map { Cells(cells: [number($0.lower) + " – " + number($0.upper), context.numbers.integer($0.count)]) },
            warnings: a.warnings.map { w in
                t.word("sroi_warning_" + w.code, context) + (w.row.map { " (\(t.word("sroi_row", context)) \($0 + 1))" } ?? "")
                    + (w.assumptions.isEmpty ? "" : ": " + w.assumptions.map { t.word("sroi_assumption_" + $0.rawValue, context) }.joined(separator: ", "))
            },
            assumptions: rows.enumerated().map { index, item in
                let row = item.row
                func ranged(_ assumption: SROIAssumption, percent: Bool = false) -> String {
                    let show: (Double) -> String = { percent ? context.numbers.percent($0, digits: 2) : number($0) }
                    return show(row[assumption]) + (row.ranges[assumption].map { " (" + show($0.low) + " – " + show($0.high) + ")" } ?? "")
                }
                return Cells(cells: [String(index + 1), row.stakeholder, row.outcome, row.indicator, ranged(.quantity), ranged(.proxy),
                                     item.proxySource.isEmpty ? t.word("sroi_no_source", context) : item.proxySource,
                                     ranged(.duration), t.word(row.startsAfterActivity ? "sroi_start_after" : "sroi_start_during", context),
                                     ranged(.deadweight, percent: true), ranged(.displacement, percent: true),
                                     ranged(.attribution, percent: true), ranged(.dropOff, percent: true)])
            },
            discountRate: a.map.discountRate == .greenBook ? t.word("sroi_rate_green_book", context) : context.numbers.percent(a.map.discountRate.percent))
    }
}
