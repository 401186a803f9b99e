import Testing
@testable import SamenCore

@Suite("Trajectory rules and dates")
struct TrajectoryRulesTests {
    @Test("calendar dates parse strictly and count days across leap years")
    func dates() throws {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(CalendarDate("26-1-1") == nil)
        let a = try #require(CalendarDate("2023-12-31"))
        let b = try #require(CalendarDate("2024-03-01"))
        #expect(a.days(until: b) == 61)
        #expect(CalendarDate(daysSinceEpoch: b.daysSinceEpoch) == b)
        #expect(CalendarDate(unixTime: 0).description == "1970-01-01")
        #expect(CalendarDate(unixTime: 1_798_000_000).description == "2026-12-23")
    }

    @Test("a period ending before it starts is refused on the end field")
    func period() {
        #expect(TrajectoryRules.period(start: "2026-03-01", end: "2026-02-01").map(\.code) == ["dates_out_of_order"])
        #expect(TrajectoryRules.period(start: "2026-03-01", end: "").isEmpty)
        #expect(TrajectoryRules.period(start: "", end: "").map(\.code) == ["date_required"])
    }

    @Test("shares must be 0–100 each and sum to 100")
    func shares() {
        if case .failure(let e) = TrajectoryRules.shares([("a", "60"), ("b", "30")], fieldPrefix: "share_") {
            #expect(e.errors.map(\.code) == ["shares_not_100"])
        } else { Issue.record("90 % in total must be refused") }
        if case .failure(let e) = TrajectoryRules.shares([("a", "120"), ("b", "-20")], fieldPrefix: "share_") {
            #expect(e.errors.map(\.field) == ["share_a", "share_b"])
        } else { Issue.record("out of range must be refused") }
        #expect((try? TrajectoryRules.shares([("a", "33,3"), ("b", "66,7")], fieldPrefix: "s").get())?.count == 2)
    }

    @Test("participant codes are pseudonyms: no spaces, no long names")
    func codes() {
        #expect(TrajectoryRules.participantCode("B-017").isEmpty)
        #expect(!TrajectoryRules.participantCode("Jan de Vries").isEmpty)
        #expect(!TrajectoryRules.participantCode("").isEmpty)
    }

    @Test("a closed phase takes no activities; the date must fall in the trajectory")
    func activityRules() {
        var trajectory = Trajectory(id: "t", organisationID: "o", title: "T", service: "S", goal: "G", targetGroups: "",
                                    owner: "", startDate: "2026-01-01", endDate: "2026-12-31",
                                    phases: [.coInitiation: .closed, .coDesign: .open], createdAt: 0)
        #expect(TrajectoryRules.activityPhase(.coInitiation, in: trajectory).map(\.code) == ["phase_closed"])
        #expect(TrajectoryRules.activityPhase(.coDesign, in: trajectory).isEmpty)
        #expect(TrajectoryRules.activityPhase(.coEvaluation, in: trajectory).isEmpty, "planning ahead is allowed")
        #expect(TrajectoryRules.activityDate("2025-12-31", in: trajectory).map(\.code) == ["date_before_start"])
        #expect(TrajectoryRules.activityDate("2027-01-01", in: trajectory).map(\.code) == ["date_after_end"])
        trajectory.endDate = nil
        #expect(TrajectoryRules.activityDate("2027-01-01", in: trajectory).isEmpty)
        #expect(trajectory.currentPhase == .coDesign)
    }

    @Test("Mendelow quadrants")
    func grid() {
        func quadrant(_ p: Int, _ i: Int) -> GridQuadrant? {
            Stakeholder(id: "", trajectoryID: "", name: "", group: .ngo, required: false, hardToReach: false, lowDigitalSkills: false,
                        languageNeeds: false, power: p, interest: i, positionDate: nil).quadrant
        }
        #expect(quadrant(8, 9) == .manageClosely)
        #expect(quadrant(8, 2) == .keepSatisfied)
        #expect(quadrant(3, 9) == .keepInformed)
        #expect(quadrant(5, 5) == .monitor)
        #expect(TrajectoryRules.gridScore("11", field: "power").isFailure)
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
