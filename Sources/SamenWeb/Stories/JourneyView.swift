import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// One journey map: its steps as a table, the emotion curve as SVG (the table is its text
/// alternative), the service-blueprint lanes, and the form to add a step.
struct JourneyView {
    let t: TrajectoryContext
    let routes: DesignRoutes

    struct StepRow {
        let number: Int
        let stage: String
        let touchpoint: String
        let channel: String
        let actor: String
        /// The blueprint's customer lane: "actor: stage", or the stage alone without an actor.
        let customerLane: String
        let emotion: String
        let painPoints: String
        let momentOfTruth: Bool
        let opportunities: String
        let frontstage: String
        let backstage: String
        let support: String
        let quotes: [EvidenceRoutes.QuoteRow]
        let editPath: String
        let deletePath: String
    }

    /// A step on the emotion curve: its number in the circle, its name in the point's title
    /// and in the legend under the chart (so the curve names its steps, not only numbers them).
    struct Point {
        let x: Int
        let y: Int
        let label: String
        let number: Int
        let name: String
        let emotion: String
    }

    /// "Aanvragen · Brief": the stage and the touchpoint, whichever are filled in.
    static func stepName(_ step: JourneyStep) -> String {
        [step.stage, step.touchpoint].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    struct Body {
        let journey: Journey
        let personaName: String
        let personaURL: String
        let kind: String
        let steps: [StepRow]
        let hasSteps: Bool
        let points: [Point]
        let polyline: String
        let chartTitle: String
        let chartDescription: String
        let blueprint: Bool
        let tableURL: String
        let blueprintURL: String
        let canEdit: Bool
        let channels: [Option]
        let highlights: [EvidenceRoutes.QuoteRow]
        let form: FormState
        let action: String
        let editLink: String
        let deleteLink: String
    }

    static let fields = ["stage", "position", "touchpoint", "actor", "emotion", "pain_points", "opportunities", "frontstage", "backstage", "support", "moment_of_truth"]

    func page(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, form: FormState?, checked: Set<String> = [],
              status: HTTPResponse.Status) async throws -> Response {
        let design = DesignStore(database: t.services.database)
        let id = try request.parameter("journey", context)
        guard let journey = try await design.journeys(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        let persona = try await design.personas(organisationID: m.organisation.id, trajectoryID: tr.id).first { $0.id == journey.personaID }
        let steps = try await design.steps(organisationID: m.organisation.id, journeyID: journey.id)
        let highlightList = try await EvidenceStore(database: t.services.database).highlights(
            organisationID: m.organisation.id, trajectoryID: tr.id, ids: steps.flatMap(\.highlightIDs))
        let highlights = Dictionary(highlightList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = steps.enumerated().map { i, s in
            StepRow(number: i + 1, stage: s.stage, touchpoint: s.touchpoint, channel: t.word("channel_" + s.channel, context), actor: s.actor,
                    customerLane: s.actor.trimmingCharacters(in: .whitespaces).isEmpty ? s.stage : s.actor + ": " + s.stage,
                    emotion: (s.emotion > 0 ? "+" : "") + "\(s.emotion)", painPoints: s.painPoints, momentOfTruth: s.momentOfTruth,
                    opportunities: s.opportunities, frontstage: s.frontstage, backstage: s.backstage, support: s.support,
                    quotes: routes.evidence.quoteRows(m, tr, s.highlightIDs.compactMap { highlights[$0] }, checked: [], context),
                    editPath: StoryPath.stepEdit.link(m.organisation.slug, tr.id, journey.id, s.id),
                    deletePath: StoryPath.stepDelete.link(m.organisation.slug, tr.id, journey.id, s.id))
        }
        let curve = DesignRules.curve(steps.map(\.emotion), width: 640, height: 220, margin: 30)
        let points = zip(curve, zip(steps, rows)).map { point, step in
            Point(x: point.x, y: point.y, label: step.0.touchpoint, number: step.1.number, name: Self.stepName(step.0), emotion: step.1.emotion)
        }
        let stepList = points.map { "\($0.number) \($0.name) (\($0.emotion))" }.joined(separator: "; ")
        let base = TrajectoryPaths.trajectory(m.organisation.slug, tr.id) + "/journeys/\(journey.id)"
        let body = Body(
            journey: journey, personaName: persona?.name ?? "", personaURL: TrajectoryPaths.trajectory(m.organisation.slug, tr.id) + "/personas/\(journey.personaID)",
            kind: t.word("journey_kind_" + journey.kind.rawValue, context), steps: rows, hasSteps: !rows.isEmpty, points: points,
            polyline: curve.map { "\($0.x),\($0.y)" }.joined(separator: " "), chartTitle: t.word("journey_chart_title", context),
            chartDescription: t.word("journey_chart_description", context) + (stepList.isEmpty ? "" : " " + stepList + "."), blueprint: request.uri.queryParameters["view"] == "blueprint",
            tableURL: base, blueprintURL: base + "?view=blueprint", canEdit: m.role.allows(.editContent),
            channels: DesignRules.channels.map { Option(value: $0, label: t.word("channel_" + $0, context), selected: $0 == (form?.fields["channel"]?.value ?? "desk")) },
            highlights: routes.evidence.quoteRows(m, tr, highlightList, checked: checked, context),
            form: form ?? t.renderer.form(["position": "\(steps.count + 1)", "emotion": "0"], names: Self.fields, context), action: base + "/steps",
            editLink: StoryPath.journeyEdit.link(m.organisation.slug, tr.id, journey.id),
            deleteLink: StoryPath.journeyDelete.link(m.organisation.slug, tr.id, journey.id))
        return t.page("trajectory-journey", title: journey.scenario, body: body, request: request, context: context, membership: m, trajectory: tr, status: status)
    }

    func addStep(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Response {
        let form = try await request.form(context)
        let journey = try await StoryRecords(t: t).journey(request, context, m, tr)
        var input = JourneyStepInput()
        input.stage = form["stage"]; input.position = form["position"]; input.touchpoint = form["touchpoint"]; input.channel = form["channel"]
        input.actor = form["actor"]; input.emotion = form["emotion"]; input.painPoints = form["pain_points"]
        input.momentOfTruth = !form["moment_of_truth"].isEmpty; input.opportunities = form["opportunities"]; input.frontstage = form["frontstage"]
        input.backstage = form["backstage"]; input.support = form["support"]; input.highlightIDs = form.values("highlight")
        var errors: [SamenError] = []
        do {
            _ = try await StoryWrites(database: t.services.database).createStep(try RecordPages(t: t).actor(m, context), journey: journey, input)
            return .seeOther(StoryPath.journey.link(m.organisation.slug, tr.id, journey.id))
        } catch let refused as ValidationErrors {
            errors = refused.errors
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        }
        var values = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, form[$0]) })
        values["channel"] = form["channel"]
        return try await page(request, context, m, tr, form: t.renderer.form(values, errors: errors, names: Self.fields, context),
                              checked: Set(form.values("highlight")), status: .unprocessableContent)
    }
}
