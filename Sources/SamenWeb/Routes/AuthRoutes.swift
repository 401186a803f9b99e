import Hummingbird
import SamenCore

/// Logging in and out, first set-up, and the language switch.
struct AuthRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, Paths.login), { $0.showLogin }),
            (RouteEntry(.post, Paths.login), { $0.logIn }),
            (RouteEntry(.post, Paths.logout), { $0.logOut }),
            (RouteEntry(.get, Paths.setup), { $0.showSetup }),
            (RouteEntry(.post, Paths.setup), { $0.setUp }),
            (RouteEntry(.post, Paths.language), { $0.switchLanguage }),
        ]
    }

    struct LoginBody {
        let form: FormState
        let returnTo: String
        let setupNeeded: Bool
        let setupPath = Paths.setup
    }

    @Sendable func showLogin(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if context.user != nil { return .seeOther(Paths.home) }
        let setupNeeded = try await services.accounts.users.count() == 0
        let body = LoginBody(form: renderer.form(context), returnTo: Paths.safeReturn(request.uri.queryParameters["return_to"].map(String.init) ?? "/"),
                             setupNeeded: setupNeeded)
        return renderer.page("login", title: renderer.text("login_title", context), body: body, request: request, context: context)
    }

    @Sendable func logIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.form(context)
        let returnTo = Paths.safeReturn(form["return_to"])
        do {
            let clientKey = Secrets.sha256("client:" + context.clientAddress)
            let result = try await services.accounts.logIn(email: form["email"], password: form["password"], clientKey: clientKey)
            var response = Response.seeOther(returnTo)
            response.setCookie(services.cookies.session(result.sessionToken))
            if request.cookies[services.cookies.languageName] == nil {
                response.setCookie(services.cookies.language(result.user.locale))
            }
            // The session's own CSRF token from now on, so a token planted before login is worthless.
            response.setCookie(services.cookies.csrf(Secrets.csrfToken(forSession: result.sessionToken)))
            return response
        } catch let error as SamenError where error.kind == .unauthenticated || error.kind == .rateLimited {
            let status: HTTPResponse.Status = error.kind == .rateLimited ? .tooManyRequests : .unauthorized
            return loginPage(request, context, form: form, errors: [SamenError(error.code, kind: error.kind, field: "email")], status: status)
        } catch let errors as ValidationErrors {
            return loginPage(request, context, form: form, errors: errors.errors, status: .unprocessableContent)
        }
    }

    private func loginPage(_ request: Request, _ context: AppRequestContext, form: FormData, errors: [SamenError],
                           status: HTTPResponse.Status) -> Response {
        let body = LoginBody(form: renderer.form(["email": form["email"]], errors: errors, context),
                             returnTo: Paths.safeReturn(form["return_to"]), setupNeeded: false)
        return renderer.page("login", title: renderer.text("login_title", context), body: body,
                             request: request, context: context, status: status)
    }

    @Sendable func logOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let hash = context.sessionTokenHash {
            try await services.accounts.logOut(sessionTokenHash: hash)
        }
        var response = Response.seeOther(Paths.login)
        response.setCookie(services.cookies.expiredSession())
        response.setCookie(services.cookies.notice("notice_logged_out"))
        return response
    }

    struct SetupBody {
        let form: FormState
    }

    @Sendable func showSetup(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard try await services.accounts.users.count() == 0 else { throw SamenError.notFound }
        return renderer.page("setup", title: renderer.text("setup_title", context), body: SetupBody(form: renderer.form(context)),
                             request: request, context: context)
    }

    @Sendable func setUp(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.form(context)
        let account = AccountService.NewAccount(email: form["email"], displayName: form["display_name"],
                                                password: form["password"], passwordConfirmation: form["password_confirmation"])
        do {
            _ = try await services.accounts.setUp(account: account, organisationName: form["organisation_name"])
        } catch let errors as ValidationErrors {
            let values = ["email": form["email"], "display_name": form["display_name"], "organisation_name": form["organisation_name"]]
            return renderer.page("setup", title: renderer.text("setup_title", context),
                                 body: SetupBody(form: renderer.form(values, errors: errors.errors, context)),
                                 request: request, context: context, status: .unprocessableContent)
        }
        return services.cookies.redirect(Paths.login, notice: "notice_setup_done")
    }

    @Sendable func switchLanguage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.form(context)
        guard let locale = AppLocale(rawValue: form["lang"]) else {
            throw SamenError.validation("language_invalid", field: "lang")
        }
        if let user = context.user {
            try await services.accounts.users.setLocale(userID: user.id, locale: locale)
        }
        var response = Response.seeOther(Paths.safeReturn(form["return_to"]))
        response.setCookie(services.cookies.language(locale))
        return response
    }
}

extension Request {
    /// The urlencoded form of this request (the CSRF check has already read the body).
    func form(_ context: AppRequestContext) async throws -> FormData {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData.parse(String(buffer: buffer))
    }
}
