import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting experiments and lessons, on the shared record flow
/// (`DesignEditRoutes.Kind`: form, stale 409 with both values, delete confirmation).
struct ExperimentEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    var writes: ExperimentWrites { ExperimentWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ExperimentPath.experimentEdit.get, { $0.experimentForm }), (ExperimentPath.experimentEdit.post, { $0.experimentEdit }),
            (ExperimentPath.experimentDelete.get, { $0.experimentDeleteForm }), (ExperimentPath.experimentDelete.post, { $0.experimentDelete }),
            (ExperimentPath.lessonEdit.get, { $0.lessonForm }), (ExperimentPath.lessonEdit.post, { $0.lessonEdit }),
            (ExperimentPath.lessonDelete.get, { $0.lessonDeleteForm }), (ExperimentPath.lessonDelete.post, { $0.lessonDelete }),
        ]
    }

    /// An experiment with the trajectory's records it can name, for its form.
    struct ExperimentRecord: Versioned, Sendable {
        var experiment: Experiment
        var choices: ExperimentForm.Choices
        var version: Int {
            get { experiment.version }
            set { experiment.version = newValue }
        }
    }

    var experiment: DesignEditRoutes.Kind<ExperimentRecord> {
        let form = ExperimentForm(t: t)
        return .init(
            load: { request, context, m, tr in
                let experiment = try await ExperimentRoutes.experiment(t, request, context, m, tr)
                return ExperimentRecord(experiment: experiment, choices: try await form.choices(m, tr, stories: experiment.storyIDs))
            },
            values: { ExperimentForm.values($0.experiment) },
            spec: { slug, tr, r, _, context in
                RecordPages.Spec(heading: t.word("experiment_edit_title", context), layout: form.layout(r.choices, context),
                                 action: ExperimentPath.experimentEdit.link(slug, tr.id, r.experiment.id),
                                 back: ExperimentPath.experiment.link(slug, tr.id, r.experiment.id),
                                 deleteLink: ExperimentPath.experimentDelete.link(slug, tr.id, r.experiment.id))
            },
            name: \.experiment.title, deleteTitle: "experiment_delete_title",
            done: { slug, tr, _ in ExperimentPath.experiments.link(slug, tr.id) },
            save: { actor, r, data, expected in
                _ = try await writes.updateExperiment(actor, current: r.experiment, ExperimentForm.input(data), expected: expected)
            },
            impact: { try await writes.experimentImpact($0.experiment) },
            delete: { try await writes.deleteExperiment($0, $1.experiment, expected: $2) }, linksPassages: false)
    }

    @Sendable func experimentForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(experiment, r, c) }
    @Sendable func experimentEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(experiment, r, c) }
    @Sendable func experimentDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(experiment, r, c) }
    @Sendable func experimentDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(experiment, r, c) }

    /// The lesson of the path, in the trajectory of the path (404 otherwise).
    static func lesson(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                       _ tr: Trajectory) async throws -> Lesson {
        guard let found = try await LessonStore(database: t.services.database)
            .lesson(organisationID: m.organisation.id, id: try request.parameter("lesson", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    var lesson: DesignEditRoutes.Kind<Lesson> {
        .init(
            load: { try await Self.lesson(t, $0, $1, $2, $3) },
            values: LessonForm.values,
            spec: { slug, tr, l, _, context in
                RecordPages.Spec(heading: t.word("lesson_edit_title", context), layout: LessonForm.layout(t, context),
                                 action: ExperimentPath.lessonEdit.link(slug, tr.id, l.id), back: ExperimentPath.lessons.link(slug, tr.id),
                                 deleteLink: ExperimentPath.lessonDelete.link(slug, tr.id, l.id))
            },
            name: { l in l.learnedOn + " · " + l.summary }, deleteTitle: "lesson_delete_title",
            done: { slug, tr, _ in ExperimentPath.lessons.link(slug, tr.id) },
            save: { actor, l, data, expected in _ = try await writes.updateLesson(actor, current: l, LessonForm.input(data), expected: expected) },
            impact: { _ in DeletionImpact([]) },
            delete: { try await writes.deleteLesson($0, $1, expected: $2) }, linksPassages: false)
    }

    @Sendable func lessonForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(lesson, r, c) }
    @Sendable func lessonEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(lesson, r, c) }
    @Sendable func lessonDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(lesson, r, c) }
    @Sendable func lessonDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(lesson, r, c) }
}
