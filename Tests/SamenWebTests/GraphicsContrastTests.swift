import Foundation
@testable import SamenWeb
import Testing

/// WCAG 1.4.11: the parts of a chart a reader needs (marks, lines, the opinion groups' colours)
/// and the focus outline have a contrast of at least 3:1 against the white page.
@Suite("Graphics contrast")
struct GraphicsContrastTests {
    struct RGB { let r, g, b: Double }

    static func rgb(_ hex: String) -> RGB {
        var h = hex.trimmingCharacters(in: CharacterSet(charactersIn: "# "))
        if h.count == 3 { h = h.map { "\($0)\($0)" }.joined() }
        let v = Int(h, radix: 16) ?? 0
        return RGB(r: Double((v >> 16) & 255), g: Double((v >> 8) & 255), b: Double(v & 255))
    }

    /// `colour` drawn with `opacity` over `background`.
    static func over(_ colour: RGB, _ opacity: Double, _ background: RGB) -> RGB {
        RGB(r: colour.r * opacity + background.r * (1 - opacity), g: colour.g * opacity + background.g * (1 - opacity),
            b: colour.b * opacity + background.b * (1 - opacity))
    }

    static func luminance(_ c: RGB) -> Double {
        func f(_ v: Double) -> Double { let s = v / 255; return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b)
    }

    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    static let white = rgb("#ffffff")

    @Test("the contrast sums are right: black on white is 21:1, white on white 1:1")
    func sums() {
        #expect(abs(Self.contrast(Self.rgb("#000"), Self.white) - 21) < 0.01)
        #expect(abs(Self.contrast(Self.white, Self.white) - 1) < 0.01)
    }

    @Test("every opinion-group colour, at the map's fill opacity, has 3:1 against white")
    func opinionGroupColours() {
        for colour in OpinionMapSVG.colours {
            let ratio = Self.contrast(Self.over(Self.rgb(colour), OpinionMapSVG.fillOpacity, Self.white), Self.white)
            #expect(ratio >= 3, "\(colour) at \(OpinionMapSVG.fillOpacity): \(ratio)")
        }
    }

    /// The stylesheet's custom properties (`--accent: #0b5394;`).
    static func cssVariables() throws -> [String: String] {
        let css = try String(contentsOf: GuardTests.sources.appendingPathComponent("SamenWeb/Resources/static/samen.css"), encoding: .utf8)
        return Dictionary(css.matches(of: /--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/).map { (String($0.output.1), String($0.output.2)) },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test("the stylesheet's chart strokes and fills, form borders and focus outline have 3:1 against the page")
    func stylesheetGraphics() throws {
        let css = try String(contentsOf: GuardTests.sources.appendingPathComponent("SamenWeb/Resources/static/samen.css"), encoding: .utf8)
        let variables = try Self.cssVariables()
        let paper = Self.rgb(try #require(variables["paper"]))
        func colour(of rule: String, _ property: String) throws -> String {
            let block = try #require(css.firstMatch(of: try Regex("(?m)^" + NSRegularExpression.escapedPattern(for: rule) + "\\s*\\{([^}]*)\\}")).map { String($0.output[1].substring ?? "") },
                                     "\(rule) is in the stylesheet")
            let value = try #require(block.firstMatch(of: try Regex(property + ":\\s*([^;]+);")).map { String($0.output[1].substring ?? "") }, "\(rule) sets \(property)")
            let token = try #require(value.firstMatch(of: /var\(--([a-z-]+)\)|#[0-9a-fA-F]{3,6}/)).output
            return token.1.map { variables[String($0)] ?? "" } ?? String(token.0)
        }
        let needed = [(":focus-visible", "outline"), (".curve-line", "stroke"), (".grid-point circle", "fill"),
                      (".grid-frame", "stroke"), ("input, select, textarea", "border")]
        for (rule, property) in needed {
            let hex = try colour(of: rule, property)
            let ratio = Self.contrast(Self.rgb(hex), paper)
            #expect(ratio >= 3, "\(rule) \(property) \(hex): \(ratio)")
        }
    }

    @Test("the marks the Swift charts draw (bars, points, intervals, reference lines) have 3:1 against white")
    func chartMarks() throws {
        var marks: Set<String> = []
        for file in ["Views/SurveyCharts.swift", "Reports/ReportCharts.swift", "Strategy/HorizonChart.swift", "Views/OpinionMapSVG.swift"] {
            let text = try String(contentsOf: GuardTests.sources.appendingPathComponent("SamenWeb/" + file), encoding: .utf8)
            for match in text.matches(of: /(?:stroke|fill)=\\?"(#[0-9a-fA-F]{3,6})/) { marks.insert(String(match.output.1).lowercased()) }
        }
        // Marks are the strokes and fills other than the white ground and the pale grid lines
        // (grid lines are a reading aid; every value is also labelled and in the table).
        let light = marks.filter { Self.contrast(Self.rgb($0), Self.white) < 1.6 }
        #expect(marks.count >= 6, "the scan finds the chart colours: \(marks.sorted())")
        for mark in marks.subtracting(light).sorted() {
            let ratio = Self.contrast(Self.rgb(mark), Self.white)
            #expect(ratio >= 3, "\(mark): \(ratio)")
        }
        // What is left as light is only the white ground and the pale grid lines.
        #expect(light.subtracting(["#fff", "#ffffff", "#d0d0d8", "#d0d0d0"]).sorted() == [], "light marks")
    }
}
