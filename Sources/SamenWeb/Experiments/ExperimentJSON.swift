import Foundation
import SamenCore

/// Experiments and lessons as the API reads and writes them (snake_case keys).
enum ExperimentJSON {
    struct ExperimentOut: Encodable {
        let id, trajectoryId, title, belief, test, metric, criterion, observed, learned, measurements: String
        let interventionId, startsOn, endsOn, decision, activityId, surveyWaveId: String?
        let participantIds, storyIds: [String]
        let learningOverdue: Bool
        let version: Int
        init(_ e: Experiment, today: CalendarDate) {
            id = e.id; trajectoryId = e.trajectoryID; title = e.title; belief = e.belief; test = e.test; metric = e.metric
            criterion = e.criterion; observed = e.observed; learned = e.learned; measurements = e.measurements
            interventionId = e.interventionID; startsOn = e.startsOn; endsOn = e.endsOn; decision = e.decision?.rawValue
            activityId = e.activityID; surveyWaveId = e.surveyWaveID; participantIds = e.participantIDs; storyIds = e.storyIDs
            learningOverdue = ExperimentRules.isLearningOverdue(e, today: today); version = e.version
        }

        enum CodingKeys: String, CodingKey {
            case id, trajectoryId, title, belief, test, metric, criterion, observed, learned, measurements, interventionId, startsOn, endsOn
            case decision, activityId, surveyWaveId, participantIds, storyIds, learningOverdue, version
        }

        /// Absent links and dates are `null`, not left out.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(trajectoryId, forKey: .trajectoryId); try c.encode(title, forKey: .title)
            try c.encode(belief, forKey: .belief); try c.encode(test, forKey: .test); try c.encode(metric, forKey: .metric)
            try c.encode(criterion, forKey: .criterion); try c.encode(observed, forKey: .observed); try c.encode(learned, forKey: .learned)
            try c.encode(measurements, forKey: .measurements); try c.encode(interventionId, forKey: .interventionId)
            try c.encode(startsOn, forKey: .startsOn); try c.encode(endsOn, forKey: .endsOn); try c.encode(decision, forKey: .decision)
            try c.encode(activityId, forKey: .activityId); try c.encode(surveyWaveId, forKey: .surveyWaveId)
            try c.encode(participantIds, forKey: .participantIds); try c.encode(storyIds, forKey: .storyIds)
            try c.encode(learningOverdue, forKey: .learningOverdue); try c.encode(version, forKey: .version)
        }
    }

    /// A create or a change: absent keys keep what is stored; `null` clears a link, date or decision.
    struct ExperimentBody: Decodable {
        var title, belief, test, metric, criterion, observed, learned, measurements: String?
        var interventionId, startsOn, endsOn, decision, activityId, surveyWaveId: String??
        var participantIds, storyIds: [String]?

        enum CodingKeys: String, CodingKey {
            case title, belief, test, metric, criterion, observed, learned, measurements, interventionId, startsOn, endsOn, decision
            case activityId, surveyWaveId, participantIds, storyIds
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
            func nullable(_ key: CodingKeys) throws -> String?? { try c.nullableText(key) }
            title = try text(.title); belief = try text(.belief); test = try text(.test); metric = try text(.metric)
            criterion = try text(.criterion); observed = try text(.observed); learned = try text(.learned); measurements = try text(.measurements)
            interventionId = try nullable(.interventionId); startsOn = try nullable(.startsOn); endsOn = try nullable(.endsOn)
            decision = try nullable(.decision); activityId = try nullable(.activityId); surveyWaveId = try nullable(.surveyWaveId)
            participantIds = try c.decodeIfPresent([String].self, forKey: .participantIds)
            storyIds = try c.decodeIfPresent([String].self, forKey: .storyIds)
        }

        func merged(onto input: ExperimentInput) -> ExperimentInput {
            var out = input
            if let title { out.title = title }; if let belief { out.belief = belief }; if let test { out.test = test }
            if let metric { out.metric = metric }; if let criterion { out.criterion = criterion }; if let observed { out.observed = observed }
            if let learned { out.learned = learned }; if let measurements { out.measurements = measurements }
            if let interventionId { out.interventionID = interventionId ?? "" }; if let startsOn { out.startsOn = startsOn ?? "" }
            if let endsOn { out.endsOn = endsOn ?? "" }; if let decision { out.decision = decision ?? "" }
            if let activityId { out.activityID = activityId ?? "" }; if let surveyWaveId { out.surveyWaveID = surveyWaveId ?? "" }
            if let participantIds { out.participantIDs = participantIds }; if let storyIds { out.storyIDs = storyIds }
            return out
        }
    }

    struct LessonOut: Encodable {
        let id, trajectoryId, learnedOn, phase, kind, lesson, detail: String
        let version: Int
        init(_ l: Lesson) {
            id = l.id; trajectoryId = l.trajectoryID; learnedOn = l.learnedOn; phase = l.phase.rawValue; kind = l.kind.rawValue
            lesson = l.summary; detail = l.detail; version = l.version
        }
    }

    struct LessonBody: Decodable {
        var learnedOn, phase, kind, lesson, detail: String?
        func merged(onto input: LessonInput) -> LessonInput {
            var out = input
            if let learnedOn { out.learnedOn = learnedOn }; if let phase { out.phase = phase }; if let kind { out.kind = kind }
            if let lesson { out.summary = lesson }; if let detail { out.detail = detail }
            return out
        }
    }

    struct Named: Encodable {
        let id, title: String
    }

    /// What a story led to: the interventions resting on its passages and the experiments testing them or citing it.
    struct LedTo: Encodable {
        let storyId: String
        let interventions: [Named]
        let experiments: [Named]
    }
}
