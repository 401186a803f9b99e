import Testing
@testable import SamenCore

@Suite("Story rules")
struct StoryRulesTests {
    @Test("an empty story is refused; answers are joined under their questions")
    func compose() throws {
        if case .failure(let e) = StoryRules.compose(questions: ["A?", "B?"], answers: [" ", ""]) {
            #expect(e.errors.map(\.code) == ["story_empty"])
        } else { Issue.record("an empty story must be refused") }
        #expect(try StoryRules.compose(questions: ["A?", "B?"], answers: ["", "Ja."]).get() == "B?\nJa.")
        if case .failure(let e) = StoryRules.compose(questions: ["A?"], answers: [String(repeating: "x", count: 5001)]) {
            #expect(e.errors.map(\.code) == ["answer_too_long"])
        } else { Issue.record("too long must be refused") }
    }

    @Test("receipt codes are 12 unambiguous characters in groups and normalise from what people type")
    func receipt() {
        var generator = SystemRandomNumberGenerator()
        let code = StoryRules.receiptCode(using: &generator)
        #expect(code.count == 14 && code.split(separator: "-").count == 3)
        #expect(StoryRules.normalisedReceipt(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(StoryRules.normalisedReceipt("ABCD-EFGH-JK") == nil, "too short")
        #expect(StoryRules.normalisedReceipt("ABCD-EFGH-JK0O") == nil, "look-alikes are never issued")
    }

    @Test("WebVTT transcripts become plain text")
    func vtt() {
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe ging de aanvraag?</v>\n\n2\n00:00:05.000 --> 00:00:09.000\n<v Bewoner>Ik snapte de brief niet.\n"
        #expect(StoryRules.textFromVTT(vtt) == "Hoe ging de aanvraag?\n\nIk snapte de brief niet.")
    }
}
