import SamenCore
import SamenStore

/// What a survey's analysis depends on, for the per-process memos (`SurveyAnalysisMemo`,
/// `MeasuredGapMemo`): the survey (items, segments, version), its waves and a stamp of its
/// answers. A memo keeps one entry per `slot` (database and survey) and uses it only while
/// the whole key is equal.
struct SurveyMemoKey: Hashable {
    struct Slot: Hashable {
        let database: ObjectIdentifier
        let survey: String
    }

    let database: ObjectIdentifier
    let survey: Survey
    let waves: [SurveyWave]
    let answers: SurveyAnswerStamp

    var slot: Slot { Slot(database: database, survey: survey.id) }
}
