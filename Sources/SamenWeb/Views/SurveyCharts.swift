import Foundation

/// Server-side SVG charts of the survey analysis. Every chart has a title and a text
/// description (role="img"), and the page shows the same figures as a table; meaning
/// never rests on colour alone (labels, positions and shapes carry it). Presentation
/// attributes only, no inline style, so the strict Content-Security-Policy holds.
enum SurveyCharts {
    struct GapRow {
        let label: String
        let gap: Double
        let low: Double?
        let high: Double?
        let n: Int
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    /// Mean gap per row with its confidence interval as a whisker; 0 marked.
    static func gapChart(id: String, title: String, description: String, rows: [GapRow], axisLabel: String) -> String {
        let labelWidth = 230.0
        let width = 680.0
        let rowHeight = 26.0
        let top = 30.0
        let height = top + rowHeight * Double(max(rows.count, 1)) + 40
        let values: [Double] = rows.flatMap { row -> [Double] in [row.gap, row.low ?? row.gap, row.high ?? row.gap] } + [0]
        var low: Double = values.min() ?? -1
        var high: Double = values.max() ?? 1
        let pad: Double = Swift.max(0.25, (high - low) * 0.08)
        low = (low - pad).rounded(.down)
        high = (high + pad).rounded(.up)
        let plotLeft = labelWidth + 10
        let plotWidth = width - plotLeft - 20
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * plotWidth }
        var svg = """
            <svg class="survey-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
            """
        var tick = low
        while tick <= high + 1e-9 {
            svg += "<line x1=\"\(number(x(tick)))\" y1=\"\(top - 6)\" x2=\"\(number(x(tick)))\" y2=\"\(number(height - 34))\" stroke=\"#d0d0d8\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(number(x(tick)))\" y=\"\(number(height - 18))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            tick += (high - low) > 8 ? 2 : 1
        }
        svg += "<line x1=\"\(number(x(0)))\" y1=\"\(top - 10)\" x2=\"\(number(x(0)))\" y2=\"\(number(height - 34))\" stroke=\"#1b1b1f\" stroke-width=\"2\"/>"
        svg += "<text x=\"\(number(plotLeft + plotWidth / 2))\" y=\"\(number(height - 2))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(escape(axisLabel))</text>"
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            svg += "<text x=\"\(number(labelWidth))\" y=\"\(number(y + 4))\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1b1f\">\(escape(row.label))</text>"
            if let lowCI = row.low, let highCI = row.high {
                svg += "<line x1=\"\(number(x(lowCI)))\" y1=\"\(number(y))\" x2=\"\(number(x(highCI)))\" y2=\"\(number(y))\" stroke=\"#0b5394\" stroke-width=\"2\"/>"
                for end in [lowCI, highCI] {
                    svg += "<line x1=\"\(number(x(end)))\" y1=\"\(number(y - 6))\" x2=\"\(number(x(end)))\" y2=\"\(number(y + 6))\" stroke=\"#0b5394\" stroke-width=\"2\"/>"
                }
            }
            svg += "<circle cx=\"\(number(x(row.gap)))\" cy=\"\(number(y))\" r=\"5\" fill=\"#073763\"/>"
        }
        return svg + "</svg>"
    }

    struct Point {
        let label: String
        let need: Double
        let experience: Double
    }

    /// Importance (need, vertical) against performance (experience, horizontal), with the
    /// crosshair, the quadrant names, the diagonal need = experience, and labelled points.
    static func importancePerformance(id: String, title: String, description: String, points: [Point],
                                      scaleMin: Double, scaleMax: Double, crosshairNeed: Double, crosshairExperience: Double,
                                      crosshairLabel: String, quadrants: [String], axisNeed: String, axisExperience: String) -> String {
        let size = 460.0
        let left = 60.0
        let top = 30.0
        let plot = size - left - 30
        func x(_ value: Double) -> Double { left + (value - scaleMin) / (scaleMax - scaleMin) * plot }
        func y(_ value: Double) -> Double { top + plot - (value - scaleMin) / (scaleMax - scaleMin) * plot }
        var svg = """
            <svg class="survey-chart ipa" viewBox="0 0 \(Int(size + 160)) \(Int(size + 30))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
            <rect x="\(left)" y="\(top)" width="\(plot)" height="\(plot)" fill="none" stroke="#1b1b1f" stroke-width="1"/>
            """
        svg += "<line x1=\"\(number(x(scaleMin)))\" y1=\"\(number(y(scaleMin)))\" x2=\"\(number(x(scaleMax)))\" y2=\"\(number(y(scaleMax)))\" stroke=\"#8a8a95\" stroke-width=\"1\" stroke-dasharray=\"2 4\"/>"
        svg += "<line x1=\"\(number(x(crosshairExperience)))\" y1=\"\(top)\" x2=\"\(number(x(crosshairExperience)))\" y2=\"\(number(top + plot))\" stroke=\"#4a4a55\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(number(y(crosshairNeed)))\" x2=\"\(number(left + plot))\" y2=\"\(number(y(crosshairNeed)))\" stroke=\"#4a4a55\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        // Quadrant names: concentrate here (top left), keep up (top right), low priority (bottom left), possible overkill (bottom right).
        let corners = [(left + 6, top + 16, "start"), (left + plot - 6, top + 16, "end"),
                       (left + 6, top + plot - 8, "start"), (left + plot - 6, top + plot - 8, "end")]
        for (index, corner) in corners.enumerated() where index < quadrants.count {
            svg += "<text x=\"\(number(corner.0))\" y=\"\(number(corner.1))\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"\(corner.2)\" fill=\"#4a4a55\">\(escape(quadrants[index]))</text>"
        }
        for (index, point) in points.enumerated() {
            let px = x(point.experience)
            let py = y(point.need)
            svg += "<circle cx=\"\(number(px))\" cy=\"\(number(py))\" r=\"5\" fill=\"#073763\"/>"
            svg += "<text x=\"\(number(px + 8))\" y=\"\(number(py + 4))\" font-size=\"12\" fill=\"#1b1b1f\">\(index + 1)</text>"
            svg += "<text x=\"\(number(size - 10))\" y=\"\(number(top + 14 + 16 * Double(index)))\" font-size=\"12\" fill=\"#1b1b1f\">\(index + 1) \(escape(point.label))</text>"
        }
        var tick = scaleMin
        while tick <= scaleMax + 1e-9 {
            svg += "<text x=\"\(number(x(tick)))\" y=\"\(number(top + plot + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            tick += 1
        }
        svg += "<text x=\"\(number(left + plot / 2))\" y=\"\(number(size + 18))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(escape(axisExperience)) · \(escape(crosshairLabel))</text>"
        svg += "<text x=\"14\" y=\"\(number(top + plot / 2))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\" transform=\"rotate(-90 14 \(number(top + plot / 2)))\">\(escape(axisNeed))</text>"
        return svg + "</svg>"
    }
}
