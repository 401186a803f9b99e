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
        /// The answers on the scale (or the levels), side by side; `columns` (the CSS classes)
        /// lays them out as rows of equal columns, so 1–7 fits one line at 360 px.
        let choices: [Choice]
        let columns: String
        /// "weet ik niet" (or "zeg ik liever niet"), set apart below the scale.
        let apart: [Choice]
        let hasApart: Bool
        /// The lead or the item's sentence the question refers to; nil for questions without
        /// one (an empty `aria-describedby` points at nothing).
        let describedBy: String?
        let error: String?
    }

    struct ItemBlock {
        /// The item's own sentence; nil when it is the dimension's lead, which is said once above.
        let statement: String?
        let statementID: String
        let need: Question
        let experience: Question
    }

    struct Hidden {
        let name: String
        let value: String
    }

    /// Shown when a step is sent without any answer: go on anyway, or fill it in.
    struct EmptyNotice {
        let title: String
        let text: String
        let skip: String
    }

    struct Body {
        let pageTitle: String
        let title: String
        let intro: String?
        let stepText: String
        let step: Int
        let total: Int
        let heading: String
        let lead: String
        let leadID: String
        let items: [ItemBlock]
        let questions: [Question]
        let hidden: [Hidden]
        let action: String
        let button: String
        let back: String?
        let empty: EmptyNotice?
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

    func question(_ name: String, legend: String, hint: String, values: [(String, String)], apart: [(String, String)] = [],
                  columns: Int = 0, describedBy: String? = nil, answers: [String: String], form: FormState) -> Question {
        func choices(_ values: [(String, String)]) -> [Choice] {
            values.map { Choice(id: "\(name)-\($0.0.isEmpty ? "none" : $0.0)", value: $0.0, label: $0.1, checked: answers[name] == $0.0) }
        }
        return Question(name: name, legend: legend, hint: hint, choices: choices(values),
                        columns: columns > 0 ? "columns columns-\(columns)" : "",
                        apart: choices(apart), hasApart: !apart.isEmpty, describedBy: describedBy, error: form.fields[name]?.error)
    }

    /// The items asked on a dimension's step: its worded items, not the unworded copies.
    func askedItems(_ code: String) -> [(index: Int, item: SurveyItem)] {
        let dimension = set?.dimensions.first { $0.code == code }
        return survey.items.enumerated().filter { _, item in
            item.dimensionCode == code && !(dimension.map { SurveyRules.isUnwordedCopy(item, of: $0) } ?? false)
        }.map { ($0.offset, $0.element) }
    }

    /// The field names a step asks.
    func names(step: Int) -> [String] {
        guard step >= 1 && step <= dimensions.count else { return [] }
        return askedItems(dimensions[step - 1]).flatMap { ["n\($0.index)", "e\($0.index)"] }
    }

    /// True when a dimension step was sent without a single answer.
    func isEmpty(step: Int, _ answers: [String: String]) -> Bool {
        let names = names(step: step)
        return !names.isEmpty && names.allSatisfy { answers[$0] == nil }
    }

    func body(step: Int, answers: [String: String], errors: [SamenError], action: String, emptyNotice: Bool = false) -> Body {
        let form = renderer.form(errors: errors, context)
        let scale = (1...survey.scale.maximum).map { (String($0), String($0)) }
        let dontKnow = [("dk", t("public_survey_dont_know"))]
        let columns = survey.scale.maximum <= 7 ? survey.scale.maximum : 5
        var shown = Set<String>()
        var items: [ItemBlock] = []
        var questions: [Question] = []
        var heading = t("public_survey_about_you")
        var lead = ""
        let leadID = "step-lead"
        if step <= dimensions.count {
            let code = dimensions[step - 1]
            let dimension = set?.dimensions.first { $0.code == code }
            heading = dimension?.name(context.locale) ?? code
            lead = dimension?.definition(context.locale) ?? ""
            for (index, item) in askedItems(code) {
                shown.formUnion(["n\(index)", "e\(index)"])
                let text = item.text(context.locale)
                let statement = text.trimmed == lead.trimmed || text.trimmed.isEmpty ? nil : text
                let statementID = "statement-\(index)"
                let describedBy = statement == nil ? (lead.isEmpty ? nil : leadID) : statementID
                items.append(ItemBlock(
                    statement: statement, statementID: statementID,
                    need: question("n\(index)", legend: t("public_survey_need"),
                                   hint: "1 = \(t("public_survey_scale_low")), \(survey.scale.maximum) = \(t("public_survey_scale_high"))",
                                   values: scale, apart: dontKnow, columns: columns, describedBy: describedBy, answers: answers, form: form),
                    experience: question("e\(index)", legend: t("public_survey_experience"),
                                         hint: "1 = \(t("public_survey_scale_exp_low")), \(survey.scale.maximum) = \(t("public_survey_scale_exp_high"))",
                                         values: scale, apart: dontKnow, columns: columns, describedBy: describedBy,
                                         answers: answers, form: form)))
            }
        } else {
            for segment in survey.askedSegments {
                let name = "seg_" + segment.question.rawValue
                shown.insert(name)
                questions.append(question(name, legend: t("segment_" + segment.question.rawValue), hint: "",
                                          values: segment.levels.map { ($0, $0) }, apart: [("", t("public_survey_no_answer"))],
                                          answers: answers, form: form))
            }
            for (name, asked, range) in [("nps", survey.asksNPS, 0...10), ("ces", survey.asksCES, 1...7), ("mark", survey.asksMark, 1...10)]
            where asked {
                shown.insert(name)
                questions.append(question(name, legend: t("public_survey_" + name), hint: "",
                                          values: range.map { (String($0), String($0)) }, columns: range.count <= 7 ? range.count : 0,
                                          answers: answers, form: form))
            }
        }
        let hidden = answers.filter { !shown.contains($0.key) }.sorted { $0.key < $1.key }.map { Hidden(name: $0.key, value: $0.value) }
        let stepText = t("public_survey_step").replacingOccurrences(of: "{step}", with: String(step))
            .replacingOccurrences(of: "{total}", with: String(stepCount))
        let empty = emptyNotice ? EmptyNotice(title: t("public_survey_empty_title"), text: t("public_survey_empty_text"),
                                              skip: t(step < stepCount ? "public_survey_empty_skip" : "public_survey_empty_send")) : nil
        // "Fout:" in front while answers are refused comes from the page renderer (every 422).
        return Body(
            pageTitle: "\(stepText) — \(heading) — \(survey.title)",
            title: survey.title, intro: step == 1 ? t("public_survey_intro") : nil, stepText: stepText,
            step: step, total: stepCount, heading: heading, lead: lead, leadID: leadID, items: items, questions: questions,
            hidden: hidden, action: action, button: t(step < stepCount ? "public_survey_next" : "public_survey_send"),
            back: step > 1 ? t("public_survey_back") : nil, empty: empty, form: form)
    }
}
