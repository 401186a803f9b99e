import SamenCore
import SamenStore

/// The demo trajectory "Aanvraag bijzondere bijstand vernieuwen": dates relative to today,
/// so it always shows coverage gaps, one dominated design session and several advisor
/// warnings (absent key stakeholders, dominance, falling engagement, silos, no evaluation).
enum DemoTrajectories {
    static func load(database: Database, organisationID: String, owner: String) async throws {
        let trajectories = TrajectoryStore(database: database)
        let participation = ParticipationStore(database: database)
        let today = CalendarDate(unixTime: Clock.now())
        func day(_ offset: Int) -> String { CalendarDate(daysSinceEpoch: today.daysSinceEpoch + offset).description }

        let trajectory = try await trajectories.create(organisationID: organisationID, .init(
            title: "Aanvraag bijzondere bijstand vernieuwen", service: "Bijzondere bijstand (Werk & Inkomen)",
            goal: "Inwoners vragen bijzondere bijstand aan zonder hulp en weten binnen twee weken waar ze aan toe zijn.",
            targetGroups: "Aanvragers met een laag inkomen, mantelzorgers, consulenten", owner: owner,
            startDate: day(-120), endDate: day(245)))
        let id = trajectory.id
        try await trajectories.update(organisationID: organisationID, id: id, .init(
            title: trajectory.title, service: trajectory.service,
            goal: "Inwoners vragen bijzondere bijstand aan zonder hulp, in gewone taal, en weten binnen tien werkdagen waar ze aan toe zijn.",
            targetGroups: trajectory.targetGroups, owner: owner, startDate: trajectory.startDate, endDate: trajectory.endDate),
            goalReason: "Cliënten vertelden bij de kick-off dat twee weken wachten te lang is bij een kapotte wasmachine.",
            decidedBy: "Stuurgroep", today: day(-70))
        try await trajectories.setPhase(organisationID: organisationID, id: id, phase: .coInitiation, status: .closed, decidedBy: owner, today: day(-85))
        try await trajectories.setPhase(organisationID: organisationID, id: id, phase: .coDesign, status: .open, decidedBy: owner, today: day(-85))

        let stakeholders: [(String, StakeholderGroup, Bool, Bool, Int, Int)] = [
            ("Aanvragers bijzondere bijstand", .citizen, true, true, 3, 9),
            ("Mantelzorgers", .influencer, true, true, 2, 7),
            ("Consulenten Werk & Inkomen", .frontlineStaff, true, false, 5, 8),
            ("Teamleider Werk & Inkomen", .manager, false, false, 8, 7),
            ("Schuldhulpmaatje Voorbeeld", .ngo, true, false, 3, 8),
            ("Wethouder sociaal domein", .politician, false, false, 9, 4),
            ("UWV regio", .otherAgency, false, false, 6, 3),
        ]
        for (name, group, required, hard, power, interest) in stakeholders {
            _ = try await participation.addStakeholder(organisationID: organisationID, Stakeholder(
                id: "", trajectoryID: id, name: name, group: group, required: required, hardToReach: hard,
                lowDigitalSkills: group == .citizen, languageNeeds: group == .citizen, power: power, interest: interest,
                positionDate: day(-115)))
        }
        var people: [String: String] = [:]
        let register: [(String, StakeholderGroup, Bool, String, String)] = [
            ("C-01", .citizen, false, "35-49", "Noord"), ("C-02", .citizen, true, "65+", "Centrum"), ("C-03", .citizen, false, "18-34", "Oost"),
            ("C-04", .citizen, true, "50-64", "Noord"), ("C-05", .citizen, false, "35-49", "Zuid"), ("C-06", .citizen, true, "65+", "Zuid"),
            ("C-07", .citizen, false, "18-34", "Centrum"), ("C-08", .citizen, false, "50-64", "Oost"),
            ("M-01", .frontlineStaff, false, "", ""), ("M-02", .frontlineStaff, false, "", ""), ("M-03", .frontlineStaff, false, "", ""),
            ("T-01", .manager, false, "", ""),
        ]
        for (code, group, vulnerable, age, district) in register {
            people[code] = try await participation.addParticipant(organisationID: organisationID, Participant(
                id: "", trajectoryID: id, code: code, group: group, vulnerable: vulnerable, ageBand: age, district: district)).id
        }
        let activities: [(Int, Phase, ActivityKind, String, String, [(String, Int)])] = [
            (-110, .coInitiation, .session, "Kick-off met cliënten", "Wijkcentrum De Brug",
             [("C-01", 4), ("C-02", 3), ("C-03", 5), ("C-04", 3), ("C-05", 4), ("M-01", 4), ("T-01", 3)]),
            (-105, .coInitiation, .surveyWave, "Peiling klanttevredenheid", "Online en aan de balie", []),
            (-100, .coInitiation, .interview, "Interviews aan de keukentafel", "Aan huis", [("C-06", 1), ("C-07", 1)]),
            (-80, .coDesign, .session, "Ontwerpsessie 1: het aanvraagformulier", "Stadhuis, zaal 2",
             [("C-01", 2), ("C-02", 3), ("C-03", 2), ("M-01", 3), ("M-02", 2), ("T-01", 24)]),
            (-65, .coDesign, .session, "Ontwerpsessie 2: de brief met het besluit", "Stadhuis, zaal 2",
             [("C-01", 5), ("C-02", 4), ("M-01", 4), ("M-02", 3)]),
            (-50, .coDesign, .livingLab, "Prototype testen aan de balie", "Publiekshal", [("C-01", 6), ("M-01", 5)]),
            (20, .coDesign, .conversationOfChange, "Verhalen van aanvragers met de stuurgroep", "Raadzaal", []),
        ]
        for (offset, phase, kind, title, place, present) in activities {
            let activity = try await participation.addActivity(organisationID: organisationID, Activity(
                id: "", trajectoryID: id, phase: phase, kind: kind, title: title, date: day(offset), place: place,
                facilitator: "Ilse de Vries", notes: ""))
            for (code, contributions) in present {
                try await participation.logParticipation(organisationID: organisationID, Participation(
                    participantID: people[code]!, activityID: activity.id, role: code.hasPrefix("C") ? "ervaringsdeskundige" : "medewerker",
                    consent: code.hasPrefix("C") ? .publication : .internalAnalysis, contributions: contributions))
            }
        }
        try await trajectories.setShares(organisationID: organisationID, trajectoryID: id, variable: "group",
                                         shares: [("citizen", 70), ("influencer", 10), ("frontline_staff", 15), ("manager", 5)])
        try await trajectories.setShares(organisationID: organisationID, trajectoryID: id, variable: "district",
                                         shares: [("Centrum", 20), ("Noord", 30), ("Oost", 25), ("Zuid", 25)])
    }

    /// A few later corrections made through the use-cases, so the audit trail (*Wijzigingen*)
    /// shows what an edit leaves behind from the first visit.
    static func corrections(database: Database, actor: WriteActor) async throws {
        let writes = TrajectoryWrites(database: database)
        let participation = ParticipationStore(database: database)
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: actor.organisationID).first else { return }
        let activities = try await participation.activities(organisationID: actor.organisationID, trajectoryID: trajectory.id)
        if let lab = activities.first(where: { $0.kind == .livingLab }) {
            var input = ActivityInput(lab)
            input.place = "Publiekshal, balie 3"
            input.notes = "Twee versies van het formulier naast elkaar getest."
            _ = try await writes.updateActivity(actor, current: lab, input, expected: lab.version)
        }
        var decision = DecisionInput()
        decision.date = CalendarDate(unixTime: Clock.now()).description
        decision.summary = "Het nieuwe aanvraagformulier gaat op B1-niveau"
        decision.reason = "Uit beide ontwerpsessies en de test aan de balie"
        decision.decidedBy = "Stuurgroep"
        _ = try await writes.createDecision(actor, trajectoryID: trajectory.id, decision)
    }

    /// A small trajectory for the second demo organisation (it must never show up in the first).
    static func loadSecond(database: Database, organisationID: String) async throws {
        let today = CalendarDate(unixTime: Clock.now())
        _ = try await TrajectoryStore(database: database).create(organisationID: organisationID, .init(
            title: "Mantelzorgondersteuning dichterbij", service: "Mantelzorgpunt", goal: "Mantelzorgers vinden sneller hulp.",
            targetGroups: "Mantelzorgers", owner: "Sanne Smit", startDate: today.description, endDate: nil))
    }
}
