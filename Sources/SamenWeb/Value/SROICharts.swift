import Foundation
import SamenAnalytics

/// Server-side SVG of the SROI sensitivity: the tornado of the ratio (one assumption at a
/// time) and the Monte Carlo histogram. Each has a title and a text description
/// (role="img"); the page shows the same figures as tables. Presentation attributes only.
enum SROICharts {
    struct Bar {
        let label: String
        let low: Double
        let high: Double
    }

    static func tornado(id: String, title: String, description: String, bars: [Bar], base: Double,
                        format: (Double) -> String) -> String {
        // Labels wrap at 250 units; the value text after each bar has a margin of its own on the right.
        let labels = bars.map { ChartText.wrap($0.label, size: 12, maxWidth: 250) }
        let rowHeights = labels.map { max(24, Double($0.count) * 14 + 10) }
        let labelWidth = (labels.flatMap { $0 }.map { ChartText.width($0, size: 12) }.max() ?? 60) + 8
        let valueMargin = bars.map { ChartText.width(format($0.low) + " – " + format($0.high), size: 11) }.max() ?? 0
        let width = labelWidth + 10 + 380 + valueMargin + 12, top = 30.0
        let height = top + rowHeights.reduce(0, +) + 30
        let values: [Double] = bars.flatMap { bar -> [Double] in [bar.low, bar.high] } + [base, 1]
        let low: Double = (values.min() ?? 0) * 0.95
        let high: Double = Swift.max((values.max() ?? 1) * 1.05, low + 0.01)
        let plotLeft = labelWidth + 10, plotWidth = 380.0
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * plotWidth }
        var svg = """
            <svg class="survey-chart" viewBox="0 0 \(Int(width.rounded(.up))) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(SurveyCharts.escape(title))</title><desc id="\(id)-desc">\(SurveyCharts.escape(description))</desc>
            """
        var rowTop = top
        for (index, bar) in bars.enumerated() {
            let y = rowTop + (rowHeights[index] - 24) / 2
            rowTop += rowHeights[index]
            let lines = labels[index]
            let left = x(min(bar.low, bar.high)), right = x(max(bar.low, bar.high))
            svg += """
                \(ChartText.svg(lines, x: labelWidth, y: y + 16 - Double(lines.count - 1) * 7, size: 12, anchor: "end", lineHeight: 14))
                <rect x="\(SurveyCharts.number(left, 1))" y="\(Int(y + 4))" width="\(SurveyCharts.number(max(right - left, 1), 1))" height="16" fill="#1f5f8b"/>
                <text x="\(SurveyCharts.number(right + 4, 1))" y="\(Int(y + 16))" font-size="11">\(format(bar.low)) – \(format(bar.high))</text>
                """
        }
        let bottom = rowTop
        svg += """
            <line x1="\(SurveyCharts.number(x(base), 1))" y1="\(Int(top - 6))" x2="\(SurveyCharts.number(x(base), 1))" y2="\(Int(bottom))" stroke="#000" stroke-width="2"/>
            <text x="\(SurveyCharts.number(x(base), 1))" y="\(Int(top - 10))" text-anchor="middle" font-size="11">\(format(base))</text>
            <line x1="\(SurveyCharts.number(x(1), 1))" y1="\(Int(top - 6))" x2="\(SurveyCharts.number(x(1), 1))" y2="\(Int(bottom))" stroke="#b00020" stroke-dasharray="4 3"/>
            <text x="\(SurveyCharts.number(x(1), 1))" y="\(Int(bottom + 16))" text-anchor="middle" font-size="11">1</text>
            </svg>
            """
        return svg
    }

    static func histogram(id: String, title: String, description: String, bins: [SROIHistogramBin],
                          format: (Double) -> String) -> String {
        let width = 680.0, height = 220.0, left = 40.0, bottom = 180.0, top = 20.0
        let most = Double(bins.map(\.count).max() ?? 1)
        let barWidth = (width - left - 20) / Double(max(bins.count, 1))
        var svg = """
            <svg class="survey-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(SurveyCharts.escape(title))</title><desc id="\(id)-desc">\(SurveyCharts.escape(description))</desc>
            <line x1="\(Int(left))" y1="\(Int(bottom))" x2="\(Int(width - 20))" y2="\(Int(bottom))" stroke="#000"/>
            """
        for (index, bin) in bins.enumerated() {
            let barHeight = (bottom - top) * Double(bin.count) / max(most, 1)
            let x = left + Double(index) * barWidth
            svg += """
                <rect x="\(SurveyCharts.number(x + 1, 1))" y="\(SurveyCharts.number(bottom - barHeight, 1))" width="\(SurveyCharts.number(max(barWidth - 2, 1), 1))" height="\(SurveyCharts.number(barHeight, 1))" fill="\(bin.upper <= 1 ? "#b00020" : "#1f5f8b")"/>
                """
        }
        if let first = bins.first, let last = bins.last {
            svg += """
                <text x="\(Int(left))" y="\(Int(bottom + 16))" font-size="11">\(format(first.lower))</text>
                <text x="\(Int(width - 20))" y="\(Int(bottom + 16))" text-anchor="end" font-size="11">\(format(last.upper))</text>
                """
        }
        return svg + "</svg>"
    }
}
