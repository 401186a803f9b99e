import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Outcomes, indicators and measurements on both databases: links within the trajectory,
/// versions, roles, tenancy, the cascade of a delete and the audit trail.
@Suite("Value outcomes write use-cases")
struct ValueOutcomeWritesTests {
    struct World {
        let voice: StoryWritesContractTests.World
        let writes: ValueOutcomeWrites
        let interventionID: String
        let otherInterventionID: String
        var store: ValueOutcomeStore { ValueOutcomeStore(database: voice.database) }
    }

    /// An intervention in the trajectory of organisation A, and one in a second trajectory of A.
    static func world(_ database: Database) async throws -> World {
        let w = try await StoryWritesContractTests.world(database)
        let other = try await TrajectoryStore(database: database).create(organisationID: w.orgA, .init(
            title: "Schulden", service: "Hulp", goal: "Eerder", targetGroups: "", owner: "Ilse", startDate: "2026-01-05", endDate: nil))
        var input = InterventionInput()
        input.title = "Vaste consulent"; input.dimensions = ["known"]; input.horizon = "short"; input.effort = "low"
        let portfolio = PortfolioWrites(database: database)
        let mine = try await portfolio.createIntervention(w.ilse, trajectoryID: w.trajectoryID, input)
        let theirs = try await portfolio.createIntervention(w.ilse, trajectoryID: other.id, input)
        return World(voice: w, writes: ValueOutcomeWrites(database: database), interventionID: mine.id, otherInterventionID: theirs.id)
    }

    static func input(_ interventionID: String) -> ValueOutcomeInput {
        var input = ValueOutcomeInput()
        input.interventionID = interventionID; input.outcome = "Minder telefoontjes over brieven"; input.indicator = "Telefoontjes"
        input.unit = "per maand"; input.direction = "lower"; input.baselineValue = "140,5"; input.baselineOn = "2026-01-31"
        return input
    }

    @Test("an outcome with its baseline and measurements is stored, read per trajectory, changed with its version and deleted with its measurements",
          arguments: TestDatabase.kinds)
    func roundTrip(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let outcome = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID))
            #expect(outcome.baselineValue == 140.5 && outcome.direction == .lower && !outcome.readsSurvey)
            let first = try await w.writes.addMeasurement(v.ilse, outcome: outcome, ValueMeasurementInput(value: "128", measuredOn: "2026-02-28"))
            _ = try await w.writes.addMeasurement(v.ilse, outcome: outcome, ValueMeasurementInput(value: "97,25", measuredOn: "2026-04-30", note: "B1"))
            #expect(try await w.store.outcomes(organisationID: v.orgA, trajectoryID: v.trajectoryID) == [outcome])
            #expect(try await w.store.measurements(organisationID: v.orgA, trajectoryID: v.trajectoryID).map(\.value) == [128, 97.25])
            #expect(try await w.store.outcomes(organisationID: v.orgB, trajectoryID: v.trajectoryID).isEmpty, "another organisation sees nothing")

            var change = ValueOutcomeInput(outcome)
            change.baselineValue = ""; change.baselineOn = ""
            let saved = try await w.writes.update(v.ilse, current: outcome, change, expected: 1)
            #expect(saved.version == 2 && saved.baselineValue == nil)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.update(v.ilse, current: outcome, change, expected: 1) }
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.update(v.viewer, current: saved, change, expected: 2) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.update(v.intruder, current: saved, change, expected: 2) }
            let edited = try await w.writes.updateMeasurement(v.ilse, outcome: saved, current: first,
                                                              ValueMeasurementInput(value: "130", measuredOn: "2026-02-28"), expected: 1)
            #expect(edited.version == 2 && edited.value == 130)

            #expect(try await w.store.impact(organisationID: v.orgA, outcomeID: outcome.id).items.map(\.count) == [2])
            try await w.writes.delete(v.ilse, saved, expected: 2)
            #expect(try await w.store.measurements(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "the measurements went with it")
            let trail = try await v.trail().filter { ["value_outcome", "value_measurement"].contains($0.entity) }
            #expect(trail.filter { $0.entity == "value_outcome" }.map(\.action.rawValue).sorted() == ["create", "delete", "update"])
            #expect(trail.filter { $0.entity == "value_measurement" }.count == 3)
            #expect(trail.first { $0.entity == "value_outcome" && $0.action == .update }?.fields.sorted() == ["baseline_on", "baseline_value"])
        }
    }

    @Test("bad input is refused with field codes; an intervention of another trajectory and a survey-read indicator's measurement are conflicts",
          arguments: TestDatabase.kinds)
    func refused(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            var bad = Self.input(w.interventionID)
            bad.outcome = " "; bad.direction = "sideways"; bad.baselineValue = "veel"; bad.dimension = "known"
            let errors = try await #require(throws: ValidationErrors.self) { _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, bad) }
            #expect(Set(errors.errors.map { "\($0.field ?? "") \($0.code)" }) == [
                "outcome field_required", "direction indicator_direction_invalid", "baseline_value number_invalid", "survey_id indicator_survey_incomplete",
            ])
            var halfBaseline = Self.input(w.interventionID)
            halfBaseline.baselineOn = ""
            let half = try await #require(throws: ValidationErrors.self) { _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, halfBaseline) }
            #expect(half.errors.map { "\($0.field ?? "") \($0.code) \($0.kind)" } == ["baseline_on baseline_incomplete conflict"])
            let foreign = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.otherInterventionID))
            }
            #expect(foreign.errors.map { "\($0.field ?? "") \($0.code) \($0.kind)" } == ["intervention_id link_unknown conflict"])
            var survey = Self.input(w.interventionID)
            survey.surveyID = "no-such-survey"; survey.dimension = "known"
            let unknownSurvey = try await #require(throws: ValidationErrors.self) { _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, survey) }
            #expect(unknownSurvey.errors.map(\.code) == ["link_unknown"])
            #expect(try await w.store.outcomes(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "nothing stored")

            let linked = ValueOutcome(id: "x", trajectoryID: v.trajectoryID, interventionID: w.interventionID, outcome: "o", indicator: "i",
                                      surveyID: "s", dimension: "known")
            let measured = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.addMeasurement(v.ilse, outcome: linked, ValueMeasurementInput(value: "1", measuredOn: "2026-01-01"))
            }
            #expect(measured.errors.map(\.code) == ["measurement_survey_linked"])
            let typo = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.addMeasurement(v.ilse, outcome: linked, ValueMeasurementInput(value: "", measuredOn: "31-01-2026"))
            }
            #expect(Set(typo.errors.map(\.code)) == ["date_invalid", "field_required", "measurement_survey_linked"])
        }
    }
}
