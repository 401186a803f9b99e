import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The shared edit and delete-confirmation flow (`RecordFlow`) framed in a trajectory's
/// pages, for every record of a trajectory.
struct RecordPages {
    let t: TrajectoryContext

    typealias Spec = RecordFlow.Spec

    func flow(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory) -> RecordFlow {
        RecordFlow(services: t.services, canDelete: membership.role.allows(.editContent)) { template, title, body, status in
            t.page(template, title: title, body: body, request: request, context: context, membership: membership,
                   trajectory: trajectory, status: status)
        }
    }

    func actor(_ membership: Membership, _ context: AppRequestContext) throws -> WriteActor {
        try RecordFlow.actor(membership, context)
    }

    /// The values a form sent for the layout's fields (a ticked checkbox is "1").
    static func typed(_ form: FormData, _ layout: [(String, RecordForm.Kind)]) -> [String: String] {
        RecordFlow.typed(form, layout)
    }

    func editPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory, _ spec: Spec,
                  values: [String: String], version: Int) -> Response {
        flow(request, context, membership, trajectory).editPage(context, spec, values: values, version: version)
    }

    func save(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory, _ spec: Spec,
              form: FormData, reload: () async throws -> (values: [String: String], version: Int)?,
              write: (Int?) async throws -> Void) async throws -> Response {
        try await flow(request, context, membership, trajectory).save(context, spec, form: form, reload: reload, write: write)
    }

    func deletePage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                    heading: String, name: String, impact: DeletionImpact, action: String, back: String, version: Int) -> Response {
        flow(request, context, membership, trajectory).deletePage(context, heading: heading, name: name, impact: impact, action: action,
                                                                  back: back, version: version)
    }

    func confirmDelete(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ trajectory: Trajectory,
                       heading: String, name: String, action: String, back: String, done: String,
                       impact: () async throws -> DeletionImpact, reload: () async throws -> Int?,
                       delete: (Int?) async throws -> Void) async throws -> Response {
        try await flow(request, context, membership, trajectory).confirmDelete(
            request, context, heading: heading, name: name, action: action, back: back, done: done, impact: impact, reload: reload,
            delete: delete)
    }
}
