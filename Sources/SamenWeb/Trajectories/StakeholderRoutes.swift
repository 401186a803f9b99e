import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The stakeholder register with Mendelow's power/interest grid, and the participant register.
struct StakeholderRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.stakeholders.get, { $0.stakeholders }), (TrajectoryPath.stakeholders.post, { $0.addStakeholder }),
            (TrajectoryPath.stakeholders.appending(":stakeholder/position").post, { $0.addPosition }),
            (TrajectoryPath.participants.get, { $0.participants }), (TrajectoryPath.participants.post, { $0.addParticipant }),
        ]
    }

    struct StakeholderRow {
        let editLink: String
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
        let list = try await t.participation.stakeholders(organisationID: membership.organisation.id, trajectoryID: trajectory.id)
        let rows = list.enumerated().map { i, s in
            let flags = [(s.hardToReach, "flag_hard_to_reach"), (s.lowDigitalSkills, "flag_low_digital_skills"), (s.languageNeeds, "flag_language_needs")]
                .filter(\.0).map { t.word($0.1, context) }.joined(separator: ", ")
            return StakeholderRow(editLink: TrajectoryPath.stakeholderEdit.link(membership.organisation.slug, trajectory.id, s.id), number: i + 1, id: s.id, name: s.name, group: t.groupName(s.group, context), required: s.required, flags: flags,
                                  power: s.power.map(String.init) ?? "–", interest: s.interest.map(String.init) ?? "–",
                                  quadrant: s.quadrant.map { t.word("quadrant_" + $0.rawValue, context) } ?? "–", date: s.positionDate ?? "–",
                                  positionPath: TrajectoryPath.stakeholderPosition.link(membership.organisation.slug, trajectory.id, s.id), powerID: "power-\(s.id)",
                                  interestID: "interest-\(s.id)", dateID: "date-\(s.id)")
        }
        let body = Body(rows: rows, isEmpty: rows.isEmpty, grid: GridChart(list, t, context), canEdit: membership.role.allows(.editContent),
                        groups: t.options(StakeholderGroup.self, selected: form.fields["group"]?.value ?? "", prefix: "group_", context),
                        form: form, action: TrajectoryPath.stakeholders.link(membership.organisation.slug, trajectory.id), today: t.today())
        return t.page("trajectory-stakeholders", title: t.word("trajectory_tab_stakeholders", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func addStakeholder(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        var input = StakeholderInput()
        input.name = form["name"]; input.group = form["group"]; input.required = !form["required"].isEmpty
        input.hardToReach = !form["hard_to_reach"].isEmpty; input.lowDigitalSkills = !form["low_digital_skills"].isEmpty
        input.languageNeeds = !form["language_needs"].isEmpty
        input.power = form["power"]; input.interest = form["interest"]; input.positionDate = form["position_date"]
        do {
            _ = try await t.writes.createStakeholder(try RecordPages(t: t).actor(membership, context), trajectoryID: trajectory.id, input)
            return t.services.cookies.redirect(TrajectoryPath.stakeholders.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            var values = Dictionary(uniqueKeysWithValues: ["name", "group", "power", "interest", "position_date"].map { ($0, form[$0]) })
            for flag in ["required", "hard_to_reach", "low_digital_skills", "language_needs"] where !form[flag].isEmpty { values[flag] = "1" }
            return try await stakeholderPage(request, context, membership, trajectory, form: t.form(values, errors: errors.errors, context),
                                             status: .unprocessableContent)
        }
    }

    /// A new dated position on the grid; the row's fields carry the stakeholder's id, so errors are renamed to match.
    @Sendable func addPosition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let id = try request.parameter("stakeholder", context)
        let form = try await request.form(context)
        do {
            try await t.writes.addPosition(try RecordPages(t: t).actor(membership, context), trajectoryID: trajectory.id, stakeholderID: id,
                                           power: form["power"], interest: form["interest"], date: form["position_date"])
            return t.services.cookies.redirect(TrajectoryPath.stakeholders.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            let renamed = errors.errors.map { error -> SamenError in
                var copy = error
                copy.field = error.field == "position_date" ? "date-\(id)" : error.field.map { "\($0)-\(id)" }
                return copy
            }
            return try await stakeholderPage(request, context, membership, trajectory, form: t.form(errors: renamed, context),
                                             status: .unprocessableContent)
        }
    }

    struct ParticipantRow {
        let editLink: String
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
            ParticipantRow(editLink: TrajectoryPath.participantEdit.link(membership.organisation.slug, trajectory.id, $0.id), code: $0.code, group: t.groupName($0.group, context), vulnerable: $0.vulnerable, ageBand: $0.ageBand,
                           district: $0.district, activities: visits[$0.id]?.count ?? 0)
        }
        let body = ParticipantsBody(rows: rows, isEmpty: rows.isEmpty, canEdit: membership.role.allows(.editContent),
                                    groups: t.options(StakeholderGroup.self, selected: form.fields["group"]?.value ?? "", prefix: "group_", context),
                                    form: form, action: TrajectoryPath.participants.link(membership.organisation.slug, trajectory.id))
        return t.page("trajectory-participants", title: t.word("trajectory_tab_participants", context), body: body, request: request,
                      context: context, membership: membership, trajectory: trajectory, status: status)
    }

    @Sendable func addParticipant(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await request.form(context)
        var input = ParticipantInput()
        input.code = form["code"]; input.group = form["group"]; input.vulnerable = !form["vulnerable"].isEmpty
        input.ageBand = form["age_band"]; input.district = form["district"]
        let errors: [SamenError]
        do {
            _ = try await t.writes.createParticipant(try RecordPages(t: t).actor(membership, context), trajectoryID: trajectory.id, input)
            return t.services.cookies.redirect(TrajectoryPath.participants.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        } catch let failure as ValidationErrors {
            errors = failure.errors
        } catch let error as SamenError where error.kind == .conflict {
            errors = [error]
        }
        var values = Dictionary(uniqueKeysWithValues: ["code", "group", "age_band", "district"].map { ($0, form[$0]) })
        if !form["vulnerable"].isEmpty { values["vulnerable"] = "1" }
        return try await participantPage(request, context, membership, trajectory, form: t.form(values, errors: errors, context),
                                         status: .unprocessableContent)
    }
}
