import Foundation
import Hummingbird
import SamenCore

/// The edit and delete-confirmation flow shared by every editable record, inside a
/// trajectory or not: show the form with the stored values and version; on save call the
/// use-case; on a rule broken show the typed values with a message per field (422); when
/// someone else saved first show both values and keep what was typed (409); a refusal
/// (a conflict that no field can fix) shows its message (409); then redirect with a notice.
/// `frame` puts a page body in its surroundings (a trajectory's tabs, or only the
/// organisation's navigation).
struct RecordFlow {
    let services: AppServices
    let canDelete: Bool
    let frame: (_ template: String, _ title: String, _ body: Any, _ status: HTTPResponse.Status) -> Response

    struct Spec {
        let heading: String
        let layout: [(String, RecordForm.Kind)]
        let action: String
        let back: String
        let deleteLink: String?
        /// Where a successful save goes; `back` when nil.
        var done: String? = nil
        /// The search above a form that offers a bounded list of passages.
        var passageSearch: EvidenceRoutes.PassageSearch? = nil
    }

    /// What an organisation page (not inside a trajectory) frames its body in.
    static func organisation(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ membership: Membership,
                             canDelete: Bool) -> RecordFlow {
        struct Frame {
            let trajectoryTitle: String?
            let page: Any
        }
        return RecordFlow(services: services, canDelete: canDelete) { template, title, body, status in
            services.renderer.page(template, title: title + " – " + membership.organisation.name, body: Frame(trajectoryTitle: nil, page: body),
                                   request: request, context: context, status: status,
                                   nav: services.organisationNav(membership, current: request.uri.path, context))
        }
    }

    static func actor(_ membership: Membership, _ context: AppRequestContext) throws -> WriteActor {
        let user = try context.requireUser()
        return WriteActor(organisationID: membership.organisation.id, userID: user.id, displayName: user.displayName, role: membership.role)
    }

    /// The values a form sent for the layout's fields (a ticked checkbox is "1").
    static func typed(_ form: FormData, _ layout: [(String, RecordForm.Kind)]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: layout.map { name, kind in
            if case .checkbox = kind { return (name, form[name].isEmpty ? "" : "1") }
            if case .choices = kind { return (name, form.values(name).joined(separator: "\n")) }
            return (name, form[name])
        })
    }

    func editPage(_ context: AppRequestContext, _ spec: Spec, values: [String: String], version: Int, errors: [SamenError] = [],
                  stale: RecordForm.Stale? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let form = services.renderer.form(values, errors: errors, names: spec.layout.map(\.0), context)
        let body = RecordForm.EditBody(heading: spec.heading, action: spec.action, back: spec.back, version: String(version),
                                       fields: RecordForm.fields(spec.layout, form), form: form, stale: stale,
                                       deleteLink: canDelete ? spec.deleteLink : nil, passageSearch: spec.passageSearch)
        return frame("record-edit", spec.heading, body, status)
    }

    /// Runs a save and answers with the next page. `reload` reads the record as stored now (for the stale notice).
    func save(_ context: AppRequestContext, _ spec: Spec, form: FormData, reload: () async throws -> (values: [String: String], version: Int)?,
              write: (Int?) async throws -> Void) async throws -> Response {
        let typed = Self.typed(form, spec.layout)
        let sentVersion = RecordForm.version(form["version"]) ?? 0
        do {
            try await write(RecordForm.version(form["version"]))
            return services.cookies.redirect(spec.done ?? spec.back, notice: "notice_saved")
        } catch let errors as ValidationErrors {
            return editPage(context, spec, values: typed, version: sentVersion, errors: errors.errors, status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            guard let now = try await reload() else { throw SamenError.notFound }
            let form = services.renderer.form(typed, names: spec.layout.map(\.0), context)
            return editPage(context, spec, values: typed, version: now.version,
                            stale: RecordForm.stale(spec.layout, typed: typed, stored: now.values, form), status: .conflict)
        } catch let error as SamenError where error.kind == .validation || error.kind == .conflict {
            return editPage(context, spec, values: typed, version: sentVersion, errors: [error],
                            status: error.kind == .conflict && error.field == nil ? .conflict : .unprocessableContent)
        }
    }

    func deletePage(_ context: AppRequestContext, heading: String, name: String, impact: DeletionImpact, action: String, back: String,
                    version: Int, stale: Bool = false, refusal: SamenError? = nil, refusalDetail: String = "") -> Response {
        let lines = RecordForm.impactLines(impact) { services.renderer.text($0, context) }
        let body = RecordForm.DeleteBody(heading: heading, name: name, impact: lines, hasImpact: !lines.isEmpty, action: action,
                                         back: back, version: String(version), stale: stale,
                                         refusal: refusal.map { services.renderer.text("error_" + $0.code, context)
                                             + (refusalDetail.isEmpty ? "" : " " + refusalDetail) })
        return frame("confirm-delete", heading, body, stale || refusal != nil ? .conflict : .ok)
    }

    /// Runs a confirmed delete; a stale version shows the confirmation again with the current
    /// version, a refusal (409) shows it with the reason.
    func confirmDelete(_ request: Request, _ context: AppRequestContext, heading: String, name: String, action: String, back: String,
                       done: String, impact: () async throws -> DeletionImpact, reload: () async throws -> Int?,
                       delete: (Int?) async throws -> Void) async throws -> Response {
        let form = try await request.form(context)
        let sent = RecordForm.version(form["version"])
        do {
            try await delete(sent)
            return services.cookies.redirect(done, notice: "notice_deleted")
        } catch let error as SamenError where error.kind == .stale {
            guard let version = try await reload() else { throw SamenError.notFound }
            return deletePage(context, heading: heading, name: name, impact: try await impact(), action: action, back: back,
                              version: version, stale: true)
        } catch let error as SamenError where error.kind == .conflict {
            return deletePage(context, heading: heading, name: name, impact: try await impact(), action: action, back: back,
                              version: sent ?? 0, refusal: error)
        }
    }
}
