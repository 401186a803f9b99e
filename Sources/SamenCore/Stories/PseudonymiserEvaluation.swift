import Foundation

/// Recall and precision of a detector on an annotated corpus, per kind of identifier.
///
/// Matching is by overlap with the same kind: a gold span counts as found when some
/// predicted span of its kind overlaps it, and a predicted span counts as correct when it
/// overlaps some gold span of its kind. Overlap rather than exact boundaries because a
/// placeholder that covers "mevrouw Jansen" instead of "Jansen" hides the person just the
/// same; what matters for privacy is that nothing of the identifier is left.
public enum PseudonymiserEvaluation {
    /// A span in Character offsets (Swift `Character` counts into the original text).
    public struct Span: Codable, Sendable, Equatable {
        public var kind: String
        public var start: Int
        public var end: Int
        /// The annotated words, to keep the corpus readable and its offsets checkable.
        public var text: String?

        public init(kind: String, start: Int, end: Int, text: String? = nil) {
            self.kind = kind; self.start = start; self.end = end; self.text = text
        }

        func overlaps(_ other: Span) -> Bool { kind == other.kind && start < other.end && other.start < end }
    }

    /// One passage of the corpus (a line of corpus.jsonl).
    public struct Passage: Codable, Sendable {
        public var id: String
        public var domain: String
        /// "dev" (rules were corrected on it) or "heldout" (written before those corrections, scored only).
        public var split: String?
        public var text: String
        public var spans: [Span]
    }

    /// Counts for one kind; `matchedGold` / `gold` is recall, `matchedPredicted` / `predicted` precision.
    public struct Counts: Sendable, Equatable {
        public var gold = 0, matchedGold = 0, predicted = 0, matchedPredicted = 0
        public var recall: Double? { gold == 0 ? nil : Double(matchedGold) / Double(gold) }
        public var precision: Double? { predicted == 0 ? nil : Double(matchedPredicted) / Double(predicted) }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(gold: a.gold + b.gold, matchedGold: a.matchedGold + b.matchedGold,
                   predicted: a.predicted + b.predicted, matchedPredicted: a.matchedPredicted + b.matchedPredicted)
        }
    }

    public struct Scores: Sendable {
        public var byKind: [String: Counts] = [:]
        public var overall: Counts { byKind.values.reduce(Counts(), +) }
        /// Predictions that matched nothing, with their passage, for reading.
        public var falsePositives: [(passage: String, span: Span)] = []
        /// Gold spans that nothing matched, with their passage.
        public var misses: [(passage: String, span: Span)] = []
    }

    /// Reads corpus.jsonl: one passage per line, blank lines skipped.
    public static func loadCorpus(_ jsonl: String) throws -> [Passage] {
        let decoder = JSONDecoder()
        return try jsonl.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
            try decoder.decode(Passage.self, from: Data($0.utf8))
        }
    }

    /// Our pseudonymiser's spans on a text.
    public static func predict(_ pseudonymiser: Pseudonymiser, _ text: String) -> [Span] {
        pseudonymiser.pseudonymise(text).findings.map { Span(kind: $0.kind.rawValue, start: $0.start, end: $0.end) }
    }

    /// Scores predictions against the gold spans, passage by passage (same order).
    public static func score(_ corpus: [Passage], predicted: [[Span]]) -> Scores {
        var scores = Scores()
        for (passage, predictions) in zip(corpus, predicted) {
            for gold in passage.spans {
                let found = predictions.contains { $0.overlaps(gold) }
                scores.byKind[gold.kind, default: Counts()].gold += 1
                if found { scores.byKind[gold.kind, default: Counts()].matchedGold += 1 } else { scores.misses.append((passage.id, gold)) }
            }
            for prediction in predictions {
                let correct = passage.spans.contains { $0.overlaps(prediction) }
                scores.byKind[prediction.kind, default: Counts()].predicted += 1
                if correct {
                    scores.byKind[prediction.kind, default: Counts()].matchedPredicted += 1
                } else {
                    scores.falsePositives.append((passage.id, prediction))
                }
            }
        }
        return scores
    }

    /// A plain-text table: one row per kind (and "all"), recall and precision per system.
    public static func table(_ systems: [(name: String, scores: Scores)]) -> String {
        let kinds = Set(systems.flatMap { $0.scores.byKind.keys }).sorted()
        func cell(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "  -  " }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var header = pad("kind", 14) + pad("gold", 6)
        for system in systems { header += pad("\(system.name) recall", 18) + pad("\(system.name) precision", 21) }
        var lines = [header]
        for kind in kinds + ["all"] {
            let gold = kind == "all" ? systems.first?.scores.overall.gold ?? 0 : systems.first?.scores.byKind[kind]?.gold ?? 0
            var line = pad(kind, 14) + pad("\(gold)", 6)
            for system in systems {
                let counts = kind == "all" ? system.scores.overall : system.scores.byKind[kind] ?? Counts()
                line += pad(cell(counts.recall), 18) + pad(cell(counts.precision) + " (\(counts.predicted))", 21)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension Pseudonymiser.Result {
    /// `{"spans": [{"end", "kind", "start"}], "text"}`: the pseudonymised text and what was
    /// replaced, in Character offsets into the original text (for `samen pseudonymise --json`).
    public func json() throws -> String {
        struct Output: Encodable {
            struct Span: Encodable { let kind: String; let start: Int; let end: Int }
            let text: String
            let spans: [Span]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let output = Output(text: text, spans: findings.map { .init(kind: $0.kind.rawValue, start: $0.start, end: $0.end) })
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
