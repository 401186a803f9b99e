import Foundation
import SamenAnalytics
import SamenCore
import SamenStore

/// What an outcome's indicator shows over time: the measurements typed by hand and, for an
/// indicator that reads a survey dimension's gap, one reading per wave of that survey,
/// computed now from the stored answers (so a new wave shows without anyone typing it).
/// Waves with fewer answers than the suppression threshold are left out.
struct ValueOutcomeReadings {
    let database: Database

    struct Reading: Sendable, Equatable {
        let value: Double
        let on: String
        let note: String
        /// The measurement by hand this reading is; nil for a survey wave.
        let measurementID: String?
        /// The wave's name and the number of people, for a survey reading.
        let wave: String?
        let n: Int?
    }

    /// The readings per outcome id, oldest first.
    func readings(organisationID: String, outcomes: [ValueOutcome], measurements: [ValueMeasurement]) async throws -> [String: [Reading]] {
        let service = SurveyService(database: database)
        var datasets: [String: SurveyDataset] = [:]
        var out: [String: [Reading]] = [:]
        for outcome in outcomes {
            var readings = measurements.filter { $0.outcomeID == outcome.id }.map {
                Reading(value: $0.value, on: $0.measuredOn, note: $0.note, measurementID: $0.id, wave: nil, n: nil)
            }
            if let surveyID = outcome.surveyID {
                if datasets[surveyID] == nil, let survey = try await service.surveys.survey(organisationID: organisationID, id: surveyID) {
                    // The analysis kept per app server (`SurveyAnalysisMemo`), as the survey's own pages use:
                    // analysing a large survey's every answer on each request made this page slow.
                    datasets[surveyID] = try await service.keptDataset(organisationID: organisationID, survey: survey).dataset
                }
                if let dataset = datasets[surveyID] { readings += Self.surveyReadings(dataset, dimension: outcome.dimension) }
            }
            out[outcome.id] = readings.sorted { ($0.on, $0.wave ?? "") < ($1.on, $1.wave ?? "") }
        }
        return out
    }

    /// One reading per wave: the mean gap on the dimension, dated at the wave's end (or start, or creation).
    static func surveyReadings(_ dataset: SurveyDataset, dimension: String) -> [Reading] {
        dataset.waves.compactMap { wave in
            guard let r = dataset.analysis.result(dimension: dimension, segment: SurveySegmentLevel(variable: "wave", level: wave.name)),
                  r.n >= surveySuppressionThreshold, let gap = r.gapMean else { return nil }
            let on = wave.endsOn ?? wave.startsOn ?? CalendarDate(unixTime: wave.createdAt).description
            return Reading(value: gap, on: on, note: "", measurementID: nil, wave: wave.name, n: r.n)
        }
    }
}
