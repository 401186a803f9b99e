import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Target population shares and how the participants compare with them.
struct RepresentationRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        let path = TrajectoryPath.representation
        return [(path.get, { $0.show }), (path.post, { $0.save })]
    }

    /// The variables a target population can be given for, with how a participant's level is read.
    static let variables: [(name: String, level: @Sendable (Participant) -> String)] = [
        ("group", { $0.group.rawValue }), ("age_band", { $0.ageBand }), ("district", { $0.district }),
    ]


    struct Row {
        let level: String
        let participants: String
        let observed: String
        let target: String
        let ratio: String
        let underRepresented: Bool
    }

    struct Table {
        let variable: String
        let title: String
        let rows: [Row]
        let score: String
        let weakest: String
        let hasRows: Bool
        let hasUnknown: Bool
    }

    struct InputRow {
        let level: String
        let label: String
        let field: String
        let value: String
        let error: String?
    }

    struct Body {
        let tables: [Table]
        let canEdit: Bool
        let inputs: [InputRow]
        let variables: [Option]
        let form: FormState
        let action: String
        let threshold: String
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let asked = request.uri.queryParameters["variable"].map(String.init) ?? "group"
        let variable = Self.variables.contains { $0.name == asked } ? asked : "group"
        return try await page(request, context, membership, trajectory, form: t.form(["variable": variable], context), status: .ok)
    }

    private func levels(_ variable: String, _ participants: [Participant], _ shares: [PopulationShare]) -> [String] {
        if variable == "group" { return StakeholderGroup.allCases.map(\.rawValue) }
        let level = Self.variables.first { $0.name == variable }!.level
        return Array(Set(participants.map(level).filter { !$0.isEmpty } + shares.filter { $0.variable == variable }.map(\.level))).sorted()
    }

    private func label(_ variable: String, _ level: String, _ context: AppRequestContext) -> String {
        if level.isEmpty { return t.word("representation_unknown", context) }
        return variable == "group" ? StakeholderGroup(rawValue: level).map { t.groupName($0, context) } ?? level : level
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                      form: FormState, status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation.id
        let participants = try await t.participation.participants(organisationID: org, trajectoryID: trajectory.id)
        let shares = try await t.trajectories.shares(organisationID: org, trajectoryID: trajectory.id)
        let tables = Self.variables.map { variable -> Table in
            let r = Representation(variable: variable.name, participants: participants, shares: shares, level: variable.level)
            let numbers = context.numbers
            let rows = r.rows.map {
                Row(level: label(variable.name, $0.level, context), participants: numbers.integer($0.participants),
                    observed: numbers.percent($0.observedPercent), target: $0.targetPercent.map { numbers.percent($0) } ?? "–",
                    ratio: numbers.decimal($0.ratio), underRepresented: $0.underRepresented)
            }
            let weakest = r.rows.filter(\.underRepresented).map { label(variable.name, $0.level, context) }.joined(separator: ", ")
            return Table(variable: variable.name, title: t.word("variable_" + variable.name, context), rows: rows,
                         score: numbers.decimal(r.score), weakest: weakest, hasRows: !rows.isEmpty,
                         hasUnknown: r.rows.contains(where: \.isUnknown))
        }
        let chosen = form.fields["variable"]?.value ?? "group"
        let inputs = levels(chosen, participants, shares).map { level in
            InputRow(level: level, label: label(chosen, level, context), field: "share_" + level,
                     value: form.fields["share_" + level]?.value
                        ?? shares.first { $0.variable == chosen && $0.level == level }.map { context.numbers.compact($0.percent) } ?? "",
                     error: form.fields["share_" + level]?.error)
        }
        let body = Body(tables: tables, canEdit: membership.role.allows(.runTrajectory), inputs: inputs,
                        variables: Self.variables.map { Option(value: $0.name, label: t.word("variable_" + $0.name, context), selected: $0.name == chosen) },
                        form: form, action: TrajectoryPath.representation.link(membership.organisation.slug, trajectory.id),
                        threshold: context.numbers.decimal(Representation.underRepresentedBelow, digits: 1))
        return t.page("trajectory-representation", title: t.word("trajectory_tab_representation", context), body: body,
                      request: request, context: context, membership: membership, trajectory: trajectory, status: status)
    }

    /// Saves the shares of one variable; each 0–100 and together 100, or nothing is saved.
    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        guard Self.variables.contains(where: { $0.name == form["variable"] }) else {
            throw SamenError.validation("variable_invalid", field: "variable")
        }
        let entries = form.fields.keys.filter { $0.hasPrefix("share_") }.sorted().map { (level: String($0.dropFirst(6)), raw: form[$0]) }
        switch TrajectoryRules.shares(entries, fieldPrefix: "share_") {
        case .failure(let errors):
            var values = ["variable": form["variable"]]
            for entry in entries { values["share_" + entry.level] = entry.raw }
            return try await page(request, context, membership, trajectory, form: t.form(values, errors: errors.errors, context),
                                  status: .unprocessableContent)
        case .success(let shares):
            try await t.trajectories.setShares(organisationID: membership.organisation.id, trajectoryID: trajectory.id,
                                               variable: form["variable"], shares: shares)
            return t.services.cookies.redirect(TrajectoryPath.representation.link(membership.organisation.slug, trajectory.id), notice: "notice_saved")
        }
    }
}
