import SamenCore
import Testing

@Suite("Portfolio rules")
struct PortfolioRulesTests {
    static let today = CalendarDate("2026-06-15")!
    static let dimensions = HighlightRules.defaultDimensions

    static func input() -> InterventionInput {
        var input = InterventionInput()
        input.title = "Eén vaste consulent"; input.dimensions = ["known"]; input.horizon = "short"; input.effort = "medium"
        return input
    }

    static func intervention(_ status: InterventionStatus, since: String = "2026-03-01") throws -> Intervention {
        var i = try input().validated(trajectoryID: "t", dimensions: dimensions, today: today)
        i.status = status
        i.statusSince = since
        return i
    }

    static func codes(_ body: () throws -> Any) -> [String] {
        do { _ = try body(); return [] } catch let e as ValidationErrors { return e.errors.map(\.code) } catch { return ["other"] }
    }

    @Test("a new intervention starts as an idea today; a valid input passes")
    func valid() throws {
        let i = try Self.input().validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today)
        #expect(i.status == .idea && i.statusSince == "2026-06-15" && i.dimensions == ["known"] && i.costEUR == nil)
    }

    @Test("an unknown horizon or effort, a bad cost, no dimension or an unknown one are field errors")
    func invalidFields() throws {
        var bad = Self.input()
        bad.horizon = "soon"; bad.effort = "huge"; bad.cost = "-5"; bad.dimensions = []; bad.title = " "
        #expect(Set(Self.codes { try bad.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) })
                == ["field_required", "horizon_invalid", "effort_invalid", "cost_invalid", "intervention_needs_dimension"])
        var unknown = Self.input()
        unknown.dimensions = ["known", "happiness"]
        #expect(Self.codes { try unknown.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) } == ["dimension_unknown"])
        var blank = Self.input()
        blank.stepIDs = ["s1", " "]
        #expect(Self.codes { try blank.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) } == ["link_invalid"])
        var cost = Self.input()
        cost.cost = "12.500"
        #expect(try cost.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today).costEUR == 12_500)
    }

    @Test("the status moves one step forward or back, or stops; skipping a step is refused",
          arguments: [
            (InterventionStatus.idea, InterventionStatus.planned, true), (.idea, .implemented, false), (.idea, .evaluated, false),
            (.planned, .inExperiment, true), (.planned, .idea, true), (.inExperiment, .implemented, true), (.planned, .evaluated, false),
            (.implemented, .evaluated, true), (.evaluated, .implemented, true), (.evaluated, .idea, false), (.stopped, .idea, true),
            (.stopped, .implemented, false), (.implemented, .stopped, true),
          ])
    func moves(from: InterventionStatus, to: InterventionStatus, allowed: Bool) throws {
        let move = StatusMoveInput(status: to.rawValue, on: "2026-06-01", reason: "Geen budget")
        let result = Self.codes { try move.validated(try Self.intervention(from), today: Self.today, by: "Ilse") }
        #expect(result == (allowed ? [] : ["status_move_not_allowed"]))
        if !allowed {
            let error = try? #require(throws: ValidationErrors.self) { try move.validated(try Self.intervention(from), today: Self.today, by: "Ilse") }
            #expect(error?.errors.first?.kind == .conflict, "a rule about where it stands: 409 in the API")
        }
    }

    @Test("stopping needs a reason; a date before the last change or in the future is refused; an unknown status is a field error")
    func moveRules() throws {
        let planned = try Self.intervention(.planned, since: "2026-03-01")
        #expect(Self.codes { try StatusMoveInput(status: "stopped", on: "2026-06-01").validated(planned, today: Self.today, by: "I") }
                == ["stop_reason_required"])
        #expect(Self.codes { try StatusMoveInput(status: "in_experiment", on: "2026-02-28").validated(planned, today: Self.today, by: "I") }
                == ["status_date_before_previous"])
        #expect(Self.codes { try StatusMoveInput(status: "in_experiment", on: "2026-03-01").validated(planned, today: Self.today, by: "I") } == [])
        #expect(Self.codes { try StatusMoveInput(status: "in_experiment", on: "2026-06-16").validated(planned, today: Self.today, by: "I") }
                == ["date_in_future"])
        #expect(Self.codes { try StatusMoveInput(status: "done", on: "2026-06-01").validated(planned, today: Self.today, by: "I") } == ["status_invalid"])
        let change = try StatusMoveInput(status: "stopped", on: "2026-06-01", reason: " Geen budget ").validated(planned, today: Self.today, by: "Ilse")
        #expect(change.from == .planned && change.to == .stopped && change.reason == "Geen budget" && change.by == "Ilse")
    }

    static func assessment() -> AssessmentInput {
        var a = AssessmentInput()
        a.dimension = "known"; a.level = "3"; a.assessedOn = "2026-06-01"; a.assessors = "Ilse"; a.justification = "Teamsessie"
        return a
    }

    @Test("a maturity level and each target lie in 1–5; targets do not fall from a shorter to a longer horizon",
          arguments: [("0", false), ("1", true), ("5", true), ("6", false), ("drie", false), ("", false)])
    func levels(level: String, valid: Bool) {
        var a = Self.assessment()
        a.level = level
        #expect(Self.codes { try a.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) } == (valid ? [] : ["level_invalid"]))
    }

    @Test("targets: optional, 1–5, rising or equal with the horizon; dimension known; date not in the future")
    func targets() throws {
        var a = Self.assessment()
        a.targetShort = "3"; a.targetMedium = "4"; a.targetLong = "4"
        let ok = try a.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today)
        #expect(ok.targetShort == 3 && ok.targetMedium == 4 && ok.targetLong == 4 && ok.level == 3)
        a.targetLong = "2"
        #expect(Self.codes { try a.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) } == ["targets_out_of_order"])
        a.targetLong = "7"
        #expect(Self.codes { try a.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) } == ["level_invalid"])
        var b = Self.assessment()
        b.dimension = "speed"; b.assessedOn = "2026-07-01"
        #expect(Set(Self.codes { try b.validated(trajectoryID: "t", dimensions: Self.dimensions, today: Self.today) }) == ["dimension_unknown", "date_in_future"])
    }
}
