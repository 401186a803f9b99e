import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The field layouts of an outcome (with its indicator and baseline) and of a measurement.
/// The page's "source" choice `survey_id` carries the survey and the dimension as `survey|dimension`.
struct ValueOutcomeForm {
    let t: TrajectoryContext

    static let names = ["intervention_id", "outcome", "indicator", "unit", "direction", "baseline_value", "baseline_on", "survey_id"]
    static let measurementNames = ["value", "measured_on", "note"]
    static let measurementLayout: [(String, RecordForm.Kind)] = [("value", .text), ("measured_on", .date), ("note", .text)]

    /// The trajectory's interventions and the survey dimensions an indicator can read.
    struct Choices {
        let interventions: [Option]
        let sources: [Option]
    }

    func choices(_ m: Membership, _ tr: Trajectory, _ context: AppRequestContext) async throws -> Choices {
        let org = m.organisation.id
        let interventions = try await PortfolioStore(database: t.services.database).interventions(organisationID: org, trajectoryID: tr.id)
            .map { Option(value: $0.id, label: $0.title, selected: false) }
        let surveys = try await SurveyService(database: t.services.database).surveys.surveys(organisationID: org).filter { $0.trajectoryID == tr.id }
        let sources = [Option(value: "", label: t.word("value_source_manual", context), selected: false)] + surveys.flatMap { survey in
            PortfolioWrites.dimensions.map { code in
                Option(value: survey.id + "|" + code, label: t.word("value_source_survey", context) + " " + survey.title + ": "
                       + t.word("dimension_" + code, context), selected: false)
            }
        }
        return Choices(interventions: interventions, sources: sources)
    }

    func layout(_ choices: Choices, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        [("intervention_id", .select(choices.interventions)), ("outcome", .textarea), ("indicator", .text), ("unit", .text),
         ("direction", .select(t.options(IndicatorDirection.self, selected: "", prefix: "indicator_direction_", context))),
         ("baseline_value", .text), ("baseline_on", .date), ("survey_id", .select(choices.sources))]
    }

    static func values(_ o: ValueOutcome) -> [String: String] { values(ValueOutcomeInput(o)) }

    static func values(_ input: ValueOutcomeInput) -> [String: String] {
        ["intervention_id": input.interventionID, "outcome": input.outcome, "indicator": input.indicator, "unit": input.unit,
         "direction": input.direction, "baseline_value": input.baselineValue, "baseline_on": input.baselineOn,
         "survey_id": input.surveyID.isEmpty ? "" : input.surveyID + "|" + input.dimension]
    }

    static func input(_ form: FormData) -> ValueOutcomeInput {
        var input = ValueOutcomeInput()
        input.interventionID = form["intervention_id"]; input.outcome = form["outcome"]; input.indicator = form["indicator"]
        input.unit = form["unit"]; input.direction = form["direction"]; input.baselineValue = form["baseline_value"]
        input.baselineOn = form["baseline_on"]
        let source = form["survey_id"].split(separator: "|", maxSplits: 1).map(String.init)
        input.surveyID = source.first ?? ""; input.dimension = source.count > 1 ? source[1] : ""
        return input
    }

    static func values(_ m: ValueMeasurement) -> [String: String] {
        let input = ValueMeasurementInput(m)
        return ["value": input.value, "measured_on": input.measuredOn, "note": input.note]
    }

    static func measurement(_ form: FormData) -> ValueMeasurementInput {
        ValueMeasurementInput(value: form["value"], measuredOn: form["measured_on"], note: form["note"])
    }
}
