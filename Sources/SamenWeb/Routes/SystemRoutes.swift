import HTTPTypes
import Hummingbird
import SamenStore

/// Health, metrics, static files and the plain information pages.
struct SystemRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(Paths.health)) { _, _ -> Response in
            let ok = (try? await services.database.read { sql in try await sql.raw("SELECT 1 AS one").first() }) != nil
            return Response(status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: ok ? #"{"status":"ok"}"# : #"{"status":"database unavailable"}"#)))
        }
        router.get(RouterPath(Paths.metrics)) { request, context -> Response in
            guard metricsAllowed(request, context) else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: MetricsRegistry.shared.emitToBuffer())))
        }
        router.get("/static/:file") { request, context -> Response in
            guard let file = services.staticFiles[try request.parameter("file", context)] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: file.body))
        }
        router.get(RouterPath(Paths.accessibility)) { request, context -> Response in
            services.renderer.page("accessibility", title: services.renderer.text("accessibility_title", context),
                                   body: [String: String](), request: request, context: context)
        }
        router.get(RouterPath(Paths.help)) { request, context -> Response in
            services.renderer.page("help", title: services.renderer.text("help_title", context),
                                   body: [String: String](), request: request, context: context)
        }
    }

    /// `/metrics` tells how busy the server is and which routes fail, so it answers only
    /// to loopback (a scraper on the same host, or a proxy's health view) or to a request
    /// with `Authorization: Bearer <SAMEN_METRICS_TOKEN>`; everyone else gets 404. A request
    /// with forwarded headers came through a proxy, so it is not local even from loopback.
    func metricsAllowed(_ request: Request, _ context: AppRequestContext) -> Bool {
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] != nil || request.headers[HTTPField.Name("Forwarded")!] != nil
        if TrustedProxies.isLoopback(context.clientAddress) && !forwarded { return true }
        guard let expected = services.configuration.metricsToken, let header = request.headers[.authorization],
              header.lowercased().hasPrefix("bearer ") else { return false }
        return Secrets.constantTimeEquals(String(header.dropFirst("bearer ".count)).trimmed, expected)
    }
}
