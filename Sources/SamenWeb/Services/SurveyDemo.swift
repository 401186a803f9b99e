import SamenCore
import SamenStore

/// The demo survey of Gemeente Voorbeeld: two waves of seeded, realistic answers, so the
/// analysis page shows something at once. The numbers follow a simple pattern: people
/// need being known and continuity most and experience them least; the web channel
/// scores lower on empathy; the second wave closes part of the gap.
enum SurveyDemo {
    static let title = "Ervaring met de aanvraag bijzondere bijstand"

    static func load(database: Database, organisationID: String) async throws {
        let service = SurveyService(database: database)
        let trajectoryID = try await TrajectoryStore(database: database).list(organisationID: organisationID).first?.id
        let survey = try await service.surveys.create(organisationID: organisationID, .init(
            title: title, trajectoryID: trajectoryID, itemsPerDimension: 2, asksMark: true,
            segments: [SurveySegmentQuestion(question: .channel, levels: ["balie", "telefoon", "website"]),
                       SurveySegmentQuestion(question: .ageBand, levels: SurveyRules.defaultLevels[.ageBand]!)]))
        var generator = SeededGenerator(state: 3)
        for (index, wave) in [("Voorjaar 2026", "2026-03-01", "2026-04-15", 180), ("Najaar 2026", "2026-09-01", "2026-10-15", 150)]
            .enumerated() {
            let stored = try await service.responses.createWave(organisationID: organisationID, surveyID: survey.id,
                                                                name: wave.0, startsOn: wave.1, endsOn: wave.2)
            let sheets = (0..<wave.3).map { _ in sheet(survey: survey, wave: index, &generator) }
            try await service.responses.importAnswers(organisationID: organisationID, surveyID: survey.id,
                                                      waveID: stored.id, sheets)
        }
    }

    static func sheet(survey: Survey, wave: Int, _ generator: inout SeededGenerator) -> SurveyAnswerSheet {
        let channels = ["balie", "telefoon", "website"]
        let ages = SurveyRules.defaultLevels[.ageBand]!
        let channel = generator.below(channels.count)
        let age = generator.below(ages.count)
        let personal = Double(generator.below(3)) - 1 // a respondent's general mood
        var need: [Double?] = []
        var experience: [Double?] = []
        for item in survey.items {
            let priority: Double = ["known", "continuity", "clarity"].contains(item.dimensionCode) ? 6 : 5
            var felt: Double = ["known", "continuity"].contains(item.dimensionCode) ? 3.5 : 4.5
            if item.dimensionCode == "empathy" && channel == 2 { felt -= 1 }
            felt += Double(wave) * 0.6 + personal * 0.5
            let noise = Double(generator.below(3)) - 1
            need.append(generator.below(25) == 0 ? nil : min(7, max(1, (priority + noise * 0.8).rounded())))
            experience.append(generator.below(20) == 0 ? nil : min(7, max(1, (felt + noise).rounded())))
        }
        return SurveyAnswerSheet(need: need, experience: experience,
                                 segments: [.channel: channels[channel], .ageBand: ages[age]],
                                 mark: min(10, max(1, 6 + Int(personal) + wave)))
    }
}

/// SplitMix64: the same demo on every machine.
typealias SeededGenerator = SplitMix64
