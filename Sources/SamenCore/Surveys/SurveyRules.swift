import Foundation

/// The default dimension set and the input rules of the survey instrument.
public enum SurveyRules {
    /// domain.md §7: the published names of the eight dimensions could not be found, so
    /// this working set ships as data (replaceable by an organisation or a later set).
    public static let defaultSetName = "Persoonlijke dienstverlening (8 dimensies)"
    public static let defaultSetSource = "Samen, naar Hogeschool Utrecht (seed 003); werkset, domain.md §7"
    public static let defaultSetVersion = 1

    public static let defaultDimensions: [DimensionDefinition] = [
        .init(code: "known", nameNL: "Gekend worden", nameEN: "Being known",
              definitionNL: "Ze kennen mijn situatie; ik hoef mijn verhaal niet steeds opnieuw te vertellen.",
              definitionEN: "They know my situation; I need not repeat myself."),
        .init(code: "tailored", nameNL: "Maatwerk", nameEN: "Tailoring",
              definitionNL: "Het antwoord past bij mijn situatie; er is ruimte om af te wijken.",
              definitionEN: "The answer fits my circumstances; there is room for judgement."),
        .init(code: "empathy", nameNL: "Aandacht en empathie", nameEN: "Attention and empathy",
              definitionNL: "Ik word gehoord en serieus genomen, zonder oordeel.",
              definitionEN: "I am heard, taken seriously, not judged."),
        .init(code: "proactive", nameNL: "Proactiviteit", nameEN: "Proactivity",
              definitionNL: "Ze komen zelf in actie, op het goede moment.",
              definitionEN: "They act first, at the right moment (life events)."),
        .init(code: "clarity", nameNL: "Begrijpelijkheid", nameEN: "Clarity",
              definitionNL: "Ik begrijp de taal; ik weet wat er gebeurt en hoe ver mijn zaak is.",
              definitionEN: "Plain language; I know what happens and where my case is."),
        .init(code: "control", nameNL: "Regie en keuze", nameEN: "Control and choice",
              definitionNL: "Ik kies zelf hoe ik contact heb en houd de regie.",
              definitionEN: "I choose the channel and stay in control."),
        .init(code: "continuity", nameNL: "Bereikbaarheid en continuïteit", nameEN: "Reachability and continuity",
              definitionNL: "Ik heb een vast contactpersoon; ze dragen mij goed over en komen terug op mijn vraag.",
              definitionEN: "A named contact, warm hand-overs, follow-up."),
        .init(code: "trust", nameNL: "Betrouwbaarheid en vertrouwen", nameEN: "Reliability and trust",
              definitionNL: "Ze doen wat ze beloven en gaan zorgvuldig om met mijn gegevens.",
              definitionEN: "Promises kept; my data handled with care."),
    ]

    /// The levels offered by default for the segment questions that have common answers.
    public static let defaultLevels: [SegmentQuestion: [String]] = [
        .channel: ["balie", "telefoon", "website", "brief", "huisbezoek"],
        .ageBand: ["tot 27", "27-44", "45-64", "65 en ouder"],
        .persona: [],
        .district: [],
    ]

    public static let maximumItemsPerDimension = 5
    public static let maximumLevels = 30

    public static func checkTitle(_ title: String, field: String = "title") -> [SamenError] {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("survey_title_required", field: field)] }
        if trimmed.count > 160 { return [.validation("survey_title_too_long", field: field)] }
        return []
    }

    public static func checkScale(_ raw: String, field: String = "scale") -> Result<SurveyScaleOption, SamenError> {
        guard let value = Int(raw), let scale = SurveyScaleOption(rawValue: value) else {
            return .failure(.validation("survey_scale_invalid", field: field))
        }
        return .success(scale)
    }

    public static func checkItemsPerDimension(_ raw: String, field: String = "items_per_dimension") -> Result<Int, SamenError> {
        guard let value = Int(raw), (1...maximumItemsPerDimension).contains(value) else {
            return .failure(.validation("survey_items_invalid", field: field))
        }
        return .success(value)
    }

    /// Levels typed one per line (or separated by commas): trimmed, empty ones dropped, no duplicates.
    public static func levels(from raw: String) -> [String] {
        var seen = Set<String>()
        return raw.split(whereSeparator: { $0.isNewline || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    public static func checkLevels(_ levels: [String], field: String) -> [SamenError] {
        if levels.count > maximumLevels { return [.validation("survey_levels_too_many", field: field)] }
        if levels.contains(where: { $0.count > 60 }) { return [.validation("survey_level_too_long", field: field)] }
        return []
    }

    public static func checkWaveName(_ name: String, field: String = "name") -> [SamenError] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("wave_name_required", field: field)] }
        if trimmed.count > 80 { return [.validation("wave_name_too_long", field: field)] }
        return []
    }

    /// An optional date as yyyy-mm-dd; the end of a period may not come before its start.
    public static func checkPeriod(start: String, end: String) -> [SamenError] {
        var errors: [SamenError] = []
        let startOK = start.isEmpty || isDate(start)
        let endOK = end.isEmpty || isDate(end)
        if !startOK { errors.append(.validation("wave_date_invalid", field: "starts_on")) }
        if !endOK { errors.append(.validation("wave_date_invalid", field: "ends_on")) }
        if startOK && endOK && !start.isEmpty && !end.isEmpty && end < start {
            errors.append(.validation("wave_period_reversed", field: "ends_on"))
        }
        return errors
    }

    static func isDate(_ text: String) -> Bool {
        guard text.count == 10, text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return false }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return parts.count == 3 && (1...12).contains(parts[1]) && (1...31).contains(parts[2])
    }

    /// A dimension code: lowercase letter, then letters, digits or underscores (at most 32).
    public static func checkDimensionCode(_ code: String, field: String) -> [SamenError] {
        code.wholeMatch(of: /[a-z][a-z0-9_]{0,31}/) == nil ? [.validation("dimension_code_invalid", field: field)] : []
    }

    public static func checkDimensionName(_ name: String, field: String) -> [SamenError] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("dimension_name_required", field: field)] }
        if trimmed.count > 120 { return [.validation("name_too_long", field: field)] }
        return []
    }

    /// The default items of a new survey: the dimension's definition as the statement.
    /// Further items of a dimension start as a copy, marked so the team words them.
    public static func defaultItemText(_ dimension: DimensionDefinition, number: Int, _ locale: AppLocale) -> String {
        let base = dimension.definition(locale)
        return number == 1 ? base : "\(base) (\(locale == .en ? "item" : "vraag") \(number))"
    }
}

extension SurveyRules {
    /// A further item still worded as its default copy ("… (vraag 2)"): the team has not
    /// worded it yet, so the citizen's form does not ask the same sentence a second time.
    /// Judged on the Dutch text, so both languages ask the same items.
    public static func isUnwordedCopy(_ item: SurveyItem, of dimension: DimensionDefinition) -> Bool {
        item.number > 1 && item.textNL == defaultItemText(dimension, number: item.number, .nl)
    }
}
