import Foundation
import SamenCore
import SamenStore

/// A survey's analysis, kept in this process while nothing it comes from changes (issue 16:
/// the analysis page and `…/analysis` in the API read and analysed every answer on every
/// request). Keyed like `MeasuredGapMemo`: the survey (items, segments, version), its waves
/// and a stamp of its answers (count, first and last time, one indexed aggregate), so a
/// changed survey, wave or answer set is analysed afresh on the next request. The API's
/// report is kept with it per request parameters. Each app server keeps its own, at most
/// `capacity` surveys per database (the least recently used goes first).
final class SurveyAnalysisMemo: @unchecked Sendable {
    typealias Key = SurveyMemoKey

    private struct Entry {
        let key: Key
        let dataset: SurveyDataset
        var reports: [String: Data]
        var used: Int
    }

    static let shared = SurveyAnalysisMemo()
    static let capacity = 16

    private let lock = NSLock()
    private var entries: [SurveyMemoKey.Slot: Entry] = [:]
    private var clock = 0
    private var analysed: [ObjectIdentifier: Int] = [:]

    func dataset(_ key: Key) -> SurveyDataset? {
        lock.withLock {
            guard var entry = entries[key.slot], entry.key == key else { return nil }
            clock += 1
            entry.used = clock
            entries[key.slot] = entry
            return entry.dataset
        }
    }

    func keep(_ dataset: SurveyDataset, for key: Key) {
        lock.withLock {
            clock += 1
            entries[key.slot] = Entry(key: key, dataset: dataset, reports: [:], used: clock)
            analysed[key.database, default: 0] += 1
            // Counted per database: an app server has one, and tests that run side by side, each on
            // its own, no longer push each other's analyses out (which made their counts flaky).
            let mine = entries.filter { $0.key.database == key.database }
            if mine.count > Self.capacity, let oldest = mine.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
            }
        }
    }

    /// The API report for these parameters, when it was made from the dataset this key names.
    func report(_ key: Key, parameters: String) -> Data? {
        lock.withLock { entries[key.slot].flatMap { $0.key == key ? $0.reports[parameters] : nil } }
    }

    func keep(report: Data, for key: Key, parameters: String) {
        lock.withLock {
            guard entries[key.slot]?.key == key else { return }
            entries[key.slot]?.reports[parameters] = report
        }
    }

    /// How many times a survey of this database was analysed (not found kept).
    func analyses(_ database: Database) -> Int {
        lock.withLock { analysed[ObjectIdentifier(database)] ?? 0 }
    }
}

extension SurveyService {
    /// `dataset`, kept per app server: two small reads (the waves and the answer stamp) tell
    /// whether the kept one is current. They are read before the answers, so an answer that
    /// arrives in between only makes the next request analyse again.
    func keptDataset(organisationID: String, survey: Survey) async throws -> (dataset: SurveyDataset, key: SurveyAnalysisMemo.Key) {
        let key = SurveyAnalysisMemo.Key(
            database: ObjectIdentifier(database), survey: survey,
            waves: try await responses.waves(organisationID: organisationID, surveyID: survey.id),
            answers: try await responses.answerStamp(organisationID: organisationID, surveyID: survey.id))
        if let kept = SurveyAnalysisMemo.shared.dataset(key) { return (kept, key) }
        let dataset = try await dataset(organisationID: organisationID, survey: survey)
        SurveyAnalysisMemo.shared.keep(dataset, for: key)
        return (dataset, key)
    }
}
