import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The trajectory use-cases on both databases: versions, tenancy, roles, what a delete
/// takes with it, and the audit entry written with the change.
@Suite("Trajectory writes (use-cases)")
struct TrajectoryWritesTests {
    struct World {
        let writes: TrajectoryWrites
        let store: ParticipationStore
        let trajectories: TrajectoryStore
        let audit: AuditStore
        let a: WriteActor
        let b: WriteActor
        let trajectory: Trajectory
    }

    static func world(_ database: Database) async throws -> World {
        let organisations = OrganisationStore(database: database)
        let orgA = try await organisations.create(name: "A", slug: "org-a")
        let orgB = try await organisations.create(name: "B", slug: "org-b")
        let a = WriteActor(organisationID: orgA.id, userID: "user-a", displayName: "Ilse", role: .facilitator)
        let b = WriteActor(organisationID: orgB.id, userID: "user-b", displayName: "Sanne", role: .administrator)
        let writes = TrajectoryWrites(database: database)
        var input = TrajectoryInput()
        input.title = "Bijzondere bijstand"; input.service = "Aanvraag"; input.goal = "Sneller"; input.startDate = "2026-01-05"
        input.endDate = "2026-12-18"
        let trajectory = try await writes.createTrajectory(a, input)
        return World(writes: writes, store: ParticipationStore(database: database), trajectories: TrajectoryStore(database: database),
                     audit: AuditStore(database: database), a: a, b: b, trajectory: trajectory)
    }

    static func activityInput(_ title: String = "Ontwerpsessie", date: String = "2026-03-10") -> ActivityInput {
        var input = ActivityInput()
        input.title = title; input.date = date; input.phase = Phase.coInitiation.rawValue; input.kind = ActivityKind.session.rawValue
        input.place = "Stadhuis"
        return input
    }

    @Test("an edit names the version it read: the right one saves and raises it, a stale one changes nothing", arguments: TestDatabase.kinds)
    func optimisticConcurrency(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let activity = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput())
            #expect(activity.version == 1)
            let first = try await w.writes.updateActivity(w.a, current: activity, Self.activityInput("Eerste wijziging"), expected: 1)
            #expect(first.version == 2)
            await #expect(throws: SamenError.stale) {
                _ = try await w.writes.updateActivity(w.a, current: activity, Self.activityInput("Tweede, verouderd"), expected: 1)
            }
            let stored = try #require(try await w.store.activity(organisationID: w.a.organisationID, id: activity.id))
            #expect(stored.title == "Eerste wijziging" && stored.version == 2)
            await #expect(throws: SamenError.stale) { try await w.writes.deleteActivity(w.a, activity, expected: 1) }
            #expect(try await w.store.activity(organisationID: w.a.organisationID, id: activity.id) != nil)
        }
    }

    @Test("another organisation's record by id is not found; a viewer may not write", arguments: TestDatabase.kinds)
    func tenancyAndRoles(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let activity = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput())
            await #expect(throws: SamenError.notFound) {
                _ = try await w.writes.updateActivity(w.b, current: activity, Self.activityInput("Overgenomen"), expected: nil)
            }
            await #expect(throws: SamenError.notFound) { try await w.writes.deleteActivity(w.b, activity, expected: nil) }
            await #expect(throws: SamenError.notFound) { try await w.writes.deleteTrajectory(w.b, id: w.trajectory.id, expected: nil) }
            var viewer = w.a
            viewer.role = .viewer
            await #expect(throws: SamenError.forbidden) {
                _ = try await w.writes.updateActivity(viewer, current: activity, Self.activityInput("Kijker"), expected: nil)
            }
            var member = w.a
            member.role = .member
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteTrajectory(member, id: w.trajectory.id, expected: nil) }
            let stored = try #require(try await w.store.activity(organisationID: w.a.organisationID, id: activity.id))
            #expect(stored.title == "Ontwerpsessie" && stored.version == 1)
        }
    }

    @Test("a delete takes with it what the confirmation page listed, and nothing else", arguments: TestDatabase.kinds)
    func deleteImpact(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let session = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput())
            let other = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput("Interview", date: "2026-03-11"))
            var people: [Participant] = []
            for code in ["C-01", "C-02", "C-03"] {
                var input = ParticipantInput()
                input.code = code; input.group = StakeholderGroup.citizen.rawValue
                people.append(try await w.writes.createParticipant(w.a, trajectoryID: w.trajectory.id, input))
            }
            for person in people {
                var input = ParticipationInput()
                input.participantID = person.id; input.consent = Consent.internalAnalysis.rawValue; input.contributions = "2"
                _ = try await w.writes.logParticipation(w.a, activity: session, input)
            }
            var input = ParticipationInput()
            input.participantID = people[0].id; input.consent = Consent.publication.rawValue
            _ = try await w.writes.logParticipation(w.a, activity: other, input)

            let impact = try await w.writes.activityImpact(session)
            #expect(impact.items == [DeletionImpact.Item(key: "impact_participations", count: 3)])
            try await w.writes.deleteActivity(w.a, session, expected: session.version)
            let left = try await w.store.participations(organisationID: w.a.organisationID, trajectoryID: w.trajectory.id)
            #expect(left.map(\.activityID) == [other.id], "only the deleted activity's records went")
            #expect(try await w.store.participants(organisationID: w.a.organisationID, trajectoryID: w.trajectory.id).count == 3)

            let personImpact = try await w.writes.participantImpact(people[0])
            #expect(personImpact.items == [DeletionImpact.Item(key: "impact_participations", count: 1)])
            try await w.writes.deleteParticipant(w.a, people[0], expected: nil)
            #expect(try await w.store.participations(organisationID: w.a.organisationID, trajectoryID: w.trajectory.id).isEmpty)
        }
    }

    @Test("every write leaves an audit entry with the changed fields' names, never their values", arguments: TestDatabase.kinds)
    func auditTrail(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            var input = ParticipantInput()
            input.code = "C-07"; input.group = StakeholderGroup.citizen.rawValue; input.district = "Noord"
            let person = try await w.writes.createParticipant(w.a, trajectoryID: w.trajectory.id, input)
            input.code = "C-08"; input.district = "Zuid-West"
            _ = try await w.writes.updateParticipant(w.a, current: person, input, expected: person.version)
            let page = try await w.audit.entries(organisationID: w.a.organisationID, filter: AuditFilter(entity: "participant"), limit: 10, cursor: nil)
            #expect(page.entries.map(\.action) == [.update, .create])
            #expect(page.entries[0].fields == ["code", "district"])
            #expect(page.entries[0].actorName == "Ilse" && page.entries[0].trajectoryID == w.trajectory.id)
            let everything = try await w.audit.entries(organisationID: w.a.organisationID, filter: AuditFilter(), limit: 100, cursor: nil)
            let text = everything.entries.map { "\($0)" }.joined()
            #expect(!text.contains("Zuid-West") && !text.contains("C-08"), "the trail holds no values")
            #expect(try await w.audit.entries(organisationID: w.b.organisationID, filter: AuditFilter(), limit: 10, cursor: nil).entries.isEmpty)
            // A refused write leaves no entry: the entry is in the write's transaction.
            await #expect(throws: SamenError.stale) {
                _ = try await w.writes.updateParticipant(w.a, current: person, input, expected: 1)
            }
            #expect(try await w.audit.entries(organisationID: w.a.organisationID, filter: AuditFilter(), limit: 100, cursor: nil).total == everything.total)
        }
    }

    @Test("audit pages follow the cursor without gaps or repeats; old entries go after the retention period", arguments: TestDatabase.kinds)
    func auditPagingAndRetention(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            for n in 1...7 { _ = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput("Sessie \(n)")) }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await w.audit.entries(organisationID: w.a.organisationID, filter: AuditFilter(), limit: 3, cursor: cursor)
                #expect(page.total == 8)
                seen += page.entries.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 8 && Set(seen).count == 8)
            var admin = w.a
            admin.role = .administrator
            await #expect(throws: ValidationErrors.self) { try await w.audit.setRetentionDays(5, actor: admin) }
            await #expect(throws: SamenError.forbidden) { try await w.audit.setRetentionDays(60, actor: w.a) }
            try await w.audit.setRetentionDays(30, actor: admin)
            #expect(try await w.audit.retentionDays(organisationID: w.a.organisationID) == 30)
            let removed = try await w.audit.purgeExpired(now: Clock.now() + 31 * 86_400)
            #expect(removed == 9, "the 8 writes and the retention change itself")
            #expect(try await w.audit.entries(organisationID: w.a.organisationID, filter: AuditFilter(), limit: 10, cursor: nil).total == 0)
        }
    }

    @Test("rules live in the use-case: a participant code already taken, a closed phase, a goal change without reason", arguments: TestDatabase.kinds)
    func rules(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            var input = ParticipantInput()
            input.code = "c-01"; input.group = StakeholderGroup.citizen.rawValue
            let first = try await w.writes.createParticipant(w.a, trajectoryID: w.trajectory.id, input)
            #expect(first.code == "C-01")
            input.code = "C-02"
            let second = try await w.writes.createParticipant(w.a, trajectoryID: w.trajectory.id, input)
            input.code = "C-01"
            await #expect(throws: SamenError("participant_code_taken", kind: .conflict, field: "code")) {
                _ = try await w.writes.updateParticipant(w.a, current: second, input, expected: nil)
            }
            try await w.writes.setPhase(w.a, id: w.trajectory.id, phase: Phase.coInitiation.rawValue, status: PhaseStatus.closed.rawValue)
            do {
                _ = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput())
                Issue.record("an activity in a closed phase was accepted")
            } catch let errors as ValidationErrors {
                #expect(errors.errors.map(\.code) == ["phase_closed"])
            }
            var change = TrajectoryInput(w.trajectory)
            change.goal = "Iets anders"
            do {
                _ = try await w.writes.updateTrajectory(w.a, id: w.trajectory.id, change, expected: nil)
                Issue.record("a goal change without a reason was accepted")
            } catch let errors as ValidationErrors {
                #expect(errors.errors.map(\.code) == ["goal_reason_required"])
            }
            let log = try await w.trajectories.decisions(organisationID: w.a.organisationID, trajectoryID: w.trajectory.id)
            let phaseChange = try #require(log.first { $0.kind == .phaseChange })
            await #expect(throws: SamenError("decision_kept", kind: .conflict)) { try await w.writes.deleteDecision(w.a, phaseChange, expected: nil) }
        }
    }

    @Test("deleting a trajectory removes its records and unlinks its surveys and conversations", arguments: TestDatabase.kinds)
    func deleteTrajectory(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            _ = try await w.writes.createActivity(w.a, trajectoryID: w.trajectory.id, Self.activityInput())
            var stakeholder = StakeholderInput()
            stakeholder.name = "Cliëntenraad"; stakeholder.group = StakeholderGroup.influencer.rawValue
            stakeholder.power = "6"; stakeholder.interest = "8"; stakeholder.positionDate = "2026-02-01"
            let s = try await w.writes.createStakeholder(w.a, trajectoryID: w.trajectory.id, stakeholder)
            #expect(try await w.writes.stakeholderImpact(s).items == [DeletionImpact.Item(key: "impact_positions", count: 1)])
            let impact = try await w.writes.trajectoryImpact(w.a, id: w.trajectory.id)
            #expect(impact.items.contains(DeletionImpact.Item(key: "impact_activities", count: 1)))
            #expect(impact.items.contains(DeletionImpact.Item(key: "impact_stakeholders", count: 1)))
            try await w.writes.deleteTrajectory(w.a, id: w.trajectory.id, expected: nil)
            #expect(try await w.trajectories.trajectory(organisationID: w.a.organisationID, id: w.trajectory.id) == nil)
            #expect(try await w.store.activities(organisationID: w.a.organisationID, trajectoryID: w.trajectory.id).isEmpty)
        }
    }
}
