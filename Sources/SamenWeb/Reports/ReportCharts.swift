import Foundation

/// Server-side SVG bar charts of a published report (coverage, survey gaps), drawn from the
/// frozen snapshot so they never change either. Each chart has a title and a text
/// description (role="img") and the report shows the same figures as a table beside it.
/// Black and white friendly: bars are dark, the zero line is solid, labels are text.
enum ReportCharts {
    struct Bar {
        let label: String
        /// nil: nothing to draw (a count too small to publish); `text` says why.
        let value: Double?
        let text: String
    }

    static func bars(id: String, title: String, description: String, bars: [Bar]) -> String {
        let labelWidth = 280.0, width = 700.0, rowHeight = 24.0, top = 12.0, textWidth = 70.0
        let height = top + rowHeight * Double(max(bars.count, 1)) + 12
        let values = bars.compactMap(\.value)
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 1, low + 0.01)
        let plotLeft = labelWidth + 10, plotWidth = width - plotLeft - textWidth
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * plotWidth }
        var svg = """
            <svg class="report-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" \
            xmlns="http://www.w3.org/2000/svg" id="\(id)">
            <title id="\(id)-title">\(SurveyCharts.escape(title))</title><desc id="\(id)-desc">\(SurveyCharts.escape(description))</desc>
            """
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += """
                <text x="\(Int(labelWidth))" y="\(Int(y + 16))" text-anchor="end" font-size="12">\(SurveyCharts.escape(bar.label))</text>
                """
            var end = x(0)
            if let value = bar.value {
                let left = min(x(0), x(value)), right = max(x(0), x(value))
                svg += """
                    <rect x="\(SurveyCharts.number(left, 1))" y="\(Int(y + 4))" width="\(SurveyCharts.number(max(right - left, 1), 1))" \
                    height="16" fill="#1f5f8b"/>
                    """
                end = right
            }
            svg += """
                <text x="\(SurveyCharts.number(end + 4, 1))" y="\(Int(y + 16))" font-size="11">\(SurveyCharts.escape(bar.text))</text>
                """
        }
        let bottom = top + rowHeight * Double(bars.count)
        svg += """
            <line x1="\(SurveyCharts.number(x(0), 1))" y1="\(Int(top))" x2="\(SurveyCharts.number(x(0), 1))" y2="\(Int(bottom))" \
            stroke="#000" stroke-width="1.5"/></svg>
            """
        return svg
    }
}
