import SamenCore

/// The steps of the public form: one per dimension, then "about you" (segment questions
/// and the optional scores) when the survey asks any. Field names: `n<i>` / `e<i>` for
/// item i's need and experience (a number or `dk`), `seg_<code>`, `nps`, `ces`, `mark`.
struct PublicSurveyForm {
    let survey: Survey
    let set: DimensionSet?
    let renderer: Renderer
    let context: AppRequestContext

    struct Choice {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct Question {
        let name: String
        let legend: String
        let hint: String
        let choices: [Choice]
        let error: String?
    }

    struct ItemBlock {
        let text: String
        let need: Question
        let experience: Question
    }

    struct Hidden {
        let name: String
        let value: String
    }

    struct Body {
        let title: String
        let intro: String?
        let stepText: String
        let step: Int
        let total: Int
        let heading: String
        let definition: String
        let items: [ItemBlock]
        let questions: [Question]
        let hidden: [Hidden]
        let action: String
        let button: String
        let form: FormState
    }

    var dimensions: [String] { survey.dimensionCodes }
    var hasFinalStep: Bool { !survey.askedSegments.isEmpty || survey.asksNPS || survey.asksCES || survey.asksMark }
    var stepCount: Int { dimensions.count + (hasFinalStep ? 1 : 0) }

    func t(_ key: String) -> String { renderer.text(key, context) }

    /// Every known field present in the submission (hidden earlier steps and this one).
    func answers(from form: FormData) -> [String: String] {
        var names = survey.items.indices.flatMap { ["n\($0)", "e\($0)"] }
        names += survey.askedSegments.map { "seg_" + $0.question.rawValue } + ["nps", "ces", "mark"]
        var answers: [String: String] = [:]
        for name in names where !form[name].isEmpty { answers[name] = form[name] }
        return answers
    }

    func allowed(_ name: String) -> [String] {
        if name.wholeMatch(of: /[ne][0-9]+/) != nil {
            return (1...survey.scale.maximum).map(String.init) + ["dk"]
        }
        if name.hasPrefix("seg_"), let question = SegmentQuestion(rawValue: String(name.dropFirst(4))) {
            return survey.segments.first { $0.question == question }?.levels ?? []
        }
        switch name {
        case "nps": return (0...10).map(String.init)
        case "ces": return (1...7).map(String.init)
        default: return (1...10).map(String.init)
        }
    }

    func validate(_ answers: [String: String]) -> [SamenError] {
        answers.sorted { $0.key < $1.key }.compactMap { name, value in
            allowed(name).contains(value) ? nil : SamenError.validation("survey_answer_invalid", field: name)
        }
    }

    func sheet(_ answers: [String: String]) -> SurveyAnswerSheet {
        func number(_ name: String) -> Double? { answers[name].flatMap(Double.init) }
        var segments: [SegmentQuestion: String] = [:]
        for question in survey.askedSegments { segments[question.question] = answers["seg_" + question.question.rawValue] }
        return SurveyAnswerSheet(need: survey.items.indices.map { number("n\($0)") },
                                 experience: survey.items.indices.map { number("e\($0)") },
                                 segments: segments, nps: number("nps").map { Int($0) }, ces: number("ces").map { Int($0) },
                                 mark: number("mark").map { Int($0) })
    }

    func question(_ name: String, legend: String, hint: String, values: [(String, String)], answers: [String: String],
                  form: FormState) -> Question {
        Question(name: name, legend: legend, hint: hint,
                 choices: values.map { Choice(id: "\(name)-\($0.0.isEmpty ? "none" : $0.0)", value: $0.0, label: $0.1,
                                              checked: answers[name] == $0.0) },
                 error: form.fields[name]?.error)
    }

    func body(step: Int, answers: [String: String], errors: [SamenError], action: String) -> Body {
        let form = renderer.form(errors: errors, context)
        let scale = (1...survey.scale.maximum).map { (String($0), String($0)) } + [("dk", t("public_survey_dont_know"))]
        var shown = Set<String>()
        var items: [ItemBlock] = []
        var questions: [Question] = []
        var heading = t("public_survey_about_you")
        var definition = ""
        if step <= dimensions.count {
            let code = dimensions[step - 1]
            let dimension = set?.dimensions.first { $0.code == code }
            heading = dimension?.name(context.locale) ?? code
            definition = dimension?.definition(context.locale) ?? ""
            for (index, item) in survey.items.enumerated() where item.dimensionCode == code {
                shown.formUnion(["n\(index)", "e\(index)"])
                items.append(ItemBlock(
                    text: item.text(context.locale),
                    need: question("n\(index)", legend: t("public_survey_need"),
                                   hint: "1 = \(t("public_survey_scale_low")), \(survey.scale.maximum) = \(t("public_survey_scale_high"))",
                                   values: scale, answers: answers, form: form),
                    experience: question("e\(index)", legend: t("public_survey_experience"),
                                         hint: "1 = \(t("public_survey_scale_exp_low")), \(survey.scale.maximum) = \(t("public_survey_scale_exp_high"))",
                                         values: scale, answers: answers, form: form)))
            }
        } else {
            for segment in survey.askedSegments {
                let name = "seg_" + segment.question.rawValue
                shown.insert(name)
                questions.append(question(name, legend: t("segment_" + segment.question.rawValue), hint: "",
                                          values: segment.levels.map { ($0, $0) } + [("", t("public_survey_no_answer"))],
                                          answers: answers, form: form))
            }
            for (name, asked, range) in [("nps", survey.asksNPS, 0...10), ("ces", survey.asksCES, 1...7), ("mark", survey.asksMark, 1...10)]
            where asked {
                shown.insert(name)
                questions.append(question(name, legend: t("public_survey_" + name), hint: "",
                                          values: range.map { (String($0), String($0)) }, answers: answers, form: form))
            }
        }
        let hidden = answers.filter { !shown.contains($0.key) }.sorted { $0.key < $1.key }.map { Hidden(name: $0.key, value: $0.value) }
        return Body(
            title: survey.title, intro: step == 1 ? t("public_survey_intro") : nil,
            stepText: t("public_survey_step").replacingOccurrences(of: "{step}", with: String(step))
                .replacingOccurrences(of: "{total}", with: String(stepCount)),
            step: step, total: stepCount, heading: heading, definition: definition, items: items, questions: questions,
            hidden: hidden, action: action, button: t(step < stepCount ? "public_survey_next" : "public_survey_send"), form: form)
    }
}
