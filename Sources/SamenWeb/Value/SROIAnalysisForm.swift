import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The field layout of a stored SROI analysis: stage 1 (scope and stakeholders), the numbers
/// beside the map, and the impact map in the CSV template.
struct SROIAnalysisForm {
    let t: TrajectoryContext

    static let names = ["title", "intervention_id", "scope_in", "scope_out", "period", "stakeholders", "engagement", "inputs",
                        "discount_rate", "draws", "seed", "impact_map"]

    /// The trajectory's interventions, after "not tied to one".
    func interventions(_ m: Membership, _ tr: Trajectory, _ context: AppRequestContext) async throws -> [Option] {
        [Option(value: "", label: t.word("sroi_analysis_no_intervention", context), selected: false)]
            + (try await PortfolioStore(database: t.services.database).interventions(organisationID: m.organisation.id, trajectoryID: tr.id))
            .map { Option(value: $0.id, label: $0.title, selected: false) }
    }

    static func layout(_ interventions: [Option]) -> [(String, RecordForm.Kind)] {
        [("title", .text), ("intervention_id", .select(interventions)), ("scope_in", .textarea), ("scope_out", .textarea), ("period", .text),
         ("stakeholders", .textarea), ("engagement", .textarea), ("inputs", .text), ("discount_rate", .text), ("draws", .text),
         ("seed", .text), ("impact_map", .textarea)]
    }

    static func values(_ a: ValueSROIAnalysis) -> [String: String] { values(ValueSROIAnalysisInput(a)) }

    static func values(_ i: ValueSROIAnalysisInput) -> [String: String] {
        ["title": i.title, "intervention_id": i.interventionID, "scope_in": i.scopeIn, "scope_out": i.scopeOut, "period": i.period,
         "stakeholders": i.stakeholders, "engagement": i.engagement, "inputs": i.inputs, "discount_rate": i.discountRate,
         "draws": i.draws, "seed": i.seed, "impact_map": i.impactMap]
    }

    static func input(_ form: FormData) -> ValueSROIAnalysisInput {
        var i = ValueSROIAnalysisInput()
        i.title = form["title"]; i.interventionID = form["intervention_id"]; i.scopeIn = form["scope_in"]; i.scopeOut = form["scope_out"]
        i.period = form["period"]; i.stakeholders = form["stakeholders"]; i.engagement = form["engagement"]; i.inputs = form["inputs"]
        i.discountRate = form["discount_rate"]; i.draws = form["draws"]; i.seed = form["seed"]; i.impactMap = form["impact_map"]
        return i
    }

    /// The defaults a new analysis opens with: the guide's 3.5 %, 10,000 draws, a fixed seed and the template's header.
    static let fresh: [String: String] = [
        "discount_rate": ValueOutcomeInput.text(ValueSROIRules.defaultDiscountRate), "draws": String(ValueSROIRules.minimumDraws),
        "seed": String(ValueSROIRules.defaultSeed), "impact_map": CSVWriter.document([SROICSV.requiredColumns], lineEnd: "\n"),
    ]
}
