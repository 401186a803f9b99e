import Foundation

/// What the team decides after a test (the learning card's "so we will …").
public enum ExperimentDecision: String, CaseIterable, Codable, Sendable {
    case persevere, pivot, stop
}

/// A small test of an idea (seed 002 tip 5, "test within days"; Strategyzer's test and
/// learning cards): what we believe and how we check it, and after the test what we saw,
/// what we learned and what we do now. Optionally tied to an intervention of the same
/// trajectory, to the activity where it ran, to participants (by code) and to evidence.
public struct Experiment: Sendable, Hashable, Codable, Versioned {
    public var id: String
    public var trajectoryID: String
    public var interventionID: String?
    public var title: String
    /// The test card: we believe that …, to verify we will …, we measure …, we are right if ….
    public var belief: String
    public var test: String
    public var metric: String
    public var criterion: String
    public var startsOn: String?
    public var endsOn: String?
    /// The learning card: we observed …, we learned …, and the decision.
    public var observed: String
    public var learned: String
    public var decision: ExperimentDecision?
    public var activityID: String?
    public var participantIDs: [String]
    public var storyIDs: [String]
    public var surveyWaveID: String?
    /// Measurements in the team's own words ("12 of 15 found the form in one go").
    public var measurements: String
    public var version: Int

    public init(id: String, trajectoryID: String, interventionID: String?, title: String, belief: String, test: String, metric: String,
                criterion: String, startsOn: String?, endsOn: String?, observed: String, learned: String, decision: ExperimentDecision?,
                activityID: String?, participantIDs: [String], storyIDs: [String], surveyWaveID: String?, measurements: String,
                version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.interventionID = interventionID
        self.title = title
        self.belief = belief
        self.test = test
        self.metric = metric
        self.criterion = criterion
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.observed = observed
        self.learned = learned
        self.decision = decision
        self.activityID = activityID
        self.participantIDs = participantIDs
        self.storyIDs = storyIDs
        self.surveyWaveID = surveyWaveID
        self.measurements = measurements
        self.version = version
    }

    /// All four lines of the test card are filled in.
    public var hasCompleteTestCard: Bool { ![belief, test, metric, criterion].contains { $0.trimmed.isEmpty } }

    /// A learning card is saved once it has its decision.
    public var hasLearningCard: Bool { decision != nil }
}

/// When an experiment's learning is overdue (domain.md §7: "an experiment without a
/// learning card some weeks after its end is flagged").
public enum ExperimentRules {
    /// The weeks after its planned end in which an experiment may still be without a learning card.
    public static let learningGraceWeeks = 3

    /// The last end date that is not yet overdue on `today`: an experiment that ended before it is flagged.
    public static func overdueBefore(today: CalendarDate) -> CalendarDate {
        CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 7 * learningGraceWeeks)
    }

    /// Ended more than `learningGraceWeeks` ago and still without a learning card.
    public static func isLearningOverdue(_ experiment: Experiment, today: CalendarDate) -> Bool {
        guard !experiment.hasLearningCard, let end = experiment.endsOn.flatMap(CalendarDate.init) else { return false }
        return end < overdueBefore(today: today)
    }
}

/// What a lesson in the learning log is about (seed 002 tip 3).
public enum LessonKind: String, CaseIterable, Codable, Sendable {
    case worked
    case didNotWork = "did_not_work"
    case tangibleResult = "tangible_result"
    case intangibleResult = "intangible_result"
}

/// A lesson about the co-creation process itself, dated and tied to a phase.
public struct Lesson: Sendable, Hashable, Codable, Versioned {
    public var id: String
    public var trajectoryID: String
    public var learnedOn: String
    public var phase: Phase
    public var kind: LessonKind
    public var summary: String
    public var detail: String
    public var version: Int

    public init(id: String, trajectoryID: String, learnedOn: String, phase: Phase, kind: LessonKind, summary: String, detail: String,
                version: Int = 1) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.learnedOn = learnedOn
        self.phase = phase
        self.kind = kind
        self.summary = summary
        self.detail = detail
        self.version = version
    }
}
