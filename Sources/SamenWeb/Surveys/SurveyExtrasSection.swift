import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore

/// The analysis page's further sections: the related scores (NPS, CES, report mark) and
/// weighting to population margins (post-stratification on one variable, raking on
/// several) with Kish's effective sample size. Weighted figures are point estimates; the
/// tests and intervals above stay unweighted.
struct SurveyExtrasSection {
    struct Score {
        let label: String
        let n: Int
        let value: String
        let hidden: Bool
    }

    struct ShareField {
        let name: String
        let label: String
        let value: String
    }

    struct Margin {
        let legend: String
        let fields: [ShareField]
    }

    struct WeightedRow {
        let label: String
        let n: Int
        let effective: String
        let need: String
        let experience: String
        let gap: String
        let hidden: Bool
    }

    let hasScores: Bool
    let scores: [Score]
    let canWeight: Bool
    let margins: [Margin]
    let weighted: [WeightedRow]
    let hasWeighted: Bool
    let weightError: String?
    let weightNote: String
    let hiddenFields: [ShareField]

    init(page: SurveyAnalysisPage, query: [String: String]) {
        let dataset = page.dataset
        let survey = dataset.survey
        var scores: [Score] = []
        func share(_ values: [Int], _ test: (Int) -> Bool) -> Double { Double(values.filter(test).count) / Double(max(values.count, 1)) }
        if survey.asksNPS {
            let given = dataset.nps.compactMap { $0 }
            let nps = (share(given) { $0 >= 9 } - share(given) { $0 <= 6 }) * 100
            scores.append(Score(label: page.t("survey_nps"), n: given.count, value: given.isEmpty ? "–" : page.format(nps, 0),
                                hidden: page.isPublic && given.count < surveySuppressionThreshold))
        }
        for (asked, values, key) in [(survey.asksCES, dataset.ces, "survey_ces"), (survey.asksMark, dataset.mark, "survey_mark")] where asked {
            let given = values.compactMap { $0 }
            let mean = given.isEmpty ? nil : Double(given.reduce(0, +)) / Double(given.count)
            scores.append(Score(label: page.t(key), n: given.count, value: page.format(mean, 1),
                                hidden: page.isPublic && given.count < surveySuppressionThreshold))
        }
        self.hasScores = !scores.isEmpty
        self.scores = scores
        // Margins: one fieldset per asked segment question; shares in percent.
        let variables = survey.askedSegments
        self.canWeight = !variables.isEmpty && dataset.responses.respondentCount > 0
        self.margins = variables.map { question in
            Margin(legend: page.t("segment_" + question.question.rawValue), fields: question.levels.enumerated().map { index, level in
                let name = "share_\(question.question.rawValue)_\(index)"
                return ShareField(name: name, label: "\(level) (%)", value: query[name] ?? "")
            })
        }
        self.hiddenFields = ["crosshair", "segment", "audience", "from_wave", "to_wave"].compactMap { name in
            query[name].map { ShareField(name: name, label: "", value: $0) }
        }
        var margins: [PopulationMargin] = []
        var problem: String?
        for question in variables {
            let values = question.levels.indices.map { query["share_\(question.question.rawValue)_\($0)"]?.trimmingCharacters(in: .whitespaces) ?? "" }
            guard values.contains(where: { !$0.isEmpty }), let variable = dataset.responses.segment(named: question.question.rawValue) else { continue }
            var shares: [String: Double] = [:]
            for (index, text) in values.enumerated() where !text.isEmpty {
                guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0 else {
                    problem = page.t("analysis_weight_invalid")
                    continue
                }
                shares[question.levels[index]] = value
            }
            margins.append(PopulationMargin(variable: variable, shares: shares))
        }
        var rows: [WeightedRow] = []
        var note = ""
        if problem == nil && !margins.isEmpty {
            do {
                let weights: [Double]
                if margins.count == 1 {
                    weights = try SurveyWeighting.postStratificationWeights(margins[0])
                    note = page.t("analysis_weight_post")
                } else {
                    let raking = try SurveyWeighting.rakingWeights(margins)
                    weights = raking.weights
                    note = page.t(raking.converged ? "analysis_weight_raking" : "analysis_weight_not_converged")
                }
                note += " " + page.t("analysis_weight_kish") + " "
                    + page.format(SurveyWeighting.kishEffectiveSampleSize(weights), 0) + " / \(dataset.responses.respondentCount)."
                rows = try WeightedGapSummary.summaries(dataset.responses, weights: weights, segmentVariables: []).map {
                    WeightedRow(label: page.name($0.dimension), n: $0.n, effective: page.format($0.effectiveSampleSize, 0),
                                need: page.format($0.needMean), experience: page.format($0.experienceMean), gap: page.format($0.gapMean),
                                hidden: page.isPublic && $0.isSuppressed)
                }
            } catch {
                problem = Self.describe(error, page)
            }
        }
        self.weighted = rows
        self.hasWeighted = !rows.isEmpty
        self.weightError = problem
        self.weightNote = note
    }

    static func describe(_ error: SurveyWeightingError, _ page: SurveyAnalysisPage) -> String {
        switch error {
        case .invalidShares: page.t("analysis_weight_invalid")
        case .missingShare(_, let level): page.t("analysis_weight_missing") + " " + level
        case .emptyStratum(_, let level): page.t("analysis_weight_empty") + " " + level
        case .lengthMismatch: page.t("analysis_weight_invalid")
        }
    }
}
