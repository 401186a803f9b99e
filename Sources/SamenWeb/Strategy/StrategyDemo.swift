import Foundation
import SamenCore
import SamenStore

/// The demo's capabilities and scenarios: a catalogue in which the interventions ask more
/// than the organisation has now (a shortfall to see at once), and four scenarios in which
/// the long-horizon interventions are rated, one of them fragile. Written through the
/// use-cases, so the audit trail shows them too.
enum StrategyDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let writes = StrategyWrites(database: database)
        var interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: trajectory.id)

        // A long-horizon intervention of this module's own, so three are rated.
        var dossier = InterventionInput()
        dossier.title = "Eén dossier dat de inwoner zelf inziet en beheert"
        dossier.description = "De inwoner ziet welke gegevens de gemeente gebruikt en kan ze aanvullen of corrigeren."
        dossier.dimensions = ["control", "known"]; dossier.horizon = Horizon.long.rawValue; dossier.effort = Effort.high.rawValue
        dossier.owner = "Team informatievoorziening"; dossier.problem = "Inwoners weten niet wat de gemeente van hen weet."
        interventions.append(try await PortfolioWrites(database: database).createIntervention(demo.actor, trajectoryID: trajectory.id, dossier))

        let catalogue: [(String, CapabilityKind, String, Int)] = [
            ("Doorvragen naar de situatie", .skill, "Consulenten vragen door naar wat er achter een aanvraag zit.", 2),
            ("Eén gezamenlijk klantbeeld", .wayOfWorking, "Teams werken vanuit één beeld van de inwoner in plaats van elk een eigen dossier.", 1),
            ("Zaaksysteem dat de status toont", .tool, "Het systeem laat inwoner en consulent zien waar een aanvraag is.", 2),
            ("Schrijven in gewone taal (B1)", .skill, "Brieven en berichten die iedereen begrijpt.", 3),
            ("Samenwerken met wijkteams", .wayOfWorking, "Vaste afspraken en overleg met de wijkteams.", 2),
        ]
        var capabilities: [String: Capability] = [:]
        for (name, kind, description, level) in catalogue {
            var input = CapabilityInput()
            input.name = name; input.kind = kind.rawValue; input.description = description; input.currentLevel = String(level)
            capabilities[name] = try await writes.createCapability(demo.actor, input)
        }
        let needs: [(String, String, Int)] = [
            ("Eén vaste consulent", "Doorvragen naar de situatie", 4), ("Eén vaste consulent", "Eén gezamenlijk klantbeeld", 3),
            ("Brieven in gewone taal", "Schrijven in gewone taal (B1)", 4),
            ("Aanvraag volgen", "Zaaksysteem dat de status toont", 4),
            ("Gegevens die de gemeente", "Eén gezamenlijk klantbeeld", 4), ("Gegevens die de gemeente", "Zaaksysteem dat de status toont", 3),
            ("Wijkteam en inkomensteam", "Samenwerken met wijkteams", 4), ("Wijkteam en inkomensteam", "Eén gezamenlijk klantbeeld", 4),
            ("Proactief aanbieden", "Eén gezamenlijk klantbeeld", 5), ("Proactief aanbieden", "Doorvragen naar de situatie", 3),
            ("Eén dossier", "Eén gezamenlijk klantbeeld", 4),
        ]
        for (prefix, name, level) in needs {
            guard let intervention = interventions.first(where: { $0.title.hasPrefix(prefix) }), let capability = capabilities[name] else { continue }
            _ = try await writes.createNeed(demo.actor, intervention: intervention,
                                            CapabilityNeedInput(capabilityID: capability.id, neededLevel: String(level)))
        }

        var input = ScenarioSetInput()
        input.axisA = ScenarioAxis(name: "Verwachting van contact", pole1: "Vooral persoonlijk", pole2: "Vooral digitaal")
        input.axisB = ScenarioAxis(name: "Vertrouwen in de overheid", pole1: "Laag vertrouwen", pole2: "Hoog vertrouwen")
        let futures: [(Quadrant, String, String, String)] = [
            (.a1b1, "Wantrouwen aan de balie", "Inwoners willen een mens spreken, maar verwachten weinig van de gemeente. Elke fout bevestigt het wantrouwen.",
             "Meer klachten en bezwaren; minder mensen die zelf om hulp vragen."),
            (.a1b2, "De vertrouwde buurtconsulent", "Inwoners kennen hun consulent bij naam en vertrouwen erop dat die hun situatie kent.",
             "Meer afspraken in de wijk; hoge rapportcijfers voor contact."),
            (.a2b1, "Digitaal op afstand", "Bijna alles gaat online, maar inwoners delen zo weinig mogelijk met de gemeente.",
             "Minder telefoontjes; weinig toestemming om gegevens te delen."),
            (.a2b2, "De meedenkende gemeente", "Inwoners regelen veel digitaal en vinden het goed dat de gemeente zelf met een aanbod komt.",
             "Meer gebruik van de app; veel toestemming voor proactief contact."),
        ]
        for (q, name, narrative, signposts) in futures {
            input.names[q] = name; input.narratives[q] = narrative; input.signposts[q] = signposts
        }
        let set = try await writes.createSet(demo.actor, trajectoryID: trajectory.id, input)
        let ratings: [(String, [Int])] = [
            ("Wijkteam en inkomensteam", [1, 2, 0, 1]), ("Proactief aanbieden", [-1, 1, -2, 2]), ("Eén dossier", [1, 1, 2, 2]),
        ]
        var cells: [String: [Quadrant: String]] = [:]
        for (prefix, values) in ratings {
            guard let intervention = interventions.first(where: { $0.title.hasPrefix(prefix) && $0.horizon == .long }) else { continue }
            cells[intervention.id] = Dictionary(uniqueKeysWithValues: zip(Quadrant.allCases, values.map(String.init)))
        }
        _ = try await writes.rate(demo.actor, set: set, RatingsInput(cells), expected: set.version)
    }
}
