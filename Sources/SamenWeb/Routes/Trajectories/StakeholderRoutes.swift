import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The stakeholder register with Mendelow's power/interest grid, and the participant register.
struct StakeholderRoutes {
    let t: TrajectoryContext

    static let entries = [
        RouteEntry(.get, "/o/:org/trajectories/:trajectory/stakeholders"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/stakeholders"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/stakeholders/:stakeholder/position"),
        RouteEntry(.get, "/o/:org/trajectories/:trajectory/participants"),
        RouteEntry(.post, "/o/:org/trajectories/:trajectory/participants"),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [stakeholders, addStakeholder, addPosition, participants, addParticipant] as [Handler])))
    }

    struct StakeholderRow {
        let number: Int
        let id: String
        let name: String
        let group: String
        let required: Bool
        let flags: String
        let power: String
        let interest: String
        let quadrant: String
        let date: String
        let positionPath: String
        let powerID: String
        let interestID: String
        let dateID: String
    }

    struct Body {
        let rows: [StakeholderRow]
        let isEmpty: Bool
        let grid: GridChart
        let canEdit: Bool
        let groups: [Option]
        let form: FormState
        let action: String
        let today: String
    }

    @Sendable func stakeholders(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return try await stakeholderPage(request, context, membership, trajectory,
                                         form: t.form(["group": StakeholderGroup.citizen.rawValue, "position_date": t.today()], context),
                                         status: .ok)
    }

    private func stakeholderPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                                 form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let base = TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id)
        let list = try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        let rows = list.enumerated().map { i, s in
            let flags = [(s.hardToReach, "flag_hard_to_reach"), (s.lowDigitalSkills, "flag_low_digital_skills"), (s.languageNeeds, "flag_language_needs")]
                .filter(\.0).map { t.word($0.1, context) }.joined(separator: ", ")
            return StakeholderRow(number: i + 1, id: s.id, name: s.name, group: t.groupName(s.group, context), required: s.required, flags: flags,
                                  power: s.power.map(String.init) ?? "–", interest: s.interest.map(String.init) ?? "–",
                                  quadrant: s.quadrant.map { t.word("quadrant_" + $0.rawValue, context) } ?? "–", date: s.positionDate ?? "–",
                                  positionPath: base + "/stakeholders/\(s.id)/position", powerID: "power-\(s.id)",
                                  interestID: "interest-\(s.id)", dateID: "date-\(s.id)")
        }
        let body = Body(rows: rows, isEmpty: rows.isEmpty, grid: GridChart(list, t, context), canEdit: membership.role.allows(.editContent),
                        groups: t.options(StakeholderGroup.self, selected: form.fields["group"]?.value ?? "", prefix: "group_", context),
                        form: form, action: base + "/stakeholders", today: t.today())
        return t.page("trajectory-stakeholders", title: t.word("trajectory_tab_stakeholders", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func addStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        var errors = TrajectoryRules.required(form["name"], field: "name")
        let group = StakeholderGroup(rawValue: form["group"])
        if group == nil { errors.append(.validation("group_invalid", field: "group")) }
        var power: Int?, interest: Int?
        // The position is optional, but then complete: power, interest and date together.
        if !(form["power"] + form["interest"]).isEmpty {
            switch TrajectoryRules.gridScore(form["power"], field: "power") { case .success(let v): power = v; case .failure(let e): errors.append(e) }
            switch TrajectoryRules.gridScore(form["interest"], field: "interest") { case .success(let v): interest = v; case .failure(let e): errors.append(e) }
            errors += TrajectoryRules.date(form["position_date"], field: "position_date")
        }
        guard errors.isEmpty, let group else {
            var values = Dictionary(uniqueKeysWithValues: ["name", "group", "power", "interest", "position_date"].map { ($0, form[$0]) })
            for flag in ["required", "hard_to_reach", "low_digital_skills", "language_needs"] where !form[flag].isEmpty { values[flag] = "1" }
            return try await stakeholderPage(request, context, membership, trajectory, form: t.form(values, errors: errors, context),
                                             status: .unprocessableContent)
        }
        _ = try await t.participation.addStakeholder(organisationID: membership.organisation.id, Stakeholder(
            id: "", trajectoryID: trajectory.id, name: form["name"].trimmed, group: group, required: !form["required"].isEmpty,
            hardToReach: !form["hard_to_reach"].isEmpty, lowDigitalSkills: !form["low_digital_skills"].isEmpty,
            languageNeeds: !form["language_needs"].isEmpty, power: power, interest: interest,
            positionDate: power == nil ? nil : form["position_date"]))
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stakeholders", notice: "notice_saved")
    }

    @Sendable func addPosition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let id = try request.parameter("stakeholder", context)
        let form = try await request.form(context)
        var errors: [SamenError] = []
        var power = 0, interest = 0
        switch TrajectoryRules.gridScore(form["power"], field: "power-\(id)") { case .success(let v): power = v; case .failure(let e): errors.append(e) }
        switch TrajectoryRules.gridScore(form["interest"], field: "interest-\(id)") { case .success(let v): interest = v; case .failure(let e): errors.append(e) }
        errors += TrajectoryRules.date(form["position_date"], field: "date-\(id)")
        if !errors.isEmpty {
            return try await stakeholderPage(request, context, membership, trajectory, form: t.form(errors: errors, context),
                                             status: .unprocessableContent)
        }
        try await t.participation.addPosition(organisationID: membership.organisation.id, stakeholderID: id, power: power,
                                              interest: interest, date: form["position_date"])
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stakeholders", notice: "notice_saved")
    }

    struct ParticipantRow {
        let code: String
        let group: String
        let vulnerable: Bool
        let ageBand: String
        let district: String
        let activities: Int
    }

    struct ParticipantsBody {
        let rows: [ParticipantRow]
        let isEmpty: Bool
        let canEdit: Bool
        let groups: [Option]
        let form: FormState
        let action: String
    }

    @Sendable func participants(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return try await participantPage(request, context, membership, trajectory,
                                         form: t.form(["group": StakeholderGroup.citizen.rawValue], context), status: .ok)
    }

    private func participantPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                                 form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let visits = Dictionary(grouping: try await t.participation.participations(organisationID: org, trajectoryID: trajectory.id), by: \.participantID)
        let rows = try await t.participation.participants(organisationID: org, trajectoryID: trajectory.id).map {
            ParticipantRow(code: $0.code, group: t.groupName($0.group, context), vulnerable: $0.vulnerable, ageBand: $0.ageBand,
                           district: $0.district, activities: visits[$0.id]?.count ?? 0)
        }
        let body = ParticipantsBody(rows: rows, isEmpty: rows.isEmpty, canEdit: membership.role.allows(.editContent),
                                    groups: t.options(StakeholderGroup.self, selected: form.fields["group"]?.value ?? "", prefix: "group_", context),
                                    form: form, action: TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/participants")
        return t.page("trajectory-participants", title: t.word("trajectory_tab_participants", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func addParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        let code = form["code"].trimmed.uppercased()
        var errors = TrajectoryRules.participantCode(code) + TrajectoryRules.optional(form["age_band"], field: "age_band", max: 40)
            + TrajectoryRules.optional(form["district"], field: "district", max: 100)
        let group = StakeholderGroup(rawValue: form["group"])
        if group == nil { errors.append(.validation("group_invalid", field: "group")) }
        if errors.isEmpty, let group {
            do {
                _ = try await t.participation.addParticipant(organisationID: membership.organisation.id, Participant(
                    id: "", trajectoryID: trajectory.id, code: code, group: group, vulnerable: !form["vulnerable"].isEmpty,
                    ageBand: form["age_band"].trimmed, district: form["district"].trimmed))
                return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/participants", notice: "notice_saved")
            } catch let error as SamenError where error.kind == .conflict {
                errors = [error]
            }
        }
        var values = Dictionary(uniqueKeysWithValues: ["code", "group", "age_band", "district"].map { ($0, form[$0]) })
        if !form["vulnerable"].isEmpty { values["vulnerable"] = "1" }
        return try await participantPage(request, context, membership, trajectory, form: t.form(values, errors: errors, context),
                                         status: .unprocessableContent)
    }
}
