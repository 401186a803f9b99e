import Hummingbird
import SamenCore
import SamenStore

/// A person's own account: password and personal API tokens.
struct AccountRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, Paths.account), { $0.show }),
            (RouteEntry(.post, Paths.accountPassword), { $0.changePassword }),
            (RouteEntry(.post, Paths.accountTokens), { $0.createToken }),
            (RouteEntry(.post, "/account/tokens/:token/revoke"), { $0.revokeToken }),
        ]
    }

    struct TokenRow {
        let name: String
        let prefix: String
        let created: String
        let lastUsed: String
        let active: Bool
        let revokePath: String
    }

    struct AccountBody {
        let name: String
        let email: String
        let tokens: [TokenRow]
        let hasTokens: Bool
        let newToken: String?
        let passwordForm: FormState
        let tokenForm: FormState
        let passwordPath = Paths.accountPassword
        let tokensPath = Paths.accountTokens
        let openAPIPath = Paths.openAPI
    }

    private func page(_ request: Request, _ context: AppRequestContext, passwordForm: FormState? = nil, tokenForm: FormState? = nil,
                      newToken: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.requireUser()
        let tokens = try await services.accounts.tokens.list(userID: user.id).map {
            TokenRow(name: $0.name, prefix: $0.prefix, created: MemberRoutes.date($0.createdAt),
                     lastUsed: $0.lastUsedAt.map(MemberRoutes.date) ?? "–", active: $0.isActive, revokePath: Paths.revokeToken($0.id))
        }
        let body = AccountBody(name: user.displayName, email: user.email, tokens: tokens, hasTokens: !tokens.isEmpty, newToken: newToken,
                               passwordForm: passwordForm ?? renderer.form(context), tokenForm: tokenForm ?? renderer.form(context))
        return renderer.page("account", title: renderer.text("account_title", context), body: body, request: request,
                             context: context, status: status)
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    @Sendable func changePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await request.form(context)
        do {
            try await services.accounts.changePassword(user: user, current: form["current_password"], new: form["new_password"],
                                                       confirmation: form["password_confirmation"], keepSession: context.sessionTokenHash)
        } catch let errors as ValidationErrors {
            return try await page(request, context, passwordForm: renderer.form(errors: errors.errors, context), status: .unprocessableContent)
        }
        return services.cookies.redirect(Paths.account, notice: "notice_password_changed")
    }

    @Sendable func createToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await request.form(context)
        do {
            let (_, secret) = try await services.accounts.createToken(user: user, name: form["name"])
            // Shown once, on this response only; never stored or logged in clear.
            return try await page(request, context, newToken: secret)
        } catch let errors as ValidationErrors {
            return try await page(request, context, tokenForm: renderer.form(["name": form["name"]], errors: errors.errors, context),
                                  status: .unprocessableContent)
        }
    }

    @Sendable func revokeToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try await services.accounts.tokens.revoke(id: try request.parameter("token", context), userID: user.id)
        return services.cookies.redirect(Paths.account, notice: "notice_token_revoked")
    }
}
