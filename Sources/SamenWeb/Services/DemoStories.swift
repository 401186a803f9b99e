import SamenCore
import SamenStore

/// Demo stories for the demo trajectory: a public link, two stories told through it and
/// one interview, pseudonymised as a real submission would be.
enum DemoStories {
    static func load(database: Database, organisationID: String) async throws {
        let store = StoryStore(database: database)
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: organisationID).first else { return }
        let link = try await store.createLink(organisationID: organisationID, trajectoryID: trajectory.id, token: "demo-bijzondere-bijstand",
                                              title: "Vertel over uw aanvraag voor bijzondere bijstand",
                                              questions: ["Wat gebeurde er toen u bijzondere bijstand aanvroeg?", "Wat had u geholpen?"])
        let today = CalendarDate(unixTime: Clock.now())
        let retention = CalendarDate(daysSinceEpoch: today.daysSinceEpoch + StoryRules.defaultRetentionDays).description
        let texts: [(String, Story.Source, Bool)] = [
            ("Wat gebeurde er toen u bijzondere bijstand aanvroeg?\nMijn wasmachine ging kapot. Ik moest drie keer bellen naar 06-12345678 en steeds opnieuw uitleggen wat er was. Het formulier vroeg dingen die de gemeente al wist.\n\nWat had u geholpen?\nEén vaste persoon die mijn situatie kent.", .publicLink, true),
            ("Wat gebeurde er toen u bijzondere bijstand aanvroeg?\nIk kreeg een brief die ik niet begreep. Mijn dochter (mail: sanne.jansen@voorbeeld.nl) heeft me geholpen.\n\nWat had u geholpen?\nGewone taal en weten hoe lang het duurt.", .publicLink, false),
            ("Interview aan de keukentafel. Mevrouw vertelt dat ze zich schaamde om hulp te vragen. De consulent was vriendelijk, maar het duurde zes weken voor er een besluit kwam. Ze wist niet waar haar aanvraag was.", .interview, true),
        ]
        var ids: [String] = []
        for (text, source, publication) in texts {
            ids.append(try await store.add(.init(
                trajectoryID: trajectory.id, linkID: source == .publicLink ? link.id : nil, source: source, receiptHash: nil, original: text,
                pseudonymised: Pseudonymiser(currentYear: today.year).pseudonymise(text).text,
                consent: StoryConsent(internalAnalysis: true, publication: publication, reuse: false),
                ageBand: source == .publicLink ? "65+" : "", district: "Noord", channel: "telefoon", retentionDate: retention),
                organisationID: organisationID))
        }
        // Highlights and insights: the evidence chain from their words to what the team learned.
        let evidence = EvidenceStore(database: database)
        let marks: [(Int, String, [String], String, String)] = [
            (0, "steeds opnieuw uitleggen wat er was", ["known", "continuity"], "telefoon", "herhalen"),
            (0, "Eén vaste persoon die mijn situatie kent", ["continuity", "known"], "telefoon", "vast contact"),
            (1, "Ik kreeg een brief die ik niet begreep", ["clarity"], "brief", "brief"),
            (2, "Ze wist niet waar haar aanvraag was", ["clarity", "proactive"], "wachttijd", "wachten"),
        ]
        var highlightIDs: [String] = []
        for (index, quote, dimensions, touchpoint, tag) in marks {
            guard let story = try await store.story(organisationID: organisationID, id: ids[index]),
                  case .success(let passage) = HighlightRules.locate(in: story.pseudonymised, quote: quote, start: "", end: "") else { continue }
            highlightIDs.append(try await evidence.addHighlight(organisationID: organisationID, Highlight(
                id: "", storyID: story.id, start: passage.0, end: passage.1, quote: passage.2, dimensions: dimensions,
                touchpoint: touchpoint, polarity: .destroyed, tags: [tag])).id)
        }
        if highlightIDs.count == marks.count {
            _ = try await evidence.createInsight(organisationID: organisationID, trajectoryID: trajectory.id,
                                                 title: "Mensen moeten hun verhaal steeds opnieuw vertellen",
                                                 description: "Zonder vast contactpersoon begint elk gesprek bij nul.", highlightIDs: Array(highlightIDs[0...1]))
            _ = try await evidence.createInsight(organisationID: organisationID, trajectoryID: trajectory.id,
                                                 title: "De brief en de wachttijd zijn onduidelijk",
                                                 description: "Mensen weten niet wat er staat en niet waar hun aanvraag is.", highlightIDs: Array(highlightIDs[2...3]))
            try await loadPersona(database: database, organisationID: organisationID, trajectoryID: trajectory.id, highlightIDs: highlightIDs)
            try await loadReport(database: database, organisationID: organisationID, trajectoryID: trajectory.id, storyIDs: ids)
        }
    }
}

extension DemoStories {
    /// Persona "Anna" with an as-is journey, each step resting on the demo highlights.
    static func loadPersona(database: Database, organisationID: String, trajectoryID: String, highlightIDs: [String]) async throws {
        let design = DesignStore(database: database)
        let anna = try await design.createPersona(organisationID: organisationID, Persona(
            id: "", trajectoryID: trajectoryID, name: "Anna (67)", quote: "Ik wil één persoon die mijn situatie kent.", ageBand: "65+",
            situation: "Woont alleen, AOW en een klein pensioen, dochter helpt soms.", goals: "Snel een nieuwe wasmachine, zonder gedoe.",
            needs: "Gewone taal, weten waar haar aanvraag is.", frustrations: "Steeds opnieuw uitleggen; brieven die ze niet begrijpt.",
            channels: "Telefoon en balie", digitalSkills: "Weinig", network: "Dochter op afstand", vulnerability: "Schaamte om hulp te vragen",
            highlightIDs: highlightIDs))
        let journey = try await design.createJourney(organisationID: organisationID, Journey(
            id: "", trajectoryID: trajectoryID, personaID: anna.id, scenario: "Kapotte wasmachine vervangen", kind: .asIs))
        let steps: [(String, String, String, Int, String, Bool, [Int])] = [
            ("Ontdekken", "Wasmachine gaat kapot", "home_visit", -1, "Geen geld voor een nieuwe", false, []),
            ("Aanvragen", "Bellen met de gemeente", "phone", -2, "Steeds opnieuw uitleggen", true, [0]),
            ("Aanvragen", "Formulier invullen", "letter", -1, "Vragen die de gemeente al weet", false, [0, 1]),
            ("Wachten", "Brief met het besluit", "letter", -2, "Brief niet te begrijpen; zes weken wachten", true, [2, 3]),
            ("Afronden", "Geld op de rekening", "web", 1, "", false, []),
        ]
        for (i, (stage, touchpoint, channel, emotion, pain, truth, evidence)) in steps.enumerated() {
            try await design.addStep(organisationID: organisationID, trajectoryID: trajectoryID, JourneyStep(
                id: "", journeyID: journey.id, stage: stage, position: i + 1, touchpoint: touchpoint, channel: channel, actor: "Anna",
                emotion: emotion, painPoints: pain, momentOfTruth: truth, opportunities: "", frontstage: channel == "phone" ? "Klantcontactcentrum" : "",
                backstage: "Consulent Werk & Inkomen", support: "Zaaksysteem", highlightIDs: evidence.map { highlightIDs[$0] }))
        }
    }
}

extension DemoStories {
    /// Approves the stories with publication consent and publishes a community report with their quotes.
    static func loadReport(database: Database, organisationID: String, trajectoryID: String, storyIDs: [String]) async throws {
        let stories = StoryStore(database: database)
        var approved: Set<String> = []
        for id in storyIDs {
            guard let story = try await stories.story(organisationID: organisationID, id: id), story.consent.publication else { continue }
            try await stories.review(organisationID: organisationID, id: id, pseudonymised: story.pseudonymised, specialCategory: false,
                                     retentionDate: story.retentionDate, approve: true, by: "Ilse de Vries")
            approved.insert(id)
        }
        let evidence = EvidenceStore(database: database)
        let quotes = try await evidence.highlights(organisationID: organisationID, trajectoryID: trajectoryID).filter { approved.contains($0.storyID) }
        let insights = try await evidence.insights(organisationID: organisationID, trajectoryID: trajectoryID)
        var actions: [String: String] = [:]
        if let first = insights.first { actions[first.id] = "Elke aanvrager krijgt vanaf maart één vaste consulent." }
        try await ReportStore(database: database).save(
            organisationID: organisationID, trajectoryID: trajectoryID,
            intro: "In het najaar vertelden inwoners ons hoe het aanvragen van bijzondere bijstand ging. Dit is wat we hoorden en wat we ermee doen.",
            quoteIDs: quotes.map(\.id), actions: actions, publicToken: "verslag-" + Identifier.make())
    }
}
