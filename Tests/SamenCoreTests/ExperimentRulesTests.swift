import SamenCore
import Testing

@Suite("Experiment and learning-log rules")
struct ExperimentRulesTests {
    static let today = CalendarDate("2026-06-15")!

    static func codes(_ body: () throws -> Any) -> [String] {
        do { _ = try body(); return [] } catch let e as ValidationErrors { return e.errors.map(\.code) } catch { return ["other"] }
    }

    /// The rules between fields are conflicts (409 in the API), as no schema can state them.
    static func kinds(_ body: () throws -> Any) -> [SamenError.Kind] {
        do { _ = try body(); return [] } catch let e as ValidationErrors { return e.errors.map(\.kind) } catch { return [] }
    }

    static func testCard() -> ExperimentInput {
        var input = ExperimentInput()
        input.title = "Proefbrief"; input.belief = "Mensen begrijpen de brief"; input.test = "Brief meegeven"
        input.metric = "Wie weet de volgende stap"; input.criterion = "8 van de 10"
        return input
    }

    static func learning(_ input: ExperimentInput, decision: String = "persevere") -> ExperimentInput {
        var out = input
        out.observed = "11 van de 14"; out.learned = "Gewone taal helpt"; out.decision = decision
        return out
    }

    @Test("an experiment needs only a title; links are trimmed, blank optional links are none")
    func minimal() throws {
        var input = ExperimentInput()
        input.title = " Proef "; input.interventionID = " "
        let e = try input.validated(trajectoryID: "t")
        #expect(e.title == "Proef" && e.interventionID == nil && e.decision == nil && !e.hasCompleteTestCard && !e.hasLearningCard)
        #expect(Self.codes { try ExperimentInput().validated(trajectoryID: "t") } == ["field_required"])
    }

    @Test("a learning card before the test card is complete is refused on the learning card; with a complete test card it is saved")
    func learningNeedsTestCard() throws {
        var incomplete = Self.testCard()
        incomplete.criterion = " "
        #expect(Self.codes { try Self.learning(incomplete).validated(trajectoryID: "t") } == ["experiment_test_card_incomplete"])
        #expect(Self.kinds { try Self.learning(incomplete).validated(trajectoryID: "t") } == [.conflict])
        let saved = try Self.learning(Self.testCard()).validated(trajectoryID: "t")
        #expect(saved.decision == .persevere && saved.hasLearningCard && saved.hasCompleteTestCard)
        #expect(Self.codes { try incomplete.validated(trajectoryID: "t") } == [], "an incomplete test card alone is a draft")
    }

    @Test("a learning card needs a decision and what was learned; an unknown decision is a field error")
    func learningNeedsDecision() throws {
        let none = Self.learning(Self.testCard(), decision: "")
        #expect(Self.codes { try none.validated(trajectoryID: "t") } == ["experiment_decision_required"])
        var noLesson = Self.learning(Self.testCard())
        noLesson.learned = ""
        #expect(Self.codes { try noLesson.validated(trajectoryID: "t") } == ["experiment_learned_required"])
        #expect(Self.codes { try Self.learning(Self.testCard(), decision: "maybe").validated(trajectoryID: "t") } == ["decision_invalid"])
        for decision in ExperimentDecision.allCases {
            #expect(try Self.learning(Self.testCard(), decision: decision.rawValue).validated(trajectoryID: "t").decision == decision)
        }
    }

    @Test("the end may not lie before the start; the same day or no dates is fine; a bad date is a field error")
    func dates() throws {
        var input = Self.testCard()
        input.startsOn = "2026-05-10"; input.endsOn = "2026-05-09"
        let refused = Self.codes { try input.validated(trajectoryID: "t") }
        #expect(refused == ["dates_out_of_order"])
        input.endsOn = "2026-05-10"
        #expect(try input.validated(trajectoryID: "t").endsOn == "2026-05-10")
        input.endsOn = "10 mei"
        #expect(Self.codes { try input.validated(trajectoryID: "t") } == ["date_invalid"])
    }

    @Test("the learning card is overdue only more than three weeks after the end, and never once it is written",
          arguments: [("2026-05-25", nil as String?, false), ("2026-05-24", nil, true), ("2026-03-01", "stop", false), (nil, nil, false)])
    func overdue(end: String?, decision: String?, flagged: Bool) throws {
        var input = Self.testCard()
        input.endsOn = end ?? ""
        if let decision { input = Self.learning(input, decision: decision) }
        let e = try input.validated(trajectoryID: "t")
        #expect(ExperimentRules.learningGraceWeeks == 3)
        #expect(ExperimentRules.isLearningOverdue(e, today: Self.today) == flagged)
    }

    @Test("a lesson needs a date not in the future, a phase, a kind and the lesson; a valid one passes")
    func lessons() throws {
        var input = LessonInput()
        input.learnedOn = "2026-06-16"; input.phase = "later"; input.kind = "nice"; input.summary = " "
        #expect(Set(Self.codes { try input.validated(trajectoryID: "t", today: Self.today) })
                == ["date_in_future", "phase_invalid", "lesson_kind_invalid", "field_required"])
        input.learnedOn = "2026-06-15"; input.phase = "co_design"; input.kind = "did_not_work"; input.summary = "Alleen online werkte niet"
        let lesson = try input.validated(trajectoryID: "t", today: Self.today)
        #expect(lesson.phase == .coDesign && lesson.kind == .didNotWork && lesson.summary == "Alleen online werkte niet")
    }

    static func wave(_ name: String, _ start: String?, _ end: String? = nil, created: Int64 = 0) -> SurveyWave {
        SurveyWave(id: name, surveyID: "s", name: name, startsOn: start, endsOn: end, createdAt: created)
    }

    @Test("the effect compares the latest wave before the implementation with the first on or after it; undated waves are left out")
    func effectWaves() throws {
        let waves = [Self.wave("Najaar", "2026-09-01"), Self.wave("Voorjaar", "2026-03-01"), Self.wave("Zomer", "2026-06-01"),
                     Self.wave("Los", nil), Self.wave("Eind", nil, "2026-05-01")]
        let around = InterventionEffectRules.waves(waves, around: CalendarDate("2026-06-01")!)
        #expect(around.before?.name == "Eind" && around.after?.name == "Zomer")
        let early = InterventionEffectRules.waves(waves, around: CalendarDate("2026-01-01")!)
        #expect(early.before == nil && early.after?.name == "Voorjaar")
        let late = InterventionEffectRules.waves(waves, around: CalendarDate("2026-12-01")!)
        #expect(late.before?.name == "Najaar" && late.after == nil)
        let history = [StatusChange(id: "1", interventionID: "i", from: nil, to: .idea, on: "2026-01-01", reason: "", by: "I"),
                       StatusChange(id: "2", interventionID: "i", from: .inExperiment, to: .implemented, on: "2026-02-01", reason: "", by: "I"),
                       StatusChange(id: "3", interventionID: "i", from: .implemented, to: .inExperiment, on: "2026-03-01", reason: "", by: "I"),
                       StatusChange(id: "4", interventionID: "i", from: .inExperiment, to: .implemented, on: "2026-04-01", reason: "", by: "I")]
        #expect(InterventionEffectRules.implementedOn(history)?.description == "2026-04-01", "the latest move to implemented counts")
        #expect(InterventionEffectRules.implementedOn(Array(history.prefix(1))) == nil)
    }
}
