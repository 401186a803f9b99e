import Foundation
import SamenAnalytics

/// Draws the opinion map as an SVG on the server: each participant as a point (or, for
/// large conversations, each base cluster as a mark sized by its members) whose colour *and*
/// shape follow its group, with each group's letter at its centre, so meaning never rests on
/// colour alone. The caller puts a text alternative and a data table beside it.
enum OpinionMapSVG {
    /// Okabe–Ito hues, distinguishable with the common colour-vision deficiencies, darkened so that
    /// each, drawn at `fillOpacity` on white, keeps 3:1 against the page (WCAG 1.4.11).
    static let colours = ["#0072B2", "#AE4F00", "#007A58", "#9E4F82", "#7A6000"]
    static let fillOpacity = 0.75

    static func letter(_ group: Int) -> String {
        String(UnicodeScalar(UInt8(65 + group % 26)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func render(_ report: OpinionReport, title: String, description: String) -> String {
        let width = 640.0, height = 420.0, pad = 36.0
        let people = report.participants ?? []
        let xs = report.baseClusters.map(\.x) + report.groups.map(\.x) + people.map(\.x)
        let ys = report.baseClusters.map(\.y) + report.groups.map(\.y) + people.map(\.y)
        let minX = xs.min() ?? -1, maxX = xs.max() ?? 1, minY = ys.min() ?? -1, maxY = ys.max() ?? 1
        let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
        func px(_ x: Double) -> Double { pad + (x - minX) / spanX * (width - 2 * pad) }
        func py(_ y: Double) -> Double { height - pad - (y - minY) / spanY * (height - 2 * pad) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" \
            aria-labelledby="opinion-map-title opinion-map-desc" class="opinion-map">
            <title id="opinion-map-title">\(escape(title))</title>
            <desc id="opinion-map-desc">\(escape(description))</desc>
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#ffffff" stroke="#595959"/>
            <line x1="\(f(px(0)))" y1="\(f(pad / 2))" x2="\(f(px(0)))" y2="\(f(height - pad / 2))" stroke="#d0d0d0"/>
            <line x1="\(f(pad / 2))" y1="\(f(py(0)))" x2="\(f(width - pad / 2))" y2="\(f(py(0)))" stroke="#d0d0d0"/>

            """
        func mark(_ x: Double, _ y: Double, _ r: Double, group: Int?) -> String {
            guard let group else {
                return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r * 0.7))\" fill=\"none\" stroke=\"#595959\" stroke-width=\"0.8\"/>\n"
            }
            let style = "fill=\"\(colours[group % colours.count])\" fill-opacity=\"\(fillOpacity)\" stroke=\"#1a1a1a\" stroke-width=\"0.6\""
            switch group % 4 {
            case 0: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" \(style)/>\n"
            case 1: return "<rect x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" \(style)/>\n"
            case 2: return "<polygon points=\"\(f(x)),\(f(y - r)) \(f(x + r)),\(f(y + r)) \(f(x - r)),\(f(y + r))\" \(style)/>\n"
            default: return "<polygon points=\"\(f(x)),\(f(y - r)) \(f(x + r)),\(f(y)) \(f(x)),\(f(y + r)) \(f(x - r)),\(f(y))\" \(style)/>\n"
            }
        }
        if !people.isEmpty {
            // Every participant: shape and colour by group; an open circle when not in a group.
            for person in people { out += mark(px(person.x), py(person.y), 3.5, group: person.group) }
        } else {
            let largest = Double(report.baseClusters.map(\.size).max() ?? 1)
            for cluster in report.baseClusters {
                out += mark(px(cluster.x), py(cluster.y), 3 + 9 * (Double(cluster.size) / largest).squareRoot(), group: cluster.group)
            }
        }
        for group in report.groups {
            let x = px(group.x), y = py(group.y)
            out += """
                <text x="\(f(x))" y="\(f(y - 14))" text-anchor="middle" font-size="20" font-weight="bold" fill="#1a1a1a" \
                stroke="#ffffff" stroke-width="4" paint-order="stroke">\(letter(group.id))</text>

                """
        }
        out += "</svg>"
        return out
    }
}
