import Foundation
import Hummingbird
import MultipartKit
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

    /// One part of a multipart body: its form-field name, file name (if a file) and bytes.
    struct Part {
        var name = ""
        var filename = ""
        var body = ByteBuffer()
    }

    /// Splits a multipart/form-data body into its parts with MultipartKit's parser.
    static func parts(_ buffer: ByteBuffer, boundary: String) throws -> [Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var current = Part()
        parser.onHeader = { field, value in
            guard field.lowercased() == "content-disposition" else { return }
            current.name = attribute("name", in: value)
            current.filename = attribute("filename", in: value)
        }
        parser.onBody = { chunk in current.body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(current)
            current = Part()
        }
        try parser.execute(buffer)
        return parts
    }

    static func attribute(_ name: String, in header: String) -> String {
        for item in header.split(separator: ";") {
            let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return ""
    }

    @Sendable func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .editContent)
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let boundary = CSRFMiddleware.multipartBoundary(request.headers[.contentType] ?? "") else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        let parts = (try? Self.parts(buffer, boundary: boundary)) ?? []
        func field(_ name: String) -> Bool { parts.contains { $0.name == name && $0.body.readableBytes > 0 } }
        func value(_ name: String) -> String? {
            parts.first { $0.name == name }.map { String(buffer: $0.body) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var text = ""
        var errors: [SamenError] = []
        if let part = parts.first(where: { $0.name == "file" && !$0.filename.isEmpty }) {
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
            consent: StoryConsent(internalAnalysis: true, publication: field("consent_publication"), reuse: field("consent_reuse")),
            ageBand: "", district: "", channel: "",
            retentionDate: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + StoryRules.defaultRetentionDays).description,
            participantID: value("participant"), activityID: value("activity")),
            organisationID: membership.organisation.id)
        return t.services.cookies.redirect(TrajectoryPaths.trajectory(membership.organisation.slug, trajectory.id) + "/stories", notice: "notice_interview_added")
    }
}
