import Testing
@testable import SamenCore

@Suite("Highlight rules")
struct HighlightRulesTests {
    let text = "Ik moest drie keer bellen. Niemand wist waar mijn aanvraag was."

    @Test("a passage is found by its words or by positions")
    func locate() throws {
        let byQuote = try HighlightRules.locate(in: text, quote: " Niemand wist ", start: "", end: "").get()
        #expect(byQuote.0 == 27 && byQuote.1 == 39 && byQuote.2 == "Niemand wist")
        let byPosition = try HighlightRules.locate(in: text, quote: "", start: "0", end: "25").get()
        #expect(byPosition.2 == "Ik moest drie keer bellen")
    }

    @Test("a quote that is not in the text, or positions outside it, are refused", arguments: [
        ("niet aanwezig", "", "", "quote_not_found"), ("", "5", "3", "passage_out_of_range"), ("", "0", "999", "passage_out_of_range"),
        ("", "", "", "passage_required"), ("", "-1", "4", "passage_out_of_range"),
    ])
    func refused(quote: String, start: String, end: String, code: String) {
        if case .failure(let error) = HighlightRules.locate(in: text, quote: quote, start: start, end: end) {
            #expect(error.code == code)
        } else {
            Issue.record("expected \(code)")
        }
    }

    @Test("tags are trimmed, lower-cased and unique")
    func tags() throws {
        #expect(try HighlightRules.tags(" Wachten, brief ,wachten,, ").get() == ["wachten", "brief"])
        #expect(throws: SamenError.self) { try HighlightRules.tags(String(repeating: "x", count: 41)).get() }
    }
}
