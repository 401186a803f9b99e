import Foundation
import SamenCore

/// The value register's records as the API reads and writes them (snake_case keys).
enum ValueJSON {
    struct RecordJSON: Encodable {
        let id, trajectoryId, beneficiary, valueType, polarity, moment, creator, description, cause, touchpoint, evidenceNote: String
        let highlightId: String?
        let version: Int
        init(_ r: ValueRecord) {
            id = r.id; trajectoryId = r.trajectoryID; beneficiary = r.beneficiary.rawValue; valueType = r.valueType.rawValue
            polarity = r.polarity.rawValue; moment = r.moment.rawValue; creator = r.creator.rawValue; description = r.description
            cause = r.cause.rawValue; touchpoint = r.touchpoint; evidenceNote = r.evidenceNote; highlightId = r.highlightID
            version = r.version
        }
    }

    /// Any subset of the fields; the rest keep their value. `highlight_id: null` removes the link.
    struct RecordBody: Decodable {
        var beneficiary, valueType, polarity, moment, creator, description, cause, touchpoint, evidenceNote: String?
        var highlightId: String??

        enum CodingKeys: String, CodingKey {
            case beneficiary, valueType, polarity, moment, creator, description, cause, touchpoint, evidenceNote, highlightId
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
            beneficiary = try text(.beneficiary); valueType = try text(.valueType); polarity = try text(.polarity)
            moment = try text(.moment); creator = try text(.creator); description = try text(.description)
            cause = try text(.cause); touchpoint = try text(.touchpoint); evidenceNote = try text(.evidenceNote)
            highlightId = try c.nullableText(.highlightId)
        }

        func merged(onto input: ValueRecordInput) -> ValueRecordInput {
            var out = input
            if let beneficiary { out.beneficiary = beneficiary }; if let valueType { out.valueType = valueType }
            if let polarity { out.polarity = polarity }; if let moment { out.moment = moment }; if let creator { out.creator = creator }
            if let description { out.description = description }; if let cause { out.cause = cause }
            if let touchpoint { out.touchpoint = touchpoint }; if let evidenceNote { out.evidenceNote = evidenceNote }
            if let highlightId { out.highlightID = highlightId ?? "" }
            return out
        }
    }
}

extension ValueJSON {
    struct ReadingJSON: Encodable {
        let value: Double
        let on, note, source: String
        let measurementId, wave: String?
        let n: Int?
        init(_ r: ValueOutcomeReadings.Reading) {
            value = r.value; on = r.on; note = r.note; source = r.measurementID == nil ? "survey" : "manual"
            measurementId = r.measurementID; wave = r.wave; n = r.n
        }
    }

    struct OutcomeJSON: Encodable {
        let id, trajectoryId, interventionId, outcome, indicator, unit, direction, baselineOn, dimension: String
        let baselineValue: Double?
        let surveyId: String?
        let readsSurvey: Bool
        let readings: [ReadingJSON]
        let version: Int
        init(_ o: ValueOutcome, readings: [ValueOutcomeReadings.Reading]) {
            id = o.id; trajectoryId = o.trajectoryID; interventionId = o.interventionID; outcome = o.outcome; indicator = o.indicator
            unit = o.unit; direction = o.direction.rawValue; baselineOn = o.baselineOn; dimension = o.dimension
            baselineValue = o.baselineValue; surveyId = o.surveyID; readsSurvey = o.readsSurvey
            self.readings = readings.map(ReadingJSON.init); version = o.version
        }

        enum CodingKeys: String, CodingKey {
            case id, trajectoryId, interventionId, outcome, indicator, unit, direction, baselineOn, dimension, baselineValue, surveyId
            case readsSurvey, readings, version
        }

        /// Nulls are written out (`baseline_value: null`), as the schema requires the keys.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(trajectoryId, forKey: .trajectoryId); try c.encode(interventionId, forKey: .interventionId)
            try c.encode(outcome, forKey: .outcome); try c.encode(indicator, forKey: .indicator); try c.encode(unit, forKey: .unit)
            try c.encode(direction, forKey: .direction); try c.encode(baselineOn, forKey: .baselineOn); try c.encode(dimension, forKey: .dimension)
            try c.encode(baselineValue, forKey: .baselineValue); try c.encode(surveyId, forKey: .surveyId)
            try c.encode(readsSurvey, forKey: .readsSurvey); try c.encode(readings, forKey: .readings); try c.encode(version, forKey: .version)
        }
    }

    /// Any subset of the fields; `null` clears the baseline value or the survey link.
    struct OutcomeBody: Decodable {
        var interventionId, outcome, indicator, unit, direction, dimension: String?
        var baselineValue: Double??
        var baselineOn: String??
        var surveyId: String??

        enum CodingKeys: String, CodingKey {
            case interventionId, outcome, indicator, unit, direction, baselineOn, dimension, baselineValue, surveyId
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
            interventionId = try text(.interventionId); outcome = try text(.outcome); indicator = try text(.indicator)
            unit = try text(.unit); direction = try text(.direction); dimension = try text(.dimension)
            baselineOn = try c.nullableText(.baselineOn)
            baselineValue = c.contains(.baselineValue)
                ? .some(try c.decodeNil(forKey: .baselineValue) ? nil : try c.decode(Double.self, forKey: .baselineValue)) : .none
            surveyId = try c.nullableText(.surveyId)
        }

        func merged(onto input: ValueOutcomeInput) -> ValueOutcomeInput {
            var out = input
            if let interventionId { out.interventionID = interventionId }; if let outcome { out.outcome = outcome }
            if let indicator { out.indicator = indicator }; if let unit { out.unit = unit }; if let direction { out.direction = direction }
            if let baselineOn { out.baselineOn = baselineOn ?? "" }; if let dimension { out.dimension = dimension }
            if let baselineValue { out.baselineValue = baselineValue.map(ValueOutcomeInput.text) ?? "" }
            if let surveyId { out.surveyID = surveyId ?? "" }
            return out
        }
    }

    struct MeasurementJSON: Encodable {
        let id, outcomeId, measuredOn, note: String
        let value: Double
        let version: Int
        init(_ m: ValueMeasurement) {
            id = m.id; outcomeId = m.outcomeID; measuredOn = m.measuredOn; note = m.note; value = m.value; version = m.version
        }
    }

    struct MeasurementBody: Decodable {
        var value: Double?
        var measuredOn, note: String?
        func merged(onto input: ValueMeasurementInput) -> ValueMeasurementInput {
            var out = input
            if let value { out.value = ValueOutcomeInput.text(value) }
            if let measuredOn { out.measuredOn = measuredOn }; if let note { out.note = note }
            return out
        }
    }
}
