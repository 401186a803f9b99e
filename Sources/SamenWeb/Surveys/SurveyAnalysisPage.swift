import Foundation
import SamenAnalytics
import SamenCore

/// Turns a dataset into the analysis page's tables and charts.
struct SurveyAnalysisPage {
    typealias Routes = SurveyAnalysisRoutes
    let renderer: Renderer
    let context: AppRequestContext
    let dataset: SurveyDataset
    let set: DimensionSet?
    let isPublic: Bool

    func t(_ key: String) -> String { renderer.text(key, context) }

    func name(_ code: String) -> String {
        set?.dimensions.first { $0.code == code }?.name(context.locale) ?? code
    }

    /// Numbers in the page's language (the shared `NumberFormat`).
    func format(_ value: Double?, _ digits: Int = 2) -> String { context.numbers.decimal(value, digits: digits) }

    func pValue(_ value: Double?) -> String { context.numbers.pValue(value) }

    func row(_ result: SurveyGapResult, label: String) -> Routes.Row {
        let hidden = isPublic && result.isSuppressed
        let ci = result.gapConfidenceInterval.map { "[\(format($0.low)); \(format($0.high))]" } ?? "–"
        return Routes.Row(
            label: label, n: result.n, small: result.isSuppressed, hidden: hidden,
            need: format(result.needMean), experience: format(result.experienceMean), gap: format(result.gapMean), ci: ci,
            tP: pValue(result.tPValue), wilcoxonP: pValue(result.wilcoxonPValue), dz: format(result.cohensDz),
            alphaNeed: format(result.alphaNeed.value), alphaExperience: format(result.alphaExperience.value))
    }

    func chartRows(_ results: [(SurveyGapResult, String)]) -> [SurveyCharts.GapRow] {
        results.compactMap { result, label in
            guard let gap = result.gapMean, !(isPublic && result.isSuppressed) else { return nil }
            return SurveyCharts.GapRow(label: label, gap: gap, low: result.gapConfidenceInterval?.low,
                                       high: result.gapConfidenceInterval?.high, n: result.n)
        }
    }

    func describe(_ rows: [SurveyCharts.GapRow]) -> String {
        rows.map { "\($0.label): \(format($0.gap)) (n = \($0.n))" }.joined(separator: "; ")
    }

    /// The gap change per dimension between the compared waves, with the direction in words.
    func differenceRows(_ comparison: SurveyWaveComparison?) -> [Routes.DifferenceRow] {
        guard let comparison,
              let compared = dataset.analysis.waveDifferences(waveVariable: "wave", from: comparison.from.name,
                                                              to: comparison.to.name) else { return [] }
        return compared.map {
            let direction = $0.difference.map { $0 < 0 ? "analysis_gap_fell" : $0 > 0 ? "analysis_gap_grew" : "analysis_gap_same" }
            return Routes.DifferenceRow(label: name($0.dimension), difference: format($0.difference),
                                        ci: $0.confidenceInterval.map { "[\(format($0.low)); \(format($0.high))]" } ?? "–",
                                        p: pValue($0.pValue), direction: direction.map(t) ?? "–",
                                        hidden: isPublic && $0.isSuppressed)
        }
    }

    /// The wave choices of the comparison form, in time order.
    func waveOptions(selected id: String?) -> [Option] {
        dataset.waves.map { Option(value: $0.id, label: $0.name, selected: $0.id == id) }
    }

    func body(crosshair: ImportancePerformanceCrosshair, segment: String?, comparison: SurveyWaveComparison?,
              formPath: String, backPath: String,
              options: (crosshairs: [Option], segments: [Option], audiences: [Option])) -> Routes.Body {
        let analysis = dataset.analysis
        let overall = analysis.overallResults.map { ($0, name($0.dimension)) }
        let gapRows = chartRows(overall)
        let gapChart = SurveyCharts.gapChart(
            id: "gap", title: t("analysis_gap_chart"), description: t("analysis_gap_chart_desc") + " " + describe(gapRows),
            rows: gapRows, axisLabel: t("analysis_gap_axis"))
        // Importance-performance: overall results, suppressed cells left out outside the team.
        let plotted = analysis.overallResults.filter { !(isPublic && $0.isSuppressed) }
        let ipa = ImportancePerformanceAnalysis(results: plotted, scale: dataset.responses.scale, crosshair: crosshair)
        let crosshairNote = t("ipa_crosshair_" + crosshair.rawValue) + ": " + t("analysis_need") + " "
            + format(ipa.crosshairNeed) + ", " + t("analysis_experience") + " " + format(ipa.crosshairExperience)
        let quadrantNames = ["concentrate-here", "keep-up", "low-priority", "possible-overkill"].map { t("ipa_quadrant_" + $0) }
        let ipaChart = SurveyCharts.importancePerformance(
            id: "ipa", title: t("analysis_ipa_chart"),
            description: t("analysis_ipa_chart_desc") + " " + crosshairNote + ". "
                + ipa.points.map { "\(name($0.dimension)): \(t("ipa_quadrant_" + $0.quadrant.rawValue))" }.joined(separator: "; "),
            points: ipa.points.map { SurveyCharts.Point(label: name($0.dimension), need: $0.need, experience: $0.experience) },
            scaleMin: dataset.responses.scale.minimum, scaleMax: dataset.responses.scale.maximum,
            crosshairNeed: ipa.crosshairNeed, crosshairExperience: ipa.crosshairExperience, crosshairLabel: crosshairNote,
            quadrants: quadrantNames, axisNeed: t("analysis_need_axis"), axisExperience: t("analysis_experience_axis"))
        let quadrants = ipa.points.map {
            Routes.QuadrantRow(label: name($0.dimension), need: format($0.need), experience: format($0.experience),
                               quadrant: t("ipa_quadrant_" + $0.quadrant.rawValue), diagonal: t("ipa_diagonal_" + $0.diagonalSide.rawValue))
        }
        let segmentResults = segment.map { variable in
            analysis.results.filter { $0.segment?.variable == variable }.map { ($0, "\(name($0.dimension)) · \($0.segment!.level)") }
        } ?? []
        let segmentRows = chartRows(segmentResults)
        let segmentTitle = t("analysis_segment_chart") + " " + (segment.map { t("segment_" + $0) } ?? "")
        let waveResults = analysis.results.filter { $0.segment?.variable == "wave" }
            .map { ($0, "\(name($0.dimension)) · \($0.segment!.level)") }
        let waveRows = chartRows(waveResults)
        let differences = differenceRows(comparison)
        return Routes.Body(
            title: dataset.survey.title, respondents: dataset.responses.respondentCount,
            setName: set.map { "\($0.name), v\(dataset.survey.dimensionSetVersion)" } ?? dataset.survey.dimensionSetID,
            isPublic: isPublic, crosshairs: options.crosshairs, segmentOptions: options.segments, audiences: options.audiences,
            formPath: formPath, backPath: backPath, hasData: dataset.responses.respondentCount > 0,
            gapChart: gapChart, overall: overall.map { row($0.0, label: $0.1) },
            ipaChart: ipaChart, crosshairNote: crosshairNote, quadrants: quadrants,
            hasSegment: !segmentResults.isEmpty, segmentTitle: segmentTitle,
            segmentChart: SurveyCharts.gapChart(id: "segment", title: segmentTitle,
                                                description: t("analysis_gap_chart_desc") + " " + describe(segmentRows),
                                                rows: segmentRows, axisLabel: t("analysis_gap_axis")),
            segmentRows: segmentResults.map { row($0.0, label: $0.1) },
            hasWaves: !waveResults.isEmpty, waveTitle: t("analysis_wave_chart"),
            waveChart: SurveyCharts.gapChart(id: "wave", title: t("analysis_wave_chart"),
                                             description: t("analysis_gap_chart_desc") + " " + describe(waveRows),
                                             rows: waveRows, axisLabel: t("analysis_gap_axis")),
            waveRows: waveResults.map { row($0.0, label: $0.1) },
            canCompare: dataset.waves.count >= 2,
            fromWaves: waveOptions(selected: comparison?.from.id), toWaves: waveOptions(selected: comparison?.to.id),
            differenceCaption: comparison.map {
                t("analysis_wave_difference").replacingOccurrences(of: "{from}", with: $0.from.name)
                    .replacingOccurrences(of: "{to}", with: $0.to.name)
            } ?? "",
            differences: differences, hasDifferences: !differences.isEmpty, compareError: nil,
            extras: nil)
    }
}
