import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Uploading an interview file (.txt, .md, .vtt, .docx): read as text, checked to be what
/// its name says, pseudonymised, and stored like pasted notes.
struct InterviewUploadRoutes: RouteGroup {
    let t: TrajectoryContext

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/upload"), { $0.upload }),
        ]
    }


    @Sendable func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        let form = try await MultipartForm.read(request, context)
        var text = ""
        var errors: [SamenError] = []
        if let part = form.file("file") {
            switch TranscriptFile.text(filename: part.filename, data: Data(buffer: part.body)) {
            case .success(let read): text = read.trimmingCharacters(in: .whitespacesAndNewlines)
            case .failure(let error): errors.append(error)
            }
        } else {
            errors.append(.validation("file_required", field: "file"))
        }
        var input = InterviewInput()
        input.text = text; input.consentPublication = form.has("consent_publication"); input.consentReuse = form.has("consent_reuse")
        input.participantID = form.value("participant") ?? ""; input.activityID = form.value("activity") ?? ""
        if errors.isEmpty {
            do {
                _ = try await StoryWrites(database: t.services.database).createInterview(try RecordPages(t: t).actor(membership, context),
                                                                                         trajectoryID: trajectory.id, input, field: "file")
                return t.services.cookies.redirect(StoryPath.stories.link(membership.organisation.slug, trajectory.id), notice: "notice_interview_added")
            } catch let refused as ValidationErrors {
                errors = refused.errors
            } catch let error as SamenError where error.kind == .validation {
                errors = [error]
            }
        }
        return try await StoryRoutes(t: t).listPage(request, context, membership, trajectory,
                                                    form: t.renderer.form([:], errors: errors, names: StoryRoutes.fields, context),
                                                    status: .unprocessableContent)
    }
}
