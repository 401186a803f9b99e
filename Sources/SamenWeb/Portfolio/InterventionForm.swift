import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The one field layout of an intervention, for the new-intervention form and the edit
/// page, with the records of the trajectory it can answer as choices.
struct InterventionForm {
    let t: TrajectoryContext

    struct Choices {
        var insights: [Option] = []
        var personas: [Option] = []
        var steps: [Option] = []
    }

    static let names = ["title", "description", "problem", "insight_ids", "persona_ids", "step_ids", "dimensions", "horizon", "owner",
                        "expected_effect", "effort", "cost"]

    func choices(_ m: Membership, _ tr: Trajectory) async throws -> Choices {
        let org = m.organisation.id
        let evidence = EvidenceStore(database: t.services.database), design = DesignStore(database: t.services.database)
        let scenarios = Dictionary(try await design.journeys(organisationID: org, trajectoryID: tr.id).map { ($0.id, $0.scenario) },
                                   uniquingKeysWith: { a, _ in a })
        let steps = try await design.steps(organisationID: org, trajectoryID: tr.id).map {
            Option(value: $0.id, label: (scenarios[$0.journeyID] ?? "") + ": " + $0.touchpoint + ($0.painPoints.isEmpty ? "" : " – " + $0.painPoints),
                   selected: false)
        }
        return Choices(insights: try await evidence.insights(organisationID: org, trajectoryID: tr.id).map { Option(value: $0.id, label: $0.title, selected: false) },
                       personas: try await design.personas(organisationID: org, trajectoryID: tr.id).map { Option(value: $0.id, label: $0.name, selected: false) },
                       steps: steps)
    }

    func layout(_ choices: Choices, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        let dimensions = PortfolioWrites.dimensions.map { Option(value: $0, label: t.word("dimension_" + $0, context), selected: false) }
        return [("title", .text), ("description", .textarea), ("problem", .textarea), ("insight_ids", .choices(choices.insights)),
                ("persona_ids", .choices(choices.personas)), ("step_ids", .choices(choices.steps)), ("dimensions", .choices(dimensions)),
                ("horizon", .select(t.options(Horizon.self, selected: "", prefix: "horizon_", context))), ("owner", .text),
                ("expected_effect", .textarea), ("effort", .select(t.options(Effort.self, selected: "", prefix: "effort_", context))),
                ("cost", .number)]
    }

    static func values(_ i: Intervention) -> [String: String] {
        ["title": i.title, "description": i.description, "problem": i.problem, "insight_ids": i.insightIDs.joined(separator: "\n"),
         "persona_ids": i.personaIDs.joined(separator: "\n"), "step_ids": i.stepIDs.joined(separator: "\n"),
         "dimensions": i.dimensions.joined(separator: "\n"), "horizon": i.horizon.rawValue, "owner": i.owner,
         "expected_effect": i.expectedEffect, "effort": i.effort.rawValue, "cost": i.costEUR.map(String.init) ?? ""]
    }

    static func input(_ form: FormData, onto base: InterventionInput) -> InterventionInput {
        var input = base
        input.title = form["title"]; input.description = form["description"]; input.problem = form["problem"]
        input.insightIDs = form.values("insight_ids"); input.personaIDs = form.values("persona_ids"); input.stepIDs = form.values("step_ids")
        input.dimensions = form.values("dimensions"); input.horizon = form["horizon"]; input.owner = form["owner"]
        input.expectedEffect = form["expected_effect"]; input.effort = form["effort"]; input.cost = form["cost"]
        return input
    }
}

/// The one field layout of a maturity assessment.
enum AssessmentForm {
    static let names = ["dimension", "level", "assessed_on", "assessors", "justification", "evidence", "target_short", "target_medium", "target_long"]

    static func layout(_ t: TrajectoryContext, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        let dimensions = PortfolioWrites.dimensions.map { Option(value: $0, label: t.word("dimension_" + $0, context), selected: false) }
        let levels = MaturityAssessment.levels.map { Option(value: String($0), label: "\($0) – " + t.word("maturity_level_\($0)", context), selected: false) }
        let targets = [Option(value: "", label: t.word("target_none", context), selected: false)] + levels
        return [("dimension", .select(dimensions)), ("level", .select(levels)), ("assessed_on", .date), ("assessors", .text),
                ("justification", .textarea), ("evidence", .textarea), ("target_short", .select(targets)), ("target_medium", .select(targets)),
                ("target_long", .select(targets))]
    }

    static func values(_ a: MaturityAssessment) -> [String: String] {
        ["dimension": a.dimension, "level": String(a.level), "assessed_on": a.assessedOn, "assessors": a.assessors,
         "justification": a.justification, "evidence": a.evidence, "target_short": a.targetShort.map(String.init) ?? "",
         "target_medium": a.targetMedium.map(String.init) ?? "", "target_long": a.targetLong.map(String.init) ?? ""]
    }

    static func input(_ form: FormData) -> AssessmentInput {
        var input = AssessmentInput()
        input.dimension = form["dimension"]; input.level = form["level"]; input.assessedOn = form["assessed_on"]
        input.assessors = form["assessors"]; input.justification = form["justification"]; input.evidence = form["evidence"]
        input.targetShort = form["target_short"]; input.targetMedium = form["target_medium"]; input.targetLong = form["target_long"]
        return input
    }
}
