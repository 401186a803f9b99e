import Foundation
import Hummingbird
import HummingbirdTesting
import SamenStore
import SamenTestSupport
import SamenWeb

/// Builds the real application on a throwaway database (with the demo organisations) and
/// runs `body` against it in-process.
func withApp<T: Sendable>(
    kind: DatabaseKind = .sqlite,
    demo: Bool = true,
    secureCookies: Bool = false,
    testing: TestingSetup = .router,
    configure: (inout SamenConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
) async throws -> T {
    let url = try await TestDatabase.makeURL(kind)
    var configuration = SamenConfiguration(databaseURL: url, secureCookies: secureCookies, bcryptCost: 4, loadDemo: demo)
    configure(&configuration)
    do {
        let app = try await buildApplication(configuration: configuration)
        let result = try await app.test(testing, body)
        await TestDatabase.drop(url: url, kind: kind)
        return result
    } catch {
        await TestDatabase.drop(url: url, kind: kind)
        throw error
    }
}

/// A tiny browser: keeps cookies between requests and fills in the CSRF token, so tests
/// read like a person using the site.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var acceptLanguage: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, bytes: [UInt8]? = nil, contentType: String? = nil,
                 headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if let contentType { headers[.contentType] = contentType }
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let response = try await client.execute(uri: path, method: method, headers: headers,
                                                body: bytes.map { ByteBuffer(bytes: $0) } ?? body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        try await request(.get, path)
    }

    /// Posts a form as the page would, with the CSRF token unless told not to.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestResponse {
        if csrf && cookies["samen_csrf"] == nil { try await get("/login") }
        var all = fields
        if csrf { all["_csrf"] = cookies["samen_csrf"] ?? "" }
        let body = all.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await request(.post, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    @discardableResult
    func logIn(_ email: String, _ password: String = DemoData.loginPassword) async throws -> TestResponse {
        try await post("/login", ["email": email, "password": password, "return_to": "/"])
    }

    func json(_ method: HTTPRequest.Method, _ path: String, token: String, body: String? = nil) async throws -> TestResponse {
        try await request(method, path, body: body, contentType: body == nil ? nil : "application/json",
                          headers: [.authorization: "Bearer \(token)"])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var jsonObject: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var location: String? { headers[.location] }
}

/// Demo accounts (see DemoData): Ilse administers Gemeente Voorbeeld, Marco views it,
/// Sanne administers Welzijn Noord.
enum Demo {
    static let ilse = DemoData.loginEmail
    static let marco = "marco@voorbeeld.nl"
    static let sanne = "sanne@welzijnnoord.nl"
    static let orgA = "gemeente-voorbeeld"
    static let orgB = "welzijn-noord"
}
