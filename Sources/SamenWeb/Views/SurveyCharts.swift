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

    /// Mean gap per row with its confidence interval as a whisker; 0 marked. The label column
    /// is as wide as the longest label (at most 260 units; longer labels wrap onto more lines),
    /// so no label is cut on the left.
    static func gapChart(id: String, title: String, description: String, rows: [GapRow], axisLabel: String) -> String {
        let fontSize = 13.0, lineHeight = 16.0
        let labels = rows.map { ChartText.wrap($0.label, size: fontSize, maxWidth: 260) }
        let labelWidth = max(60, (labels.flatMap { $0 }.map { ChartText.width($0, size: fontSize) }.max() ?? 60)) + 8
        let plotLeft = labelWidth + 12
        let plotWidth = 420.0
        let width = plotLeft + plotWidth + 20
        let top = 30.0
        let heights = labels.map { max(26, Double($0.count) * lineHeight + 10) }
        let bottom = top + heights.reduce(0, +) + 6
        let height = bottom + 42
        let values: [Double] = rows.flatMap { row -> [Double] in [row.gap, row.low ?? row.gap, row.high ?? row.gap] } + [0]
        var low: Double = values.min() ?? -1
        var high: Double = values.max() ?? 1
        let pad: Double = Swift.max(0.25, (high - low) * 0.08)
        low = (low - pad).rounded(.down)
        high = (high + pad).rounded(.up)
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * plotWidth }
        var svg = """
            <svg class="survey-chart" viewBox="0 0 \(Int(width.rounded(.up))) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
            """
        var tick = low
        while tick <= high + 1e-9 {
            svg += "<line x1=\"\(number(x(tick)))\" y1=\"\(top - 6)\" x2=\"\(number(x(tick)))\" y2=\"\(number(bottom))\" stroke=\"#d0d0d8\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(number(x(tick)))\" y=\"\(number(bottom + 16))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            tick += (high - low) > 8 ? 2 : 1
        }
        svg += "<line x1=\"\(number(x(0)))\" y1=\"\(top - 10)\" x2=\"\(number(x(0)))\" y2=\"\(number(bottom))\" stroke=\"#1b1b1f\" stroke-width=\"2\"/>"
        svg += "<text x=\"\(number(plotLeft + plotWidth / 2))\" y=\"\(number(bottom + 34))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(escape(axisLabel))</text>"
        var rowTop = top
        for (index, row) in rows.enumerated() {
            let y = rowTop + heights[index] / 2
            let lines = labels[index]
            let firstBaseline = y + 4 - Double(lines.count - 1) * lineHeight / 2
            svg += ChartText.svg(lines, x: labelWidth, y: firstBaseline, size: fontSize, anchor: "end", lineHeight: lineHeight)
            if let lowCI = row.low, let highCI = row.high {
                svg += "<line x1=\"\(number(x(lowCI)))\" y1=\"\(number(y))\" x2=\"\(number(x(highCI)))\" y2=\"\(number(y))\" stroke=\"#0b5394\" stroke-width=\"2\"/>"
                for end in [lowCI, highCI] {
                    svg += "<line x1=\"\(number(x(end)))\" y1=\"\(number(y - 6))\" x2=\"\(number(x(end)))\" y2=\"\(number(y + 6))\" stroke=\"#0b5394\" stroke-width=\"2\"/>"
                }
            }
            svg += "<circle cx=\"\(number(x(row.gap)))\" cy=\"\(number(y))\" r=\"5\" fill=\"#073763\"/>"
            rowTop += heights[index]
        }
        return svg + "</svg>"
    }

    struct Point {
        let label: String
        let need: Double
        let experience: Double
    }

    /// Importance (need, vertical) against performance (experience, horizontal), with the
    /// crosshair, the quadrant names, the diagonal need = experience, and numbered points.
    /// Points that (nearly) coincide are spread on a small ring; each number is placed where it
    /// overlaps no other label or point, with a leader line when it had to move away. The
    /// legend and the axis titles wrap below the plot, and the drawing is as tall as they are.
    static func importancePerformance(id: String, title: String, description: String, points: [Point],
                                      scaleMin: Double, scaleMax: Double, crosshairNeed: Double, crosshairExperience: Double,
                                      crosshairLabel: String, quadrants: [String], axisNeed: String, axisExperience: String) -> String {
        let left = 58.0, top = 16.0, plot = 380.0, right = 16.0
        let width = left + plot + right
        typealias Box = ChartText.Box
        func x(_ value: Double) -> Double { left + (value - scaleMin) / (scaleMax - scaleMin) * plot }
        func y(_ value: Double) -> Double { top + plot - (value - scaleMin) / (scaleMax - scaleMin) * plot }
        var body = "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plot)\" height=\"\(plot)\" fill=\"none\" stroke=\"#1b1b1f\" stroke-width=\"1\"/>"
        body += "<line x1=\"\(number(x(scaleMin)))\" y1=\"\(number(y(scaleMin)))\" x2=\"\(number(x(scaleMax)))\" y2=\"\(number(y(scaleMax)))\" stroke=\"#8a8a95\" stroke-width=\"1\" stroke-dasharray=\"2 4\"/>"
        body += "<line x1=\"\(number(x(crosshairExperience)))\" y1=\"\(top)\" x2=\"\(number(x(crosshairExperience)))\" y2=\"\(number(top + plot))\" stroke=\"#4a4a55\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        body += "<line x1=\"\(left)\" y1=\"\(number(y(crosshairNeed)))\" x2=\"\(number(left + plot))\" y2=\"\(number(y(crosshairNeed)))\" stroke=\"#4a4a55\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        var taken: [Box] = []
        // Quadrant names: concentrate here (top left), keep up (top right), low priority (bottom left), possible overkill (bottom right).
        let quadrantSize = 12.0, half = plot / 2 - 12
        for (index, name) in quadrants.prefix(4).enumerated() {
            let lines = ChartText.wrap(name, size: quadrantSize, maxWidth: half, bold: true)
            let isRight = index % 2 == 1, isBottom = index >= 2
            let blockHeight = Double(lines.count) * 15
            let baseline = isBottom ? top + plot - 6 - blockHeight + 12 : top + 15
            let textX = isRight ? left + plot - 6 : left + 6
            let widest = lines.map { ChartText.width($0, size: quadrantSize, bold: true) }.max() ?? 0
            taken.append(Box(x: isRight ? textX - widest : textX, y: baseline - 12, width: widest, height: blockHeight))
            body += ChartText.svg(lines, x: textX, y: baseline, size: quadrantSize, anchor: isRight ? "end" : "start", lineHeight: 15,
                                  extra: " font-weight=\"bold\"", fill: "#4a4a55")
        }
        // Spread points closer than 12 units over a ring around their centre.
        var marks = points.map { (x: x($0.experience), y: y($0.need)) }
        var clustered = Set<Int>()
        for i in marks.indices where !clustered.contains(i) {
            let group = marks.indices.filter { j in !clustered.contains(j) && hypot(marks[j].x - marks[i].x, marks[j].y - marks[i].y) < 12 }
            clustered.formUnion(group)
            guard group.count > 1 else { continue }
            let cx = group.map { marks[$0].x }.reduce(0, +) / Double(group.count)
            let cy = group.map { marks[$0].y }.reduce(0, +) / Double(group.count)
            let radius = max(8, 5.5 * Double(group.count) / .pi)
            for (k, j) in group.enumerated() {
                let angle = 2 * .pi * Double(k) / Double(group.count) - .pi / 2
                marks[j] = (cx + radius * cos(angle), cy + radius * sin(angle))
            }
        }
        taken += marks.map { Box(x: $0.x - 5, y: $0.y - 5, width: 10, height: 10) }
        let area = Box(x: left + 1, y: top + 1, width: plot - 2, height: plot - 2)
        for (index, mark) in marks.enumerated() {
            body += "<circle cx=\"\(number(mark.x))\" cy=\"\(number(mark.y))\" r=\"5\" fill=\"#073763\"/>"
            let text = String(index + 1), labelWidth = ChartText.width(text, size: 12), labelHeight = 12.0
            var chosen: (box: Box, distance: Double)?
            search: for distance in [9.0, 16, 24, 34, 46, 60] {
                for step in 0..<16 {
                    let angle = Double(step) * .pi / 8
                    let cx = mark.x + (distance + labelWidth / 2) * cos(angle), cy = mark.y + (distance + labelHeight / 2) * sin(angle)
                    let box = Box(x: cx - labelWidth / 2, y: cy - labelHeight / 2, width: labelWidth, height: labelHeight)
                    if box.inside(area) && !taken.contains(where: { $0.overlaps(box) }) {
                        chosen = (box, distance)
                        break search
                    }
                }
            }
            let place = chosen ?? (Box(x: mark.x + 8, y: mark.y - 6, width: labelWidth, height: labelHeight), 9)
            taken.append(place.box)
            if place.distance > 12 {
                body += "<line x1=\"\(number(mark.x))\" y1=\"\(number(mark.y))\" x2=\"\(number(place.box.x + place.box.width / 2))\" y2=\"\(number(place.box.y + place.box.height / 2))\" stroke=\"#4a4a55\" stroke-width=\"1\"/>"
            }
            body += "<text x=\"\(number(place.box.x + place.box.width / 2))\" y=\"\(number(place.box.y + 10.5))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(text)</text>"
        }
        var tick = scaleMin
        while tick <= scaleMax + 1e-9 {
            body += "<text x=\"\(number(x(tick)))\" y=\"\(number(top + plot + 16))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            body += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1b1f\">\(number(tick, 0))</text>"
            tick += 1
        }
        body += "<text x=\"16\" y=\"\(number(top + plot / 2))\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1b1f\" transform=\"rotate(-90 16 \(number(top + plot / 2)))\">\(escape(axisNeed))</text>"
        // Below the plot: the horizontal axis title, the crosshair, then the legend, each wrapped to the drawing's width.
        var baseline = top + plot + 36
        let textWidth = width - 16
        for line in ChartText.wrap(axisExperience, size: 13, maxWidth: textWidth) {
            body += "<text x=\"\(number(left + plot / 2))\" y=\"\(number(baseline))\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1b1f\">\(escape(line))</text>"
            baseline += 17
        }
        let crosshairLines = ChartText.wrap(crosshairLabel, size: 12, maxWidth: textWidth)
        body += ChartText.svg(crosshairLines, x: 8, y: baseline, size: 12, lineHeight: 15, fill: "#4a4a55")
        baseline += Double(crosshairLines.count) * 15 + 8
        for (index, point) in points.enumerated() {
            let number = "\(index + 1)", indent = 26.0
            let lines = ChartText.wrap(point.label, size: 13, maxWidth: textWidth - indent)
            body += "<text x=\"8\" y=\"\(self.number(baseline))\" font-size=\"13\" font-weight=\"bold\" fill=\"#1b1b1f\">\(number)</text>"
            body += ChartText.svg(lines, x: 8 + indent, y: baseline, size: 13, lineHeight: 16)
            baseline += Double(lines.count) * 16 + 3
        }
        let height = baseline + 4
        return """
            <svg class="survey-chart ipa" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
            """ + body + "</svg>"
    }
}
