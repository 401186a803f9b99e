import Foundation
import SamenCore
import SamenStore

/// The demo trajectory's experiments and learning log: one experiment with a learning card
/// (in the living lab, with participants, a story and a wave as evidence) and one that ended
/// five weeks ago without one, so the "learning card missing" flag shows; and three lessons.
/// Written through the use-cases, so the audit trail shows them too.
enum ExperimentsDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: trajectory.id)
        let participation = ParticipationStore(database: database)
        let lab = try await participation.activities(organisationID: org, trajectoryID: trajectory.id).first { $0.kind == .livingLab }
        let codes = Set(["C-01", "M-01"])
        let participants = try await participation.participants(organisationID: org, trajectoryID: trajectory.id).filter { codes.contains($0.code) }
        let stories = try await StoryStore(database: database).stories(organisationID: org, trajectoryID: trajectory.id)
        let service = SurveyService(database: database)
        var wave: SurveyWave?
        for survey in try await service.surveys.surveys(organisationID: org) where survey.trajectoryID == trajectory.id {
            wave = try await service.responses.waves(organisationID: org, surveyID: survey.id).inTimeOrder().last ?? wave
        }
        let today = CalendarDate(unixTime: Clock.now())
        func daysAgo(_ n: Int) -> String { CalendarDate(daysSinceEpoch: today.daysSinceEpoch - n).description }
        let writes = ExperimentWrites(database: database)

        var letters = ExperimentInput()
        letters.title = "Proefbrief in gewone taal aan de balie"
        letters.interventionID = interventions.first { $0.title.hasPrefix("Brieven in gewone taal") }?.id ?? ""
        letters.belief = "Aanvragers begrijpen een brief in B1-taal zonder hulp van de balie."
        letters.test = "Twee weken lang de nieuwe proefbrief meegeven aan wie een aanvraag komt brengen, en daarna vragen wat er moet gebeuren."
        letters.metric = "Hoeveel mensen zonder hulp kunnen zeggen wat hun volgende stap is."
        letters.criterion = "Minstens 8 van de 10 mensen weten zonder hulp wat ze moeten doen."
        letters.startsOn = daysAgo(50); letters.endsOn = daysAgo(43)
        letters.observed = "11 van de 14 mensen wisten zonder hulp wat ze moesten doen. Drie mensen vonden het woord ‘draagkracht’ onduidelijk."
        letters.learned = "Gewone taal helpt echt; één vakwoord kan de hele brief onduidelijk maken."
        letters.decision = ExperimentDecision.persevere.rawValue
        letters.activityID = lab?.id ?? ""; letters.participantIDs = participants.map(\.id)
        letters.storyIDs = stories.prefix(1).map(\.id); letters.surveyWaveID = wave?.id ?? ""
        letters.measurements = "11 van de 14 (79%) zonder hulp; gemiddeld 4 minuten leestijd."
        _ = try await writes.createExperiment(demo.actor, trajectoryID: trajectory.id, letters)

        var contact = ExperimentInput()
        contact.title = "Vaste consulent voor twintig aanvragers"
        contact.interventionID = interventions.first { $0.title.hasPrefix("Eén vaste consulent") }?.id ?? ""
        contact.belief = "Met één vaste consulent hoeven aanvragers hun verhaal niet steeds opnieuw te vertellen."
        contact.test = "Zes weken lang twintig nieuwe aanvragers één vaste consulent met een direct nummer geven."
        contact.metric = "Hoe vaak aanvragers hun situatie opnieuw moeten uitleggen, en hoe tevreden zij zijn over het contact."
        contact.criterion = "De helft minder herhaalde uitleg dan bij de gewone aanpak."
        contact.startsOn = daysAgo(77); contact.endsOn = daysAgo(35)
        contact.participantIDs = participants.prefix(1).map(\.id)
        _ = try await writes.createExperiment(demo.actor, trajectoryID: trajectory.id, contact)

        let lessons: [(Int, Phase, LessonKind, String, String)] = [
            (90, .coInitiation, .worked, "Inwoners kwamen wél naar de wijkbijeenkomst toen we die in het buurthuis hielden.",
             "In het stadhuis kwamen vier mensen, in het buurthuis negentien."),
            (60, .coDesign, .didNotWork, "Een online vragenlijst alleen bereikte de mensen met lage digitale vaardigheden niet.",
             "Daarna hebben we de vragenlijst ook op papier en aan de balie aangeboden."),
            (40, .coDesign, .intangibleResult, "Medewerkers aan de balie zien aanvragers nu meer als partner.",
             "Dat bleek uit de gesprekken na de proef met de nieuwe brief."),
        ]
        for (ago, phase, kind, summary, detail) in lessons {
            var input = LessonInput()
            input.learnedOn = daysAgo(ago); input.phase = phase.rawValue; input.kind = kind.rawValue; input.summary = summary; input.detail = detail
            _ = try await writes.createLesson(demo.actor, trajectoryID: trajectory.id, input)
        }
    }
}
