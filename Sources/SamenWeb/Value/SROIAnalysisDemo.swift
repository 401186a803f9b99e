import Foundation
import SamenCore
import SamenStore

/// The demo trajectory's stored SROI analysis: the demo impact map of the scratch page
/// (`SROIDemoMap`), tied to the "one fixed consultant" intervention, with its stage 1 filled
/// in, so a new user sees a stored analysis at once. Written through the use-case.
enum SROIAnalysisDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let consultant = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: trajectory.id).first
        var input = ValueSROIAnalysisInput()
        input.title = "Eén vaste consulent per aanvrager"
        input.interventionID = consultant?.id ?? ""
        input.scopeIn = "De bijzondere bijstand: aanvragen van inwoners die een vaste consulent krijgen, van intake tot besluit."
        input.scopeOut = "Andere regelingen van het team inkomen, en effecten op werk of gezondheid op lange termijn."
        input.period = "2026 (één jaar activiteit), effecten tot drie jaar daarna"
        input.stakeholders = "Aanvragers, de gemeente (team inkomen) en de samenleving (schuldhulp)."
        input.engagement = "Interviews met twaalf aanvragers, de enquête 'Wat vindt u van onze dienstverlening?' en een sessie met consulenten."
        input.inputs = SROIDemoMap.inputs
        input.discountRate = "3.5"; input.draws = "10000"; input.seed = "2026"
        input.impactMap = SROIDemoMap.csv
        _ = try await SROIAnalysisWrites(database: database).create(demo.actor, trajectoryID: trajectory.id, input)
    }
}

/// The trajectory's stored analyses in the exports: stage 1, the numbers, the computed ratio with
/// its p5–p95 range, and the impact map in the template (one cell; its own CSV export has the rows).
enum SROIAnalysisExport {
    static func table(_ c: ExportContext) async throws -> ExportTable {
        let all = try await ValueSROIAnalysisStore(database: c.t.services.database)
            .analyses(organisationID: c.membership.organisation.id, trajectoryID: c.trajectory.id)
        return ExportTable(header: ["id", "intervention_id", "title", "scope_in", "scope_out", "period", "stakeholders", "engagement", "inputs",
                                    "discount_rate", "draws", "seed", "ratio", "p5", "p95", "impact_map"],
                           rows: all.map { a in
                               let computed = try? SROIStoredResult.compute(a).0
                               func figure(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
                               return [a.id, a.interventionID ?? "", a.title, a.scopeIn, a.scopeOut, a.period, a.stakeholders, a.engagement,
                                       ValueOutcomeInput.text(a.inputs), ValueOutcomeInput.text(a.discountRate), String(a.draws), String(a.seed),
                                       figure(computed?.result.ratio), figure(computed?.monteCarlo.p5), figure(computed?.monteCarlo.p95),
                                       a.impactMap]
                           })
    }
}
