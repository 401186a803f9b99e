import Foundation

/// Chart text measured on the server, so a chart can be sized to its labels: a label's width
/// is estimated from per-character widths of a common sans-serif (DejaVu Sans, the widest of
/// the page's fonts, plus a margin), and long labels are wrapped onto lines of a given width.
enum ChartText {
    /// Advance widths in em of DejaVu Sans, grouped; anything else counts as wide.
    static func em(_ c: Character) -> Double {
        switch c {
        case "i", "j", "l", "'", "|", ".", ",", ":", ";", "!": return 0.32
        case " ", "f", "t", "r", "(", ")", "[", "]", "-": return 0.42
        case "m", "w", "M", "W", "@", "%": return 0.98
        case "0"..."9": return 0.64
        default: return c.isUppercase ? 0.74 : 0.62
        }
    }

    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + em($1) } * size * (bold ? 1.1 : 1.0)
    }

    /// Words on lines no wider than `maxWidth` (a word longer than the line gets a line of its own).
    static func wrap(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate, size: size, bold: bold) <= maxWidth || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// A `<text>` of one or more lines (tspans), the first baseline at `y`.
    static func svg(_ lines: [String], x: Double, y: Double, size: Double, anchor: String = "start", lineHeight: Double? = nil,
                    extra: String = "", fill: String = "#1b1b1f") -> String {
        let step = lineHeight ?? size * 1.25
        let n = SurveyCharts.number
        let spans = lines.enumerated().map { index, line in
            "<tspan x=\"\(n(x, 1))\" dy=\"\(index == 0 ? "0" : n(step, 1))\">\(SurveyCharts.escape(line))</tspan>"
        }.joined()
        return "<text x=\"\(n(x, 1))\" y=\"\(n(y, 1))\" font-size=\"\(n(size, 0))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(extra)>\(spans)</text>"
    }

    /// An axis-aligned box, for keeping labels apart.
    struct Box {
        var x: Double, y: Double, width: Double, height: Double

        func overlaps(_ other: Box, margin: Double = 1) -> Bool {
            x < other.x + other.width + margin && other.x < x + width + margin
                && y < other.y + other.height + margin && other.y < y + height + margin
        }

        func inside(_ other: Box) -> Bool {
            x >= other.x && y >= other.y && x + width <= other.x + other.width && y + height <= other.y + other.height
        }
    }
}
