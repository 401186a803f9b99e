import Foundation
import SamenCore
@testable import SamenWeb
import Testing

/// Guards on the words themselves: counts take the noun in the right form ("1 stelling",
/// "2 stellingen"), every word in the locale files is used somewhere, and numbers in a
/// published report follow the page's language.
@Suite("Wording guards")
struct WordingGuardTests {
    static var translations: Translations { GuardTests.translations }

    /// The plural nouns the `count_<noun>_other` entries define ("stellingen", "participants").
    static func pluralNouns(_ table: [String: String]) -> [String] {
        table.filter { $0.key.hasPrefix("count_") && $0.key.hasSuffix("_other") }
            .compactMap { $0.value.firstMatch(of: /\{count\} (\S+)/).map { String($0.output.1) } }
    }

    @Test("no message puts a number before a fixed plural ('{n} stellingen'), nor writes 'fout(en)'; counts go through Translations.count")
    func pluralsComeFromCounts() {
        for locale in AppLocale.allCases {
            let table = Self.translations.table(locale)
            let nouns = Self.pluralNouns(table)
            #expect(nouns.count >= 6, "the count_* nouns are found (\(nouns))")
            var wrong: [String] = []
            for (key, value) in table {
                // A `_other` form next to its `_one` form is the counted noun itself.
                if key.hasSuffix("_other"), table[String(key.dropLast("_other".count)) + "_one"] != nil { continue }
                let fixed = nouns.contains { value.contains("} " + $0) }
                let bracketed = value.contains(/\p{L}\((en|s)\)/)
                if fixed || bracketed { wrong.append(key) }
            }
            #expect(wrong.sorted() == [], "\(locale.rawValue): counts with a fixed plural: \(wrong.sorted())")
        }
    }

    @Test("a count message reads right for 1 and for 2 in both languages")
    func countForms() {
        let t = Self.translations
        #expect(t.count("count_statements", 1, .nl) == "1 stelling" && t.count("count_statements", 2, .nl) == "2 stellingen")
        #expect(t.count("count_errors", 1, .nl) == "1 fout" && t.count("count_errors", 1_234, .nl) == "1.234 fouten")
        #expect(t.count("count_votes", 1, .en) == "1 vote" && t.count("count_votes", 1_234, .en) == "1,234 votes")
        #expect(t.count("results_crowded_count", 1, .nl).hasPrefix("1 deelnemer kwam "))
        #expect(t.count("results_crowded_count", 3, .en).hasPrefix("3 participants came "))
        let nl = { t.count($0, $1, .nl) }, en = { t.count($0, $1, .en) }
        #expect(BackupRoutes.interval(86_400, nl) == "1 dag" && BackupRoutes.interval(2 * 86_400, nl) == "2 dagen")
        #expect(BackupRoutes.interval(3_600, en) == "1 hour" && BackupRoutes.interval(6 * 3_600, en) == "6 hours")
    }

    /// Key prefixes the code completes at run time (`"audit_kind_" + kind`, `"error_" + code`, …),
    /// so their keys never appear whole in the sources. Each prefix must itself be written in the
    /// Swift sources as a string literal, so an entry here goes stale (and fails) when the code
    /// stops building keys that way.
    static let builtPrefixes = [
        "activity_kind_", "analysis_audience_", "audit_action_", "audit_kind_", "backup_interval_", "backup_outcome_",
        "beneficiary_", "capability_kind_", "capability_level_", "challenge_", "channel_", "consent_",
        "conversation_participation_", "decision_", "decision_kind_", "dimension_", "direction_", "effort_",
        // error_<code> for every SamenError code, error_title_<status>; the "every error code has a message" guard checks the other way.
        "error_", "error_title_", "export_",
        // field_/hint_<name> for every form field, named by the form's field list.
        "field_", "hint_", "group_", "horizon_chart_", "horizon_span_", "indicator_direction_", "intervention_status_",
        "ipa_crosshair_", "ipa_diagonal_", "ipa_quadrant_", "journey_kind_", "lesson_kind_", "maturity_level_", "notice_",
        "open_data_part_", "phase_", "phase_status_", "polarity_", "polis_import_reason_", "public_survey_", "report_scope_",
        "robustness_", "segment_", "settings_address_", "sroi_problem_", "sroi_strength_", "sroi_warning_", "statement_state_", "story_source_", "survey_csv_",
        "value_cause_", "value_creator_", "value_moment_", "value_type_", "variable_",
    ]

    /// The text of every Swift file and template under Sources (the locale files left out).
    static func sourceTexts() throws -> (swift: String, all: String) {
        var swift = "", all = ""
        let files = FileManager.default.enumerator(at: GuardTests.sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where ["swift", "mustache"].contains(file.pathExtension) {
            let text = try String(contentsOf: file, encoding: .utf8)
            all += text + "\n"
            if file.pathExtension == "swift" { swift += text + "\n" }
        }
        return (swift, all)
    }

    @Test("every key in the locale files is used in the sources, whole or through a prefix the code builds on")
    func everyKeyIsUsed() throws {
        let (swift, all) = try Self.sourceTexts()
        let words = Set(all.matches(of: /[A-Za-z0-9_-]+/).map { String($0.output) })
        let stalePrefixes = Self.builtPrefixes.filter { !swift.contains("\"" + $0) }
        #expect(stalePrefixes == [], "prefixes no Swift source builds keys from any more")
        let keys = Set(Self.translations.table(.nl).keys)
        let unused = keys.filter { key in
            // `<key>_je` is the informal variant of `<key>` (`Translations`), used where `<key>` is.
            let counted = key.replacing(/_je$/, with: "").replacing(/_(one|other)$/, with: "")
            return !words.contains(key) && !words.contains(counted) && !Self.builtPrefixes.contains { key.hasPrefix($0) }
        }
        #expect(keys.count > 1_000)
        #expect(unused.sorted() == [], "keys no source uses")
    }

    static func report(gap: Double, change: Double) -> PublishedReport {
        let snapshot = TrajectoryReportSnapshot(
            scope: "final", trajectoryTitle: "T", service: "S", goal: "G", generatedOn: "2026-01-01", heard: [], said: [],
            measured: [.init(survey: "Meting", dimension: "clarity", wave: "1", n: 40, gap: gap, change: change)],
            conversations: [], done: [], extra: [])
        return PublishedReport(id: "r", trajectoryID: "t", number: 1, title: "Verslag", snapshot: snapshot, publishedAt: 0,
                               publishedBy: "Ilse", publicToken: nil, withdrawnAt: nil, version: 1)
    }

    @Test("a report's numbers follow the page's language: 1.234,50 in Dutch, 1,234.50 in English, never -0,00")
    func reportNumbers() {
        let report = Self.report(gap: 1_234.5, change: -0.001)
        let dutch = TrajectoryReportRoutes.view(report, .nl, word: { $0 }).measured[0]
        #expect(dutch.gap == "1.234,50" && dutch.change == "0,00", "\(dutch.gap) \(dutch.change)")
        let english = TrajectoryReportRoutes.view(report, .en, word: { $0 }).measured[0]
        #expect(english.gap == "1,234.50" && english.change == "0.00", "\(english.gap) \(english.change)")
        let small = TrajectoryReportRoutes.view(Self.report(gap: 0.95, change: 0.5), .nl, word: { $0 }).measured[0]
        #expect(small.gap == "0,95" && small.change == "+0,50")
    }
}
