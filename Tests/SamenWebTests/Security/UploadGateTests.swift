import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
@testable import SamenWeb
import Testing

/// Issue 11, defect 1: a Pol.is import was read and form-parsed up to 32 MB before login,
/// membership or CSRF were checked, so anyone could fill the server's memory.
@Suite("Large uploads: who is asking is checked before the body is read")
struct UploadGateTests {
    static let importPath = "/o/\(Demo.orgA)/conversations/onbekend/import"
    static let boundary = "samen-grens"

    /// A multipart body just over the 32 MB import limit.
    static let oversized: [UInt8] = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"comments_csv\"; filename=\"c.csv\"\r\n\r\n".utf8)
        + [UInt8](repeating: 65, count: AppRequestContext.polisImportLimit + 1024)

    @Test("an unauthenticated oversized import is sent to the login page (or 401), not read up to its limit (413)")
    func unauthenticatedRefusedBeforeReading() async throws {
        try await withApp { client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            let page = try await browser.request(.post, Self.importPath, bytes: Self.oversized,
                                                 contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(page.status == .seeOther, "was \(page.status)")
            #expect(page.location == "/login")
            let api = try await browser.request(.post, "/api/v1/organisations/\(Demo.orgA)/conversations/onbekend/import",
                                                bytes: Self.oversized, contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(api.status == .unauthorized, "was \(api.status)")
        }
    }

    @Test("a viewer gets 403 and another organisation's member 404 for an import, before the body is read")
    func authorisedBeforeReading() async throws {
        try await withApp { client in
            let viewer = Browser(client)
            try await viewer.logIn(Demo.marco)
            let refused = try await viewer.request(.post, Self.importPath, bytes: Self.oversized,
                                                   contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(refused.status == .forbidden, "was \(refused.status)")
            let outsider = Browser(client)
            try await outsider.logIn(Demo.sanne)
            let hidden = try await outsider.request(.post, Self.importPath, bytes: Self.oversized,
                                                    contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(hidden.status == .notFound, "was \(hidden.status)")
        }
    }

    /// Posts the headers of a 30 MB import and its first kilobyte only, and returns the
    /// answer's head if one comes while the rest of the body is still owed.
    static func answerWithoutBody(port: Int, cookies: [String: String] = [:], path: String = importPath) async throws -> (RawHTTPConnection, String?) {
        let connection = try RawHTTPConnection(port: port)
        let cookieLine = cookies.isEmpty ? "" : "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n"
        try connection.send("POST \(path) HTTP/1.1\r\nHost: localhost\r\n\(cookieLine)"
                            + "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: \(30 * 1_048_576)\r\n\r\n")
        try connection.send([UInt8](repeating: 65, count: 1024))
        // Generous: a loaded machine answers late, while a server that waits for the body never answers at all.
        return (connection, await connection.head(timeout: 30))
    }

    @Test("the refusal comes while 30 MB of body are still owed: the body is never read")
    func answerBeforeBody() async throws {
        try await withApp(testing: .live) { client in
            let port = try #require(client.port)
            let (_, head) = try await Self.answerWithoutBody(port: port)
            let answer = try #require(head, "no answer within 30 s: the server was waiting for the body")
            #expect(answer.hasPrefix("HTTP/1.1 303"), "\(answer)")
        }
    }

    @Test("large uploads in flight are bounded: the next one gets 503 with Retry-After")
    func concurrentUploadsBounded() async throws {
        try await withApp(testing: .live, configure: { $0.maxConcurrentUploads = 1 }) { client in
            let port = try #require(client.port)
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            // The first upload holds the only slot while its body trickles in.
            let first = try RawHTTPConnection(port: port)
            try first.send("POST \(Self.importPath) HTTP/1.1\r\nHost: localhost\r\nCookie: samen_session=\(ilse.cookies["samen_session"] ?? "")\r\n"
                           + "Content-Type: multipart/form-data; boundary=\(Self.boundary)\r\nContent-Length: \(30 * 1_048_576)\r\n\r\n")
            try first.send([UInt8](repeating: 65, count: 1024))
            // Time for the first to take the slot, even on a busy machine.
            try await Task.sleep(for: .seconds(1))
            let (_, head) = try await Self.answerWithoutBody(port: port, cookies: ["samen_session": ilse.cookies["samen_session"] ?? ""])
            let answer = try #require(head)
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.lowercased().contains("retry-after: \(UploadGateMiddleware.retryAfterSeconds)"))
            _ = first
        }
    }

    @Test("upload slots: taken up to capacity, free again after release")
    func slots() async {
        let slots = UploadSlots(capacity: 2)
        #expect(await slots.acquire())
        #expect(await slots.acquire())
        #expect(await !slots.acquire())
        await slots.release()
        #expect(await slots.acquire())
    }
}
