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
        router.get(RouterPath(Paths.metrics)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
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
}
