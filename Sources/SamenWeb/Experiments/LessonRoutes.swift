import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The learning log of a trajectory (seed 002 tip 3): lessons about the process itself,
/// newest first, and the form for a new one.
struct LessonRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ExperimentPath.lessons.get, { $0.page }), (ExperimentPath.lessons.post, { $0.create })]
    }

    struct Row {
        let learnedOn: String
        let phase: String
        let kind: String
        let summary: String
        let detail: String?
        let editLink: String
        let deleteLink: String
    }

    struct Body {
        let rows: [Row]
        let isEmpty: Bool
        let canEdit: Bool
        let action: String
        let back: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await render(request, context, m, tr, values: ["learned_on": t.today(), "phase": tr.currentPhase.rawValue], errors: [], status: .ok)
    }

    func render(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let rows = try await LessonStore(database: t.services.database).lessons(organisationID: m.organisation.id, trajectoryID: tr.id).map {
            Row(learnedOn: $0.learnedOn, phase: t.phaseName($0.phase, context), kind: t.word("lesson_kind_" + $0.kind.rawValue, context),
                summary: $0.summary, detail: $0.detail.isEmpty ? nil : $0.detail, editLink: ExperimentPath.lessonEdit.link(slug, tr.id, $0.id),
                deleteLink: ExperimentPath.lessonDelete.link(slug, tr.id, $0.id))
        }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: LessonForm.names, context)
        let body = Body(rows: rows, isEmpty: rows.isEmpty, canEdit: canEdit, action: ExperimentPath.lessons.link(slug, tr.id),
                        back: ExperimentPath.experiments.link(slug, tr.id), form: state,
                        fields: canEdit ? RecordForm.fields(LessonForm.layout(t, context), state) : [])
        return t.page("learning-log", title: t.word("lessons_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            _ = try await ExperimentWrites(database: t.services.database).createLesson(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id,
                                                                                     LessonForm.input(data))
            return t.services.cookies.redirect(ExperimentPath.lessons.link(m.organisation.slug, tr.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await render(request, context, m, tr, values: RecordPages.typed(data, LessonForm.layout(t, context)), errors: refused.errors,
                                    status: .unprocessableContent)
        }
    }
}
