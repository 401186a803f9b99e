import Hummingbird
import SamenCore
import SamenStore

/// Dimension sets as data: the default eight (read-only) and the organisation's own sets,
/// which a facilitator copies from another set and then renames, redefines or extends.
/// Saving raises the set's version; surveys record the version they were made with.
struct DimensionSetRoutes: RouteGroup {
    let services: AppServices
    let store: SurveyStore
    var renderer: Renderer { services.renderer }

    init(services: AppServices) {
        self.services = services
        self.store = SurveyStore(database: services.database)
    }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/o/:org/dimensions"), { $0.list }),
            (RouteEntry(.post, "/o/:org/dimensions"), { $0.copy }),
            (RouteEntry(.post, "/o/:org/dimensions/:set"), { $0.save }),
        ]
    }


    struct DimensionRow {
        let index: Int
        let code: String
        let nameNL: String
        let nameEN: String
        let definitionNL: String
        let definitionEN: String
        let isNew: Bool
    }

    struct SetView {
        let id: String
        let name: String
        let source: String
        let version: Int
        /// The row version the save form names (a stale save is refused).
        let rowVersion: Int
        let editable: Bool
        let savePath: String
        let deletePath: String
        let dimensions: [DimensionRow]
    }

    struct Body {
        let sets: [SetView]
        let canEdit: Bool
        let copyPath: String
        let form: FormState
        let sources: [Option]
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try await page(request, context, membership, form: renderer.form(context), status: .ok)
    }

    func page(_ request: Request, _ context: AppRequestContext, _ membership: Membership, form: FormState,
              status: HTTPResponse.Status) async throws -> Response {
        let slug = membership.organisation.slug
        let canEdit = membership.role.allows(.runTrajectory)
        let sets = try await store.dimensionSets(organisationID: membership.organisation.id)
        let versions = try await store.dimensionSetRowVersions(organisationID: membership.organisation.id)
        let views = sets.map { set in
            let editable = canEdit && !set.isDefault
            var rows = set.dimensions.enumerated().map { index, dimension in
                DimensionRow(index: index, code: dimension.code, nameNL: dimension.nameNL, nameEN: dimension.nameEN,
                             definitionNL: dimension.definitionNL, definitionEN: dimension.definitionEN, isNew: false)
            }
            if editable {
                rows.append(DimensionRow(index: rows.count, code: "", nameNL: "", nameEN: "", definitionNL: "", definitionEN: "", isNew: true))
            }
            return SetView(id: set.id, name: set.name, source: set.source, version: set.version, rowVersion: versions[set.id] ?? 0,
                           editable: editable,
                           savePath: Paths.dimensionSet(slug, set.id), deletePath: SurveyPath.setDelete.link(slug, set.id), dimensions: rows)
        }
        let body = Body(sets: views, canEdit: canEdit, copyPath: Paths.dimensionSets(slug), form: form,
                        sources: sets.map { Option(value: $0.id, label: $0.name, selected: $0.isDefault) })
        return renderer.page("dimension-sets", title: renderer.text("dimension_sets_title", context), body: body, request: request,
                             context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    var writes: SurveyWrites { SurveyWrites(database: services.database) }

    @Sendable func copy(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        do {
            _ = try await writes.createDimensionSet(try RecordFlow.actor(membership, context), from: form["source"], name: form["name"])
        } catch let failed as ValidationErrors {
            return try await page(request, context, membership, form: renderer.form(["name": form["name"]], errors: failed.errors, context),
                                  status: .unprocessableContent)
        }
        return services.cookies.redirect(Paths.dimensionSets(membership.organisation.slug), notice: "notice_saved")
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let setID = try request.parameter("set", context)
        let form = try await request.form(context)
        var dimensions: [DimensionDefinition] = []
        var positions: [Int] = []
        for index in 0..<100 {
            if form["code_\(index)"].trimmed.isEmpty && form["name_nl_\(index)"].trimmed.isEmpty { continue }
            positions.append(index)
            dimensions.append(DimensionDefinition(code: form["code_\(index)"], nameNL: form["name_nl_\(index)"], nameEN: form["name_en_\(index)"],
                                                  definitionNL: form["definition_nl_\(index)"], definitionEN: form["definition_en_\(index)"]))
        }
        do {
            _ = try await writes.updateDimensionSet(try RecordFlow.actor(membership, context), id: setID, name: form["set_name"],
                                                    dimensions: dimensions, expected: RecordForm.version(form["version"]),
                                                    fields: { ("code_\(positions[$0])", "name_nl_\(positions[$0])") })
        } catch let failed as ValidationErrors {
            // The store names a duplicate code by its position among the saved dimensions; the form by its row.
            let errors = failed.errors.map { error -> SamenError in
                guard error.code == "dimension_code_duplicate", let field = error.field, let index = Int(field.dropFirst(5)),
                      positions.indices.contains(index) else { return error }
                return SamenError(error.code, kind: error.kind, field: "code_\(positions[index])")
            }
            return try await page(request, context, membership, form: renderer.form(errors: errors, context), status: .unprocessableContent)
        } catch let error as SamenError where error.kind == .stale {
            return try await page(request, context, membership,
                                  form: renderer.form(errors: [SamenError("dimension_set_stale", kind: .stale, field: "set_name")], context),
                                  status: .conflict)
        }
        return services.cookies.redirect(Paths.dimensionSets(membership.organisation.slug), notice: "notice_saved")
    }
}
