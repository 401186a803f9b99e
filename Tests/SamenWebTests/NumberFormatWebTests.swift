import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The Dutch pages with figures write every number the Dutch way: a decimal comma, never a
/// decimal point, never "-0,00"; and the representation by district adds up to 100 %.
@Suite("One number format on the web")
struct NumberFormatWebTests {
    /// The text a reader sees (tags and their attributes removed, so SVG coordinates do not count).
    static func readable(_ html: String) -> String {
        html.replacing(/<(script|style)[^>]*>(?s:.)*?<\/\1>/, with: "").replacing(/<[^>]+>/, with: " ")
    }

    /// Numbers written with a decimal point ("0.95", "66.7"); "1.234" (Dutch thousands) is not one.
    static func decimalPoints(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?<![\d.])\d+\.\d{1,2}(?![\d.])|(?<![\d.])\d+\.\d{4,}"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range) }
    }

    @Test("survey analysis, SROI, growth model and representation show decimal commas in Dutch")
    func dutchPagesUseDecimalCommas() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let survey = try SurveyWebTests.surveyPath(try await ilse.get("/o/\(Demo.orgA)/surveys").text)
            var commas = 0
            for path in [survey + "/analysis", survey + "/analysis?segment=channel", trajectory + "/value/sroi",
                         trajectory + "/portfolio/growth", trajectory + "/representation"] {
                let page = try await ilse.get(path)
                #expect(page.status == .ok, "\(path)")
                let text = Self.readable(page.text)
                #expect(Self.decimalPoints(text).isEmpty, "\(path) shows \(Self.decimalPoints(text).prefix(8))")
                #expect(!text.contains("-0,00") && !text.contains("−0,00"), "\(path) shows a negative zero")
                commas += text.matches(of: /\d,\d/).count
            }
            #expect(commas > 50, "the pages do show decimals (\(commas))")
        }
    }

    @Test("representation by district: participants without one are 'onbekend' and the shares add up to 100 %")
    func representationAddsUpTo100() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let html = try await ilse.get(trajectory + "/representation").text
            let section = try #require(html.firstMatch(of: /<section aria-labelledby="rep-district">(?s:.)*?<\/section>/).map { String($0.output) })
            #expect(section.contains("<th scope=\"row\">onbekend</th>"))
            let shares = section.matches(of: /<\/th><td>\d+<\/td><td>(\d+),(\d)\u{00A0}%<\/td>/).map {
                Double(String($0.output.1))! + Double(String($0.output.2))! / 10
            }
            #expect(shares.count == 5, "four districts and 'onbekend': \(shares)")
            #expect(abs(shares.reduce(0, +) - 100) < 0.3, "the shares add up to \(shares.reduce(0, +))")
        }
    }
}
