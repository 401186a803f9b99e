import ArgumentParser
import Foundation
import SamenCore

/// `samen bench pseudonymiser`: recall and precision per kind on the annotated corpus,
/// ours and, with `--deduce`, DEDUCE's (run by scripts/pseudonymiser_deduce.py in the
/// given Python) side by side. Matching by overlap with the same kind. DEDUCE's tags map
/// to ours (persoon/patient → name, locatie → address or, over a postcode, postcode,
/// datum → birth_date, id → the phone, BSN or IBAN it covers); it has no licence plates
/// or IBAN of its own.
extension BenchCommand {
    struct BenchPseudonymiser: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pseudonymiser", abstract: "Recall and precision of the pseudonymiser on the annotated corpus.")
        @Option(help: "The corpus (JSON lines), run from the repository root by default.")
        var corpus = "Tests/SamenCoreTests/Fixtures/pseudonymiser/corpus.jsonl"
        @Option(help: "Only passages of this split (dev or heldout).") var split: String?
        @Option(help: "A Python with the PyPI package deduce (e.g. /tmp/deduce-venv/bin/python); none: ours only.") var deduce: String?
        @Option(help: "The DEDUCE runner script.") var deduceScript = "scripts/pseudonymiser_deduce.py"
        @Flag(help: "List every miss and false hit.") var errors = false

        func run() throws {
            let passages = try PseudonymiserEvaluation.loadCorpus(String(contentsOfFile: corpus, encoding: .utf8))
                .filter { split == nil || $0.split == split }
            let pseudonymiser = Pseudonymiser(currentYear: 2026) // the corpus's dates of birth are read against 2026
            let ours = PseudonymiserEvaluation.score(passages, predicted: passages.map { PseudonymiserEvaluation.predict(pseudonymiser, $0.text) })
            var systems = [(name: "samen", scores: ours)]
            var lenient: PseudonymiserEvaluation.Scores?
            if let deduce {
                let predicted = try DeduceReference.run(python: deduce, script: deduceScript, corpus: corpus, passages: passages)
                systems.append((name: "deduce", scores: PseudonymiserEvaluation.score(passages, predicted: predicted)))
                // DEDUCE hides every date and every place; our corpus annotates dates of birth and street addresses only.
                let inScope = zip(passages, predicted).map { passage, spans in
                    spans.filter { span in
                        !["birth_date", "address"].contains(span.kind)
                            || passage.spans.contains { $0.start < span.end && span.start < $0.end }
                    }
                }
                lenient = PseudonymiserEvaluation.score(passages, predicted: inScope)
            }
            print("\(passages.count) passages, \(ours.overall.gold) gold spans; a hit is an overlap with a gold span of the same kind")
            print(PseudonymiserEvaluation.table(systems))
            if let lenient, let precision = lenient.overall.precision {
                print(String(format: "deduce precision without its other dates and places (outside our scheme): %.3f", precision))
            }
            if errors {
                for (name, scores) in systems {
                    let texts = Dictionary(uniqueKeysWithValues: passages.map { ($0.id, Array($0.text)) })
                    func words(_ id: String, _ s: PseudonymiserEvaluation.Span) -> String { String(texts[id]![s.start..<s.end]) }
                    for miss in scores.misses { print("\(name) missed \(miss.passage) \(miss.span.kind): \(words(miss.passage, miss.span))") }
                    for hit in scores.falsePositives { print("\(name) false hit \(hit.passage) \(hit.span.kind): \(words(hit.passage, hit.span))") }
                }
            }
        }
    }
}

/// DEDUCE's annotations, mapped to our kinds and to Character offsets.
enum DeduceReference {
    struct Line: Decodable {
        struct Annotation: Decodable { let tag: String; let start: Int; let end: Int }
        let id: String
        let annotations: [Annotation]
    }

    static let kinds = ["persoon": "name", "patient": "name", "telefoonnummer": "phone", "emailadres": "email", "email": "email",
                        "bsn": "bsn", "datum": "birth_date", "locatie": "address"]

    static func run(python: String, script: String, corpus: String, passages: [PseudonymiserEvaluation.Passage]) throws -> [[PseudonymiserEvaluation.Span]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, corpus]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(script) failed (exit \(process.terminationStatus))") }
        var byID: [String: [Line.Annotation]] = [:]
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let decoded = try JSONDecoder().decode(Line.self, from: Data(line))
            byID[decoded.id] = decoded.annotations
        }
        return passages.map { passage in
            let offsets = characterOffsets(passage.text)
            return (byID[passage.id] ?? []).compactMap { a in
                guard a.end > a.start, a.end <= offsets.count else { return nil }
                let start = offsets[a.start], end = offsets[a.end - 1] + 1
                func gold(_ kinds: [String]) -> String? {
                    passage.spans.first { kinds.contains($0.kind) && $0.start < end && start < $0.end }?.kind
                }
                // DEDUCE's "id" (any run of 7+ digits) counts for the number it hides, and for nothing else.
                if a.tag == "id" { return gold(["phone", "bsn", "iban", "licence_plate"]).map { .init(kind: $0, start: start, end: end) } }
                guard var kind = kinds[a.tag] else { return nil }
                // A location over a postcode ("1234 AB Utrecht") is DEDUCE's postcode.
                if kind == "address", gold(["postcode"]) != nil { kind = "postcode" }
                return PseudonymiserEvaluation.Span(kind: kind, start: start, end: end)
            }
        }
    }

    /// Python counts code points; we count Characters: the Character of each code point.
    static func characterOffsets(_ text: String) -> [Int] {
        var offsets: [Int] = []
        for (n, character) in text.enumerated() { offsets += Array(repeating: n, count: character.unicodeScalars.count) }
        return offsets
    }
}
