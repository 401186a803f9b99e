import Foundation
import SamenCore
import SamenStore

/// The demo trajectory's portfolio: interventions on all three horizons tied to its insights,
/// persona and journey, with status moves, and a growth model in which one dimension is rated
/// mature while citizens report a large gap on it. Written through the use-cases, so the audit
/// trail shows them too.
enum PortfolioDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let insights = try await EvidenceStore(database: database).insights(organisationID: org, trajectoryID: trajectory.id)
        let design = DesignStore(database: database)
        let personas = try await design.personas(organisationID: org, trajectoryID: trajectory.id)
        let painful = try await design.steps(organisationID: org, trajectoryID: trajectory.id).filter { !$0.painPoints.isEmpty }.map(\.id)
        let writes = PortfolioWrites(database: database)
        func insight(_ index: Int) -> [String] { insights.indices.contains(index) ? [insights[index].id] : [] }
        let plans: [(String, String, [String], Horizon, Effort, Int?, [String], [InterventionStatus])] = [
            ("Eén vaste consulent per aanvrager", "Elke aanvrager van bijzondere bijstand krijgt één vaste consulent met een direct nummer.",
             ["known", "continuity"], .short, .medium, 45_000, insight(0), [.planned, .inExperiment]),
            ("Brieven in gewone taal (B1)", "Alle brieven over bijzondere bijstand herschrijven met inwoners als meelezers.",
             ["clarity"], .short, .low, 12_000, insight(1), [.planned, .inExperiment, .implemented]),
            ("Aanvraag volgen op de telefoon", "Een sms bij elke stap van de aanvraag, zodat mensen weten waar hun aanvraag is.",
             ["clarity", "proactive"], .medium, .medium, 80_000, insight(1), [.planned]),
            ("Gegevens die de gemeente al heeft, vooraf invullen", "Het formulier vraagt alleen wat de gemeente nog niet weet.",
             ["known", "control"], .medium, .high, 150_000, insight(0), []),
            ("Wijkteam en inkomensteam aan één tafel", "Eén gezamenlijk gesprek in de wijk in plaats van loketten na elkaar.",
             ["tailored", "continuity"], .long, .high, 300_000, insight(0), []),
            ("Proactief aanbieden bij levensgebeurtenissen", "Bij een overlijden of ontslag biedt de gemeente zelf hulp aan.",
             ["proactive", "empathy"], .long, .high, nil, [], []),
        ]
        for (title, description, dimensions, horizon, effort, cost, linked, moves) in plans {
            var input = InterventionInput()
            input.title = title; input.description = description; input.dimensions = dimensions; input.horizon = horizon.rawValue
            input.effort = effort.rawValue; input.cost = cost.map(String.init) ?? ""; input.insightIDs = linked
            input.owner = "Team inkomen"; input.expectedEffect = "Minder herhalen en minder onzekerheid bij aanvragers."
            input.problem = "Wat inwoners vertelden over bijzondere bijstand."
            if title.hasPrefix("Eén vaste") { input.personaIDs = personas.map(\.id); input.stepIDs = painful }
            var intervention = try await writes.createIntervention(demo.actor, trajectoryID: trajectory.id, input)
            for status in moves {
                intervention = try await writes.moveStatus(demo.actor, current: intervention,
                                                           StatusMoveInput(status: status.rawValue, on: intervention.statusSince), expected: nil)
            }
        }
        // Self-assessed maturity; "known" is rated high while the survey shows the largest gap there.
        let today = CalendarDate(unixTime: Clock.now()).description
        let levels: [(String, Int, Int, Int, Int)] = [
            ("known", 4, 4, 5, 5), ("tailored", 2, 3, 3, 4), ("empathy", 3, 3, 4, 4), ("proactive", 1, 2, 3, 4),
            ("clarity", 2, 3, 4, 4), ("control", 2, 2, 3, 4), ("continuity", 2, 3, 4, 5), ("trust", 3, 3, 4, 4),
        ]
        for (dimension, level, short, medium, long) in levels {
            var input = AssessmentInput()
            input.dimension = dimension; input.level = String(level); input.assessedOn = today
            input.assessors = "Ilse de Vries, Marco Jansen"; input.justification = "Zelfbeoordeling in de teamsessie."
            input.targetShort = String(short); input.targetMedium = String(medium); input.targetLong = String(long)
            _ = try await writes.createAssessment(demo.actor, trajectoryID: trajectory.id, input)
        }
    }
}
