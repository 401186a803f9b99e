import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The edit and delete-confirmation flow shared by every record of a trajectory: show the
/// form with the stored values and version; on save call the use-case; on a rule broken
/// show the typed values with a message per field (422); when someone else saved first
/// show both values and keep what was typed (409); then redirect with a notice.
struct RecordPages {
    let t: TrajectoryContext

    struct Spec {
        let heading: String
        let layout: [(String, RecordForm.Kind)]
        let action: String
        let back: String
        let deleteLink: String?
    }

    func actor(_ membership: Membership, _ context: AppRequestContext) throws -> WriteActor {
        let user = try context.requireUser()
        return WriteActor(organisationID: membership.organisation.id, userID: user.id, displayName: user.displayName, role: membership.role)
    }

    /// The values a form sent for the layout's fields (a ticked checkbox is "1").
    static func typed(_ form: FormData, _ layout: [(String, RecordForm.Kind)]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: layout.map { name, kind in
            if case .checkbox = kind { return (name, form[name].isEmpty ? "" : "1") }
            return (name, form[name])
        })
    }

    func editPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory, _ spec: Spec,
                  values: [String: String], version: Int, errors: [SamenError] = [], stale: RecordForm.Stale? = nil,
                  status: HTTPResponse.Status = .ok) -> Response {
        let form = t.renderer.form(values, errors: errors, names: spec.layout.map(\.0), context)
        let body = RecordForm.EditBody(heading: spec.heading, action: spec.action, back: spec.back, version: String(version),
                                       fields: RecordForm.fields(spec.layout, form), form: form, stale: stale,
                                       deleteLink: membership.role.allows(.editContent) ? spec.deleteLink : nil)
        return t.page("record-edit", title: spec.heading, body: body, request: request, context: context, membership: membership,
                      trajectory: trajectory, status: status)
    }

    /// Runs a save and answers with the next page. `reload` reads the record as stored now (for the stale notice).
    func save(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory, _ spec: Spec,
              form: FormData, reload: () async throws -> (values: [String: String], version: Int)?,
              write: (Int?) async throws -> Void) async throws -> Response {
        let typed = Self.typed(form, spec.layout)
        let sentVersion = RecordForm.version(form["version"]) ?? 0
        do {
            try await write(RecordForm.version(form["version"]))
            return t.services.cookies.redirect(spec.back, notice: "notice_saved")
        } catch let errors as ValidationErrors {
            return editPage(request, context, membership, trajectory, spec, values: typed, version: sentVersion, errors: errors.errors,
                            status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            guard let now = try await reload() else { throw SamenError.notFound }
            let form = t.renderer.form(typed, names: spec.layout.map(\.0), context)
            return editPage(request, context, membership, trajectory, spec, values: typed, version: now.version,
                            stale: RecordForm.stale(spec.layout, typed: typed, stored: now.values, form), status: .conflict)
        } catch let error as SamenError where error.kind == .validation || (error.kind == .conflict && error.field != nil) {
            return editPage(request, context, membership, trajectory, spec, values: typed, version: sentVersion, errors: [error],
                            status: .unprocessableContent)
        }
    }

    func deletePage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                    heading: String, name: String, impact: DeletionImpact, action: String, back: String, version: Int,
                    stale: Bool = false) -> Response {
        let lines = RecordForm.impactLines(impact) { t.word($0, context) }
        let body = RecordForm.DeleteBody(heading: heading, name: name, impact: lines, hasImpact: !lines.isEmpty, action: action,
                                         back: back, version: String(version), stale: stale)
        return t.page("confirm-delete", title: heading, body: body, request: request, context: context, membership: membership,
                      trajectory: trajectory, status: stale ? .conflict : .ok)
    }

    /// Runs a confirmed delete; a stale version shows the confirmation again with the current version.
    func confirmDelete(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                       heading: String, name: String, action: String, back: String, done: String,
                       impact: () async throws -> DeletionImpact, reload: () async throws -> Int?,
                       delete: (Int?) async throws -> Void) async throws -> Response {
        let form = try await request.form(context)
        do {
            try await delete(RecordForm.version(form["version"]))
            return t.services.cookies.redirect(done, notice: "notice_deleted")
        } catch let error as SamenError where error.kind == .stale {
            guard let version = try await reload() else { throw SamenError.notFound }
            return deletePage(request, context, membership, trajectory, heading: heading, name: name, impact: try await impact(),
                              action: action, back: back, version: version, stale: true)
        }
    }
}
