import Foundation

/// What a person types for an experiment; `validated` gives the record or every field error
/// at once. The links (intervention, activity, participants, stories, wave) are checked
/// against the trajectory by the store, in the write's transaction.
public struct ExperimentInput: Sendable, Equatable {
    public var title = "", belief = "", test = "", metric = "", criterion = "", startsOn = "", endsOn = ""
    public var observed = "", learned = "", decision = "", measurements = ""
    public var interventionID = "", activityID = "", surveyWaveID = ""
    public var participantIDs: [String] = [], storyIDs: [String] = []

    public init() {}

    public init(_ e: Experiment) {
        title = e.title; belief = e.belief; test = e.test; metric = e.metric; criterion = e.criterion
        startsOn = e.startsOn ?? ""; endsOn = e.endsOn ?? ""; observed = e.observed; learned = e.learned
        decision = e.decision?.rawValue ?? ""; measurements = e.measurements; interventionID = e.interventionID ?? ""
        activityID = e.activityID ?? ""; surveyWaveID = e.surveyWaveID ?? ""; participantIDs = e.participantIDs; storyIDs = e.storyIDs
    }

    /// A learning card is being written when any of its lines is.
    var writesLearningCard: Bool { ![observed, learned, decision].allSatisfy { $0.trimmed.isEmpty } }

    public func validated(trajectoryID: String, current: Experiment? = nil) throws -> Experiment {
        var errors = TrajectoryRules.required(title, field: "title", max: 200)
        for (field, value) in [("belief", belief), ("test", test), ("metric", metric), ("criterion", criterion), ("observed", observed),
                               ("learned", learned), ("measurements", measurements)] {
            errors += TrajectoryRules.optional(value, field: field, max: 4000)
        }
        errors += TrajectoryRules.date(startsOn.trimmed, field: "starts_on", required: false)
            + TrajectoryRules.date(endsOn.trimmed, field: "ends_on", required: false)
        if let start = CalendarDate(startsOn.trimmed), let end = CalendarDate(endsOn.trimmed), end < start {
            errors.append(SamenError("dates_out_of_order", kind: .conflict, field: "ends_on"))
        }
        let decision = ExperimentDecision(rawValue: decision.trimmed)
        if !self.decision.trimmed.isEmpty && decision == nil { errors.append(.validation("decision_invalid", field: "decision")) }
        let testCard = [belief, test, metric, criterion].map(\.trimmed)
        if writesLearningCard {
            // The learning card answers the test card: without all four lines there is nothing to answer.
            // Rules between fields, which no schema states: conflicts (409), like the other cross-field rules.
            if testCard.contains(where: \.isEmpty) { errors.append(SamenError("experiment_test_card_incomplete", kind: .conflict, field: "observed")) }
            if self.decision.trimmed.isEmpty { errors.append(SamenError("experiment_decision_required", kind: .conflict, field: "decision")) }
            if learned.trimmed.isEmpty { errors.append(SamenError("experiment_learned_required", kind: .conflict, field: "learned")) }
        }
        for (field, ids) in [("participant_ids", participantIDs), ("story_ids", storyIDs)] where ids.contains(where: { $0.trimmed.isEmpty }) {
            errors.append(.validation("link_invalid", field: field))
        }
        try ValidationErrors.check(errors)
        func optional(_ text: String) -> String? { text.trimmed.isEmpty ? nil : text.trimmed }
        return Experiment(id: current?.id ?? "", trajectoryID: trajectoryID, interventionID: optional(interventionID), title: title.trimmed,
                          belief: testCard[0], test: testCard[1], metric: testCard[2], criterion: testCard[3], startsOn: optional(startsOn),
                          endsOn: optional(endsOn), observed: observed.trimmed, learned: learned.trimmed, decision: decision,
                          activityID: optional(activityID), participantIDs: InterventionInput.unique(participantIDs).sorted(),
                          storyIDs: InterventionInput.unique(storyIDs).sorted(), surveyWaveID: optional(surveyWaveID),
                          measurements: measurements.trimmed, version: current?.version ?? 1)
    }
}

/// What a person types for a lesson in the learning log (the form and the API call `summary` "lesson").
public struct LessonInput: Sendable, Equatable {
    public var learnedOn = "", phase = "", kind = "", summary = "", detail = ""

    public init() {}

    public init(_ l: Lesson) {
        learnedOn = l.learnedOn; phase = l.phase.rawValue; kind = l.kind.rawValue; summary = l.summary; detail = l.detail
    }

    public func validated(trajectoryID: String, current: Lesson? = nil, today: CalendarDate) throws -> Lesson {
        var errors = TrajectoryRules.date(learnedOn.trimmed, field: "learned_on") + TrajectoryRules.required(summary, field: "lesson", max: 300)
            + TrajectoryRules.optional(detail, field: "detail", max: 4000)
        if let date = CalendarDate(learnedOn.trimmed), date > today { errors.append(SamenError("date_in_future", kind: .conflict, field: "learned_on")) }
        let phase = Phase(rawValue: phase)
        if phase == nil { errors.append(.validation("phase_invalid", field: "phase")) }
        let kind = LessonKind(rawValue: kind)
        if kind == nil { errors.append(.validation("lesson_kind_invalid", field: "kind")) }
        try ValidationErrors.check(errors)
        guard let phase, let kind else { throw ValidationErrors(errors) }
        return Lesson(id: current?.id ?? "", trajectoryID: trajectoryID, learnedOn: learnedOn.trimmed, phase: phase, kind: kind,
                      summary: summary.trimmed, detail: detail.trimmed, version: current?.version ?? 1)
    }
}
