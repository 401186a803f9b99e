import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Uploading an interview file (.txt, .md, .vtt, .docx): read as text, checked to be what
/// its name says, pseudonymised, and stored like pasted notes.
struct InterviewUploadRoutes {
    let t: TrajectoryContext

    static let entries = [RouteEntry(.post, "/o/:org/trajectories/:trajectory/stories/upload")]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [upload] as [Handler])))
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
        if errors.isEmpty { errors += StoryRules.interviewText(text, field: "file") }
        if !errors.isEmpty {
            return try await StoryRoutes(t: t).listPage(request, context, membership, trajectory,
                                                        form: t.renderer.form([:], errors: errors, names: StoryRoutes.fields, context),
                                                        status: .unprocessableContent)
        }
        let today = CalendarDate(unixTime: Clock.now())
        _ = try await StoryStore(database: t.services.database).add(.init(
            trajectoryID: trajectory.id, linkID: nil, source: .interview, receiptHash: nil, original: text,
            pseudonymised: try await StoryStore(database: t.services.database).pseudonymiser(trajectoryID: trajectory.id).pseudonymise(text).text,
            consent: StoryConsent(internalAnalysis: true, publication: form.has("consent_publication"), reuse: form.has("consent_reuse")),
            ageBand: "", district: "", channel: "",
            retentionDate: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + StoryRules.defaultRetentionDays).description,
            participantID: form.value("participant"), activityID: form.value("activity")),
            organisationID: membership.organisation.id)
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories", notice: "notice_interview_added")
    }
}
