import SamenCore
import SamenStore
import SamenTestSupport
import Testing

@Suite("Trajectory store contract")
struct TrajectoryStoreTests {
    struct World {
        let database: Database
        let orgA: String
        let orgB: String
        let trajectories: TrajectoryStore
        let participation: ParticipationStore
    }

    static func world(_ database: Database) async throws -> World {
        let organisations = OrganisationStore(database: database)
        let a = try await organisations.create(name: "A", slug: "org-a")
        let b = try await organisations.create(name: "B", slug: "org-b")
        return World(database: database, orgA: a.id, orgB: b.id, trajectories: TrajectoryStore(database: database),
                     participation: ParticipationStore(database: database))
    }

    static let draft = TrajectoryStore.Draft(title: "Bijzondere bijstand", service: "Aanvraag", goal: "Sneller", targetGroups: "Aanvragers",
                                             owner: "Ilse", startDate: "2026-01-05", endDate: "2026-12-18")

    @Test("trajectories are created in co-initiation and read per organisation only", arguments: TestDatabase.kinds)
    func trajectories(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, Self.draft)
            #expect(t.status(.coInitiation) == .open)
            #expect(try await w.trajectories.trajectory(organisationID: w.orgA, id: t.id) == t)
            #expect(try await w.trajectories.trajectory(organisationID: w.orgB, id: t.id) == nil)
            #expect(try await w.trajectories.list(organisationID: w.orgB).isEmpty)
            #expect(try await w.trajectories.list(organisationID: w.orgA).map(\.id) == [t.id])
            await #expect(throws: SamenError.notFound) {
                try await w.trajectories.setPhase(organisationID: w.orgB, id: t.id, phase: .coDesign, status: .open, decidedBy: "x", today: "2026-02-01")
            }
        }
    }

    @Test("a goal change and phase changes are logged as decisions", arguments: TestDatabase.kinds)
    func decisionLog(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, Self.draft)
            var edit = Self.draft
            edit.title = "Nieuwe titel"
            try await w.trajectories.update(organisationID: w.orgA, id: t.id, edit, goalReason: "", decidedBy: "Ilse", today: "2026-02-01")
            #expect(try await w.trajectories.decisions(organisationID: w.orgA, trajectoryID: t.id).isEmpty, "same goal: no entry")
            edit.goal = "Eerder geld voor wie het nodig heeft"
            try await w.trajectories.update(organisationID: w.orgA, id: t.id, edit, goalReason: "Uitkomst kick-off", decidedBy: "Stuurgroep", today: "2026-02-02")
            try await w.trajectories.setPhase(organisationID: w.orgA, id: t.id, phase: .coInitiation, status: .closed, decidedBy: "Ilse", today: "2026-03-01")
            try await w.trajectories.setPhase(organisationID: w.orgA, id: t.id, phase: .coDesign, status: .open, decidedBy: "Ilse", today: "2026-03-01")
            let log = try await w.trajectories.decisions(organisationID: w.orgA, trajectoryID: t.id)
            #expect(log.map(\.kind) == [.goalChange, .phaseChange, .phaseChange])
            #expect(log[0].reason == "Uitkomst kick-off")
            #expect(try await w.trajectories.decisions(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            let now = try #require(try await w.trajectories.trajectory(organisationID: w.orgA, id: t.id))
            #expect(now.currentPhase == .coDesign)
            #expect(now.goal == "Eerder geld voor wie het nodig heeft")
        }
    }

    @Test("activities, stakeholders, participants and participation stay inside the organisation", arguments: TestDatabase.kinds)
    func participation(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, Self.draft)
            let other = try await w.trajectories.create(organisationID: w.orgA, Self.draft)
            let activity = try await w.participation.addActivity(organisationID: w.orgA, Activity(
                id: "", trajectoryID: t.id, phase: .coInitiation, kind: .session, title: "Kick-off", date: "2026-02-01",
                place: "Stadhuis", facilitator: "Ilse", notes: ""))
            await #expect(throws: SamenError.notFound) {
                _ = try await w.participation.addActivity(organisationID: w.orgB, activity)
            }
            #expect(try await w.participation.activity(organisationID: w.orgB, id: activity.id) == nil)
            let person = try await w.participation.addParticipant(organisationID: w.orgA, Participant(
                id: "", trajectoryID: t.id, code: "B-001", group: .citizen, vulnerable: true, ageBand: "65+", district: "Noord"))
            await #expect(throws: SamenError("participant_code_taken", kind: .conflict, field: "code")) {
                _ = try await w.participation.addParticipant(organisationID: w.orgA, person)
            }
            let stranger = try await w.participation.addParticipant(organisationID: w.orgA, Participant(
                id: "", trajectoryID: other.id, code: "B-001", group: .citizen, vulnerable: false, ageBand: "", district: ""))
            let log = Participation(participantID: person.id, activityID: activity.id, role: "deelnemer", consent: .internalAnalysis, contributions: 4)
            try await w.participation.logParticipation(organisationID: w.orgA, log)
            await #expect(throws: SamenError("participation_duplicate", kind: .conflict, field: "participant")) {
                try await w.participation.logParticipation(organisationID: w.orgA, log)
            }
            await #expect(throws: SamenError.self, "a participant of another trajectory") {
                try await w.participation.logParticipation(organisationID: w.orgA, Participation(
                    participantID: stranger.id, activityID: activity.id, role: "", consent: .none, contributions: 0))
            }
            await #expect(throws: SamenError.self, "through another organisation") {
                try await w.participation.logParticipation(organisationID: w.orgB, Participation(
                    participantID: person.id, activityID: activity.id, role: "", consent: .none, contributions: 0))
            }
            #expect(try await w.participation.participations(organisationID: w.orgA, trajectoryID: t.id) == [log])
            #expect(try await w.participation.participations(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            #expect(try await w.participation.participants(organisationID: w.orgB, trajectoryID: t.id).isEmpty)

            let ngo = try await w.participation.addStakeholder(organisationID: w.orgA, Stakeholder(
                id: "", trajectoryID: t.id, name: "Schuldhulp Maatje", group: .ngo, required: true, hardToReach: false,
                lowDigitalSkills: false, languageNeeds: false, power: 3, interest: 8, positionDate: "2026-01-10"))
            try await w.participation.addPosition(organisationID: w.orgA, stakeholderID: ngo.id, power: 7, interest: 9, date: "2026-03-01")
            await #expect(throws: SamenError.notFound) {
                try await w.participation.addPosition(organisationID: w.orgB, stakeholderID: ngo.id, power: 1, interest: 1, date: "2026-03-02")
            }
            let listed = try await w.participation.stakeholders(organisationID: w.orgA, trajectoryID: t.id)
            #expect(listed.first?.power == 7 && listed.first?.quadrant == .manageClosely, "the latest position counts")
        }
    }

    @Test("target shares are replaced per variable; dismissals are kept with their reason", arguments: TestDatabase.kinds)
    func sharesAndDismissals(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, Self.draft)
            try await w.trajectories.setShares(organisationID: w.orgA, trajectoryID: t.id, variable: "group", shares: [("citizen", 70), ("frontline_staff", 30)])
            try await w.trajectories.setShares(organisationID: w.orgA, trajectoryID: t.id, variable: "group", shares: [("citizen", 80.5), ("ngo", 19.5)])
            let shares = try await w.trajectories.shares(organisationID: w.orgA, trajectoryID: t.id)
            #expect(shares.map(\.level) == ["citizen", "ngo"])
            #expect(shares.first?.percent == 80.5)
            #expect(try await w.trajectories.shares(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            try await w.trajectories.dismiss(organisationID: w.orgA, trajectoryID: t.id, challenge: 6, reason: "Peiling is verplicht", by: "Ilse")
            #expect(try await w.trajectories.dismissals(organisationID: w.orgA, trajectoryID: t.id).map(\.challenge) == [6])
            await #expect(throws: SamenError.notFound) {
                try await w.trajectories.dismiss(organisationID: w.orgB, trajectoryID: t.id, challenge: 1, reason: "x", by: "y")
            }
        }
    }
}
