/// The tables an open-data package can hold. Each part of the export (`OpenDataPart`) adds
/// some of them; the trajectory table is always there, as every other table points at it.
public enum OpenDataSchemas {
    static func id(_ what: String, _ whatEN: String) -> DataField {
        DataField("id", .string, nl: "Kenmerk van \(what)", en: "Identifier of the \(whatEN)")
    }

    static let trajectoryKey = DataForeignKey(["trajectory_id"], "trajectories", ["id"])
    static let trajectoryField = DataField("trajectory_id", .string, nl: "Het traject (trajectories.id)", en: "The trajectory (trajectories.id)")

    public static let trajectories = DataTableSchema(
        "trajectories", titleNL: "Trajecten", titleEN: "Trajectories",
        nl: "Een traject: een dienst die samen met de mensen die haar gebruiken opnieuw wordt ontworpen.",
        en: "A trajectory: a service redesigned together with the people who use it.",
        fields: [
            id("het traject", "trajectory"),
            DataField("title", .string, nl: "Naam van het traject", en: "Name of the trajectory"),
            DataField("service", .string, nl: "De dienst die het traject verbetert", en: "The service the trajectory improves"),
            DataField("goal", .string, nl: "Het doel", en: "The goal"),
            DataField("start_date", .date, nl: "Begindatum", en: "Start date"),
            DataField("end_date", .date, nl: "Einddatum (leeg: nog niet bekend)", en: "End date (empty: not known yet)", required: false),
            DataField("current_phase", .string, nl: "De fase waarin het traject nu is", en: "The phase the trajectory is in now",
                      values: Phase.allCases.map(\.rawValue)),
        ], primaryKey: ["id"])

    public static let phases = DataTableSchema(
        "phases", titleNL: "Fasen", titleEN: "Phases",
        nl: "De stand van elke fase van een traject (co-initiatie, co-ontwerp, co-implementatie, co-evaluatie).",
        en: "The status of each phase of a trajectory (co-initiation, co-design, co-implementation, co-evaluation).",
        fields: [
            trajectoryField,
            DataField("phase", .string, nl: "De fase", en: "The phase", values: Phase.allCases.map(\.rawValue)),
            DataField("status", .string, nl: "Niet begonnen, open of gesloten", en: "Not started, open or closed",
                      values: ["not_started", "open", "closed"]),
        ], primaryKey: ["trajectory_id", "phase"], foreignKeys: [trajectoryKey])

    public static let activities = DataTableSchema(
        "activities", titleNL: "Activiteiten", titleEN: "Activities",
        nl: "Bijeenkomsten, interviews en andere activiteiten waarin mensen meededen. Plaats, begeleider en notities zijn weggelaten.",
        en: "Sessions, interviews and other activities in which people took part. Place, facilitator and notes are left out.",
        fields: [
            id("de activiteit", "activity"), trajectoryField,
            DataField("phase", .string, nl: "De fase", en: "The phase", values: Phase.allCases.map(\.rawValue)),
            DataField("kind", .string, nl: "Soort activiteit", en: "Kind of activity", values: ActivityKind.allCases.map(\.rawValue)),
            DataField("title", .string, nl: "Naam (gepseudonimiseerd)", en: "Name (pseudonymised)"),
            DataField("date", .date, nl: "Datum", en: "Date"),
        ], primaryKey: ["id"], foreignKeys: [trajectoryKey])

    public static let coverage = DataTableSchema(
        "coverage", titleNL: "Wie we hoorden", titleEN: "Who was heard",
        nl: "Het aantal verschillende deelnemers per fase en groep. Aantallen van 1 tot \(OpenDataRules.minimumGroupSize - 1) zijn weggelaten (leeg) zodat niemand herkenbaar is.",
        en: "The number of different participants per phase and group. Counts from 1 to \(OpenDataRules.minimumGroupSize - 1) are left out (empty) so nobody can be recognised.",
        fields: [
            trajectoryField,
            DataField("phase", .string, nl: "De fase", en: "The phase", values: Phase.allCases.map(\.rawValue)),
            DataField("group", .string, nl: "De groep", en: "The group", values: StakeholderGroup.allCases.map(\.rawValue)),
            DataField("participants", .integer, nl: "Aantal deelnemers (leeg: minder dan \(OpenDataRules.minimumGroupSize))",
                      en: "Number of participants (empty: fewer than \(OpenDataRules.minimumGroupSize))", required: false, minimum: 0),
            DataField("suppressed", .boolean, nl: "1 als het aantal is weggelaten", en: "1 when the count is left out"),
        ], primaryKey: ["trajectory_id", "phase", "group"], foreignKeys: [trajectoryKey])

    public static let stories = DataTableSchema(
        "stories", titleNL: "Verhalen", titleEN: "Stories",
        nl: "Verhalen van inwoners, alleen gepseudonimiseerd en alleen als de verteller toestemming gaf voor publicatie.",
        en: "Stories told by residents, pseudonymised only, and only when the teller consented to publication.",
        fields: [
            id("het verhaal", "story"), trajectoryField,
            DataField("source", .string, nl: "Via de openbare link of uit een interview", en: "Through the public link or from an interview",
                      values: ["public", "interview"]),
            DataField("channel", .string, nl: "Het kanaal waarover het verhaal gaat", en: "The channel the story is about", required: false),
            DataField("text", .string, nl: "De gepseudonimiseerde tekst", en: "The pseudonymised text"),
            DataField("received_on", .date, nl: "Datum van ontvangst", en: "Date received"),
        ], primaryKey: ["id"], foreignKeys: [trajectoryKey])

    public static let insights = DataTableSchema(
        "insights", titleNL: "Inzichten", titleEN: "Insights",
        nl: "Wat het team uit de verhalen en gesprekken leerde (gepseudonimiseerd).",
        en: "What the team learned from the stories and conversations (pseudonymised).",
        fields: [
            id("het inzicht", "insight"), trajectoryField,
            DataField("title", .string, nl: "Het inzicht in het kort", en: "The insight in short"),
            DataField("description", .string, nl: "Toelichting", en: "Explanation", required: false),
        ], primaryKey: ["id"], foreignKeys: [trajectoryKey])

    public static let interventions = DataTableSchema(
        "interventions", titleNL: "Verbeteringen", titleEN: "Interventions",
        nl: "Wat de organisatie verandert in de dienst, met de stand van zaken. De eigenaar (een persoon) is weggelaten.",
        en: "What the organisation changes in the service, and how it stands. The owner (a person) is left out.",
        fields: [
            id("de verbetering", "intervention"), trajectoryField,
            DataField("title", .string, nl: "Naam (gepseudonimiseerd)", en: "Name (pseudonymised)"),
            DataField("description", .string, nl: "Beschrijving (gepseudonimiseerd)", en: "Description (pseudonymised)", required: false),
            DataField("horizon", .string, nl: "Termijn: kort (< 1 jaar), middel (1–3 jaar), lang (> 3 jaar)",
                      en: "Horizon: short (< 1 year), medium (1–3 years), long (> 3 years)", values: Horizon.allCases.map(\.rawValue)),
            DataField("effort", .string, nl: "Inspanning", en: "Effort", values: Effort.allCases.map(\.rawValue)),
            DataField("cost_eur", .integer, nl: "Verwachte kosten in hele euro's (leeg: onbekend)", en: "Expected cost in whole euros (empty: unknown)",
                      required: false, minimum: 0),
            DataField("status", .string, nl: "Stand van zaken", en: "Status", values: InterventionStatus.allCases.map(\.rawValue)),
            DataField("status_since", .date, nl: "Datum van de laatste statuswijziging", en: "Date of the latest status change"),
        ], primaryKey: ["id"], foreignKeys: [trajectoryKey])

    public static let interventionInsights = DataTableSchema(
        "intervention_insights", titleNL: "Verbetering per inzicht", titleEN: "Intervention per insight",
        nl: "Welk inzicht een verbetering beantwoordt: de keten van wat inwoners zeiden naar wat er veranderde.",
        en: "Which insight an intervention answers: the chain from what residents said to what changed.",
        fields: [
            DataField("intervention_id", .string, nl: "De verbetering (interventions.id)", en: "The intervention (interventions.id)"),
            DataField("insight_id", .string, nl: "Het inzicht (insights.id)", en: "The insight (insights.id)"),
        ], primaryKey: ["intervention_id", "insight_id"],
        foreignKeys: [DataForeignKey(["intervention_id"], "interventions", ["id"]), DataForeignKey(["insight_id"], "insights", ["id"])])

    public static let leftOut = DataTableSchema(
        "left_out", titleNL: "Weggelaten", titleEN: "Left out",
        nl: "Wat dit pakket niet bevat, hoeveel en waarom.", en: "What this package leaves out, how much and why.",
        fields: [
            DataField("what", .string, nl: "Wat is weggelaten", en: "What was left out"),
            DataField("count", .integer, nl: "Hoeveel (leeg: niet te tellen)", en: "How many (empty: not countable)", required: false, minimum: 0),
            DataField("reason_nl", .string, nl: "Waarom", en: "Why, in Dutch"),
            DataField("reason_en", .string, nl: "Waarom, in het Engels", en: "Why"),
        ], primaryKey: ["what"])
}

/// The parts a person can choose for an export; the trajectories and phases are always in it.
public enum OpenDataPart: String, CaseIterable, Sendable {
    case activities, coverage, stories, insights, portfolio
}
