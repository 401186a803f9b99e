import Foundation
import Hummingbird
import Mustache
import SamenCore

/// What the shared layout needs on every page: language, words, the person, navigation.
struct LayoutModel {
    struct NavItem {
        let label: String
        let url: String
        let current: Bool
    }
    struct LanguageOption {
        let code: String
        let label: String
        let current: Bool
    }

    let lang: String
    let title: String
    let csrf: String
    let currentPath: String
    let userName: String?
    let nav: [NavItem]
    let hasNav: Bool
    let languages: [LanguageOption]
    let notice: String?
    let paths: [String: String]
    /// The language the organisation writes its own texts in, and whether it differs from the
    /// page's: then templates mark those texts with it (`lang`, WCAG 3.1.2).
    var contentLang: String = AppLocale.default.rawValue
    var foreignContent = false
}

/// A whole page: the layout's values and the page's own view model (`body`).
struct PageModel {
    let layout: LayoutModel
    let t: [String: String]
    let body: Any
}

/// Renders Mustache templates (loaded once at start) into HTML responses.
struct Renderer: Sendable {
    let library: MustacheLibrary
    let translations: Translations

    static func load(resources: URL) async throws -> Renderer {
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let translations = try Translations.load(from: resources.appendingPathComponent("locales"))
        return Renderer(library: library, translations: translations)
    }

    func layout(_ request: Request, _ context: AppRequestContext, title: String,
                nav: [LayoutModel.NavItem] = [], notice: String? = nil) -> LayoutModel {
        let locale = context.locale
        let words = translations.table(locale, context.voice.addressForm)
        var items = nav
        if context.user != nil && items.isEmpty {
            items = [
                .init(label: words["nav_organisations"] ?? "", url: Paths.organisations, current: request.uri.path == Paths.organisations),
                .init(label: words["nav_account"] ?? "", url: Paths.account, current: request.uri.path == Paths.account),
            ]
        }
        var model = LayoutModel(
            lang: locale.rawValue,
            title: title,
            csrf: context.csrfToken,
            currentPath: request.uri.path,
            userName: context.user?.displayName,
            nav: items,
            hasNav: !items.isEmpty,
            languages: AppLocale.allCases.map {
                .init(code: $0.rawValue, label: translations.text("language_name", $0), current: $0 == locale)
            },
            notice: notice ?? context.noticeKey.flatMap { key in key.hasPrefix("notice_") ? translations.lookup(key, locale, context.voice.addressForm) : nil },
            paths: [
                "home": Paths.home, "login": Paths.login, "logout": Paths.logout, "language": Paths.language,
                "stylesheet": Paths.stylesheet, "accessibility": Paths.accessibility, "help": Paths.help,
                "account": Paths.account, "organisations": Paths.organisations,
            ]
        )
        model.contentLang = context.voice.contentLanguage.rawValue
        model.foreignContent = context.voice.contentLanguage != locale
        return model
    }

    /// Renders a page template with the layout around it.
    func page(_ template: String, title: String, body: Any, request: Request, context: AppRequestContext,
              status: HTTPResponse.Status = .ok, nav: [LayoutModel.NavItem] = [], notice: String? = nil) -> Response {
        // A form shown again with its errors (422) says so first in the title, as the error
        // summary does on the page: a screen reader announces the title on load.
        let shownTitle = status == .unprocessableContent ? text("title_error_prefix", context) + " " + title : title
        let model = PageModel(
            layout: layout(request, context, title: shownTitle, nav: nav, notice: notice),
            t: translations.table(context.locale, context.voice.addressForm),
            body: body
        )
        let html = library.render(MustacheModel.flattened(model) ?? model, withTemplate: template) ?? "<!doctype html><title>Samen</title><p>Template \(template) missing.</p>"
        return Self.html(html, status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    func text(_ key: String, _ context: AppRequestContext) -> String {
        translations.text(key, context.locale, context.voice.addressForm)
    }

    func form(_ values: [String: String], errors: [SamenError] = [], names: [String] = [], labels: [String: String] = [:],
              _ context: AppRequestContext) -> FormState {
        FormState(values: values, errors: errors, names: names, labels: labels, translations: translations, locale: context.locale, form: context.voice.addressForm)
    }

    func form(errors: [SamenError] = [], labels: [String: String] = [:], _ context: AppRequestContext) -> FormState {
        form([:], errors: errors, labels: labels, context)
    }
}

extension Response {
    /// 303 See Other: after a form post, the browser fetches the next page with GET.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
