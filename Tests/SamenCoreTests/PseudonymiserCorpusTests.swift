import Foundation
import Testing
@testable import SamenCore

/// The targets of issue 11 on the annotated corpus (Fixtures/pseudonymiser): a rule that
/// loses names or identifiers fails here. Same scoring as `samen bench pseudonymiser`.
@Suite("The pseudonymiser meets its targets on the annotated corpus")
struct PseudonymiserCorpusTests {
    static func corpus() throws -> [PseudonymiserEvaluation.Passage] {
        let url = try #require(Bundle.module.url(forResource: "corpus", withExtension: "jsonl", subdirectory: "Fixtures/pseudonymiser"))
        return try PseudonymiserEvaluation.loadCorpus(String(contentsOf: url, encoding: .utf8))
    }

    @Test("the corpus: at least 200 passages, offsets that point at the annotated words")
    func corpusIsSound() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 200)
        #expect(corpus.filter(\.spans.isEmpty).count >= 50)
        #expect(Set(corpus.map(\.id)).count == corpus.count)
        for passage in corpus {
            let characters = Array(passage.text)
            for span in passage.spans {
                #expect(span.start >= 0 && span.start < span.end && span.end <= characters.count, "\(passage.id)")
                #expect(IdentifierFinding.Kind(rawValue: span.kind) != nil, "\(passage.id) \(span.kind)")
                if span.end <= characters.count && span.start < span.end {
                    #expect(String(characters[span.start..<span.end]) == span.text, "\(passage.id)")
                }
            }
        }
    }

    @Test("recall of names ≥ 0.95, of every other kind ≥ 0.98, precision ≥ 0.90")
    func targets() throws {
        let corpus = try Self.corpus()
        let p = Pseudonymiser(currentYear: 2026)
        let scores = PseudonymiserEvaluation.score(corpus, predicted: corpus.map { PseudonymiserEvaluation.predict(p, $0.text) })
        for kind in IdentifierFinding.Kind.allCases {
            let counts = try #require(scores.byKind[kind.rawValue], "no gold spans of \(kind)")
            #expect(counts.gold > 0)
            #expect((counts.recall ?? 0) >= (kind == .name ? 0.95 : 0.98), "\(kind): \(counts)")
        }
        #expect((scores.overall.precision ?? 0) >= 0.90, "\(scores.overall)")
        #expect((scores.byKind["name"]?.precision ?? 0) >= 0.90)
    }

    @Test("scoring: overlap with the same kind, each side counted once")
    func scoring() {
        let passage = PseudonymiserEvaluation.Passage(id: "x", domain: "test", text: "mevrouw Jansen, 0612345678, Utrecht", spans: [
            .init(kind: "name", start: 8, end: 14), .init(kind: "phone", start: 16, end: 26),
        ])
        let predicted: [PseudonymiserEvaluation.Span] = [
            .init(kind: "name", start: 0, end: 14), // wider, overlaps: a hit
            .init(kind: "name", start: 16, end: 26), // right place, wrong kind: a false hit, and the phone is missed
            .init(kind: "name", start: 28, end: 35), // no gold: a false hit
        ]
        let scores = PseudonymiserEvaluation.score([passage], predicted: [predicted])
        #expect(scores.byKind["name"] == .init(gold: 1, matchedGold: 1, predicted: 3, matchedPredicted: 1))
        #expect(scores.byKind["phone"] == .init(gold: 1, matchedGold: 0, predicted: 0, matchedPredicted: 0))
        #expect(scores.overall.recall == 0.5)
        #expect(scores.misses.map(\.span.kind) == ["phone"])
    }
}
