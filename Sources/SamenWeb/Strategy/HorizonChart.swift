import Foundation

/// The three-horizons chart as server-side SVG: one curve per horizon, side by side in time
/// (short, medium, long), each as high as the number of open interventions on it, with the
/// count at its top and the horizon's name and span below. Drawn at 360 units wide, so on a
/// 360 px phone one unit is about one pixel and 13–15-unit text stays readable; every label has a
/// column of its own (no two overlap) and sits inside the view box. Curves differ by dash
/// pattern as well as colour; a title and description (role="img") and the page's table carry
/// the same figures.
enum HorizonChart {
    struct Column {
        let name: String
        let span: String
        let count: Int
        let countLabel: String
    }

    static let width = 360.0
    static let height = 250.0
    static let baseline = 190.0
    static let top = 46.0

    static func svg(id: String, title: String, description: String, columns: [Column], timeLabel: String) -> String {
        let e = SurveyCharts.escape, n = { SurveyCharts.number($0, 1) }
        let most = Double(max(columns.map(\.count).max() ?? 0, 1))
        let columnWidth = width / Double(max(columns.count, 1))
        let styles = [("#0b5394", ""), ("#38761d", " stroke-dasharray=\"8 4\""), ("#7f3f98", " stroke-dasharray=\"2 4\"")]
        var svg = """
            <svg class="survey-chart horizon-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(e(title))</title><desc id="\(id)-desc">\(e(description))</desc>
            <line x1="8" y1="\(n(baseline))" x2="\(n(width - 8))" y2="\(n(baseline))" stroke="#1b1b1f" stroke-width="1.5"/>
            """
        for (index, column) in columns.enumerated() {
            let centre = columnWidth * (Double(index) + 0.5)
            let peak = baseline - (baseline - top) * Double(column.count) / most
            let (colour, dash) = styles[index % styles.count]
            // A bell from one column edge to the other; an empty horizon is a flat line on the baseline.
            let left = centre - columnWidth * 0.48, right = centre + columnWidth * 0.48
            svg += "<path d=\"M \(n(left)) \(n(baseline)) C \(n(centre - columnWidth * 0.2)) \(n(baseline)), \(n(centre - columnWidth * 0.25)) \(n(peak)), \(n(centre)) \(n(peak)) "
                + "S \(n(centre + columnWidth * 0.2)) \(n(baseline)), \(n(right)) \(n(baseline))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"3\"\(dash)/>"
            svg += "<text x=\"\(n(centre))\" y=\"\(n(peak - 10))\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(e(column.countLabel))</text>"
            svg += "<text x=\"\(n(centre))\" y=\"\(n(baseline + 19))\" font-size=\"14\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(e(column.name))</text>"
            svg += "<text x=\"\(n(centre))\" y=\"\(n(baseline + 36))\" font-size=\"13\" text-anchor=\"middle\" fill=\"#4a4a55\">\(e(column.span))</text>"
        }
        svg += "<text x=\"\(n(width - 8))\" y=\"\(n(height - 4))\" font-size=\"13\" text-anchor=\"end\" fill=\"#4a4a55\">\(e(timeLabel))</text>"
        return svg + "</svg>"
    }
}
