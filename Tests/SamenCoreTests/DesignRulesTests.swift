import Testing
@testable import SamenCore

@Suite("Personas and journeys")
struct DesignRulesTests {
    @Test("independent sources are distinct stories, not highlights")
    func sources() {
        func h(_ story: String) -> Highlight {
            Highlight(id: "", storyID: story, start: 0, end: 1, quote: "", dimensions: [], touchpoint: "", polarity: .none, tags: [])
        }
        #expect(DesignRules.independentSources([h("a"), h("a"), h("b")]) == 2)
        #expect(DesignRules.independentSources([h("a"), h("b"), h("c")]) >= DesignRules.minimumSources)
    }

    @Test("emotion is −2 to +2", arguments: [("-2", true), ("2", true), ("0", true), ("3", false), ("-3", false), ("x", false), ("", false)])
    func emotion(raw: String, valid: Bool) {
        if case .success = DesignRules.emotion(raw) { #expect(valid) } else { #expect(!valid) }
    }

    @Test("the curve spreads steps evenly and puts +2 at the top")
    func curve() {
        let points = DesignRules.curve([2, 0, -2], width: 420, height: 220, margin: 20)
        #expect(points.map(\.x) == [20, 210, 400])
        #expect(points.map(\.y) == [20, 110, 200])
        #expect(DesignRules.curve([1], width: 420, height: 220, margin: 20).first?.x == 210)
        #expect(DesignRules.curve([], width: 420, height: 220, margin: 20).isEmpty)
    }
}
