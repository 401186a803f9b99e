import Foundation
import SamenCore
import SamenStore

/// Outcomes on the demo's interventions: the fixed consultant reads the survey's gap on
/// "knows my situation" (so its readings are the survey's waves), the plain-language letters
/// are measured by hand (calls about letters per month). Written through the use-cases.
enum ValueOutcomeDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: trajectory.id)
        guard let consultant = interventions.first, let letters = interventions.dropFirst().first else { return }
        let survey = try await SurveyStore(database: database).surveys(organisationID: org).first { $0.trajectoryID == trajectory.id }
        let writes = ValueOutcomeWrites(database: database)

        var known = ValueOutcomeInput()
        known.interventionID = consultant.id
        known.outcome = "Aanvragers hoeven hun verhaal niet steeds opnieuw te doen."
        known.indicator = "Kloof op 'de gemeente weet wat ik al heb verteld'"; known.unit = "schaalpunten"; known.direction = "lower"
        if let survey { known.surveyID = survey.id; known.dimension = "known" }
        _ = try await writes.create(demo.actor, trajectoryID: trajectory.id, known)

        var calls = ValueOutcomeInput()
        calls.interventionID = letters.id
        calls.outcome = "Inwoners begrijpen de brief in één keer."
        calls.indicator = "Telefoontjes met vragen over een brief"; calls.unit = "per maand"; calls.direction = "lower"
        calls.baselineValue = "140"; calls.baselineOn = "2026-01-31"
        let measured = try await writes.create(demo.actor, trajectoryID: trajectory.id, calls)
        for (value, on, note) in [("128", "2026-02-28", "Eerste brieven herschreven"), ("104", "2026-03-31", "Alle standaardbrieven in B1"),
                                  ("97", "2026-04-30", "")] {
            _ = try await writes.addMeasurement(demo.actor, outcome: measured, ValueMeasurementInput(value: value, measuredOn: on, note: note))
        }

        var understood = ValueOutcomeInput()
        understood.interventionID = letters.id
        understood.outcome = "Minder bezwaarschriften door misverstanden."
        understood.indicator = "Bezwaren waarin de brief niet begrepen was"; understood.unit = "%"; understood.direction = "lower"
        understood.baselineValue = "22"; understood.baselineOn = "2025-12-31"
        _ = try await writes.create(demo.actor, trajectoryID: trajectory.id, understood)
    }
}
