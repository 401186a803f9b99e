import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The end of an intervention's page: for an implemented or evaluated intervention, the change
/// of the citizens' gap on its dimensions between the latest survey wave before and the first
/// after its implementation (Welch's difference and interval from the survey analysis), and the
/// intervention's experiments with their learning.
struct InterventionEffectSection {
    let t: TrajectoryContext

    struct EffectRow {
        let dimension: String
        let before: String
        let after: String
        let change: String
        let direction: String
    }

    struct ExperimentRow {
        let row: ExperimentRoutes.Row
        let learned: String?
    }

    struct View {
        let applies: Bool
        let implementedOn: String
        let message: String?
        let fromWave: String
        let toWave: String
        let rows: [EffectRow]
        let hasRows: Bool
        let experiments: [ExperimentRow]
        let hasExperiments: Bool
        let experimentsLink: String
    }

    func view(_ m: Membership, _ tr: Trajectory, _ i: Intervention, _ context: AppRequestContext) async throws -> View {
        let org = m.organisation.id, slug = m.organisation.slug
        let today = ExperimentWrites.today()
        let experiments = try await ExperimentStore(database: t.services.database).experiments(organisationID: org, interventionID: i.id)
            .filter { $0.trajectoryID == tr.id }
            .map { ExperimentRow(row: ExperimentRoutes.row(t, $0, slug: slug, interventions: [:], today: today, context), learned: $0.learned.isEmpty ? nil : $0.learned) }
        var view = View(applies: false, implementedOn: "", message: nil, fromWave: "", toWave: "", rows: [], hasRows: false, experiments: experiments,
                        hasExperiments: !experiments.isEmpty, experimentsLink: ExperimentPath.experiments.link(slug, tr.id))
        guard [.implemented, .evaluated].contains(i.status),
              let on = InterventionEffectRules.implementedOn(try await PortfolioStore(database: t.services.database).history(organisationID: org,
                                                                                                                              interventionID: i.id))
        else { return view }
        let (message, from, to, rows) = try await effect(m, tr, i, on: on, context)
        view = View(applies: true, implementedOn: on.description, message: message.map { t.word($0, context) }, fromWave: from, toWave: to,
                    rows: rows, hasRows: !rows.isEmpty, experiments: experiments, hasExperiments: !experiments.isEmpty,
                    experimentsLink: view.experimentsLink)
        return view
    }

    /// The first survey of the trajectory with waves on both sides decides; otherwise the message says what is missing.
    func effect(_ m: Membership, _ tr: Trajectory, _ i: Intervention, on: CalendarDate,
                _ context: AppRequestContext) async throws -> (String?, String, String, [EffectRow]) {
        let service = SurveyService(database: t.services.database)
        var missing = "effect_no_survey"
        let number = { (value: Double) in context.numbers.decimal(value) }
        for survey in try await service.surveys.surveys(organisationID: m.organisation.id) where survey.trajectoryID == tr.id {
            let dataset = try await service.keptDataset(organisationID: m.organisation.id, survey: survey).dataset
            let around = InterventionEffectRules.waves(dataset.waves, around: on)
            guard let before = around.before, let after = around.after else {
                if !dataset.waves.isEmpty { missing = around.before == nil ? (around.after == nil ? "effect_no_waves" : "effect_no_wave_before") : "effect_no_wave_after" }
                continue
            }
            func gap(_ r: SurveyGapResult?) -> String {
                guard let r, r.n >= surveySuppressionThreshold, let g = r.gapMean else { return t.word("effect_too_few", context) }
                let ci = r.gapConfidenceInterval.map { " [" + number($0.low) + "; " + number($0.high) + "]" } ?? ""
                return number(g) + ci + " (n = \(r.n))"
            }
            let rows = i.dimensions.map { code in
                let from = dataset.analysis.result(dimension: code, segment: SurveySegmentLevel(variable: "wave", level: before.name))
                let to = dataset.analysis.result(dimension: code, segment: SurveySegmentLevel(variable: "wave", level: after.name))
                var change = "–", direction = "–"
                if let from, let to, min(from.n, to.n) >= surveySuppressionThreshold {
                    let d = WaveGapDifference(from: from, to: to, confidenceLevel: dataset.analysis.confidenceLevel)
                    if let diff = d.difference {
                        change = number(diff) + (d.confidenceInterval.map { " [" + number($0.low) + "; " + number($0.high) + "]" } ?? "")
                        direction = t.word(diff < 0 ? "analysis_gap_fell" : diff > 0 ? "analysis_gap_grew" : "analysis_gap_same", context)
                    }
                }
                return EffectRow(dimension: t.word("dimension_" + code, context), before: gap(from), after: gap(to), change: change, direction: direction)
            }
            return (nil, before.name, after.name, rows)
        }
        return (missing, "", "", [])
    }
}
