import Foundation
import HTTPTypes
import Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network (`10.0.0.0/8`, `fd00::/8`, or one address).
struct IPNetwork: Sendable, Equatable {
    let bytes: [UInt8]
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = IPNetwork.parse(first) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...bytes.count * 8).contains(length) else { return nil }
        self.bytes = bytes
        self.prefixLength = length
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address, bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The address's bytes: 4 for IPv4 (also for an IPv4-mapped IPv6 address), else 16.
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    static let loopback = [IPNetwork("127.0.0.0/8")!, IPNetwork("::1")!]
}

/// Which peers may tell us who the client is: only the configured proxies
/// (`SAMEN_TRUSTED_PROXIES`). A forwarded header from anyone else is ignored, so a client
/// cannot choose the address its login failures are counted against.
struct TrustedProxies: Sendable {
    let networks: [IPNetwork]

    init(_ entries: [String]) {
        networks = entries.compactMap(IPNetwork.init)
    }

    func trusts(_ address: String) -> Bool {
        guard let bytes = IPNetwork.parse(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client's address: walking `X-Forwarded-For` from the right, the first address
    /// that is not a trusted proxy; the peer itself when the peer is not trusted.
    func clientAddress(peer: String, forwardedFor: [String]) -> String {
        var current = peer
        var hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        while trusts(current), let previous = hops.popLast() {
            guard IPNetwork.parse(previous) != nil else { break }
            current = previous
        }
        return current
    }

    /// Whether the original request was https, as a trusted proxy says in `X-Forwarded-Proto`.
    func forwardedHTTPS(peer: String, forwardedProto: String?) -> Bool {
        guard trusts(peer), let proto = forwardedProto?.split(separator: ",").first else { return false }
        return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    static func isLoopback(_ address: String) -> Bool {
        guard let bytes = IPNetwork.parse(address) else { return false }
        return IPNetwork.loopback.contains { $0.contains(bytes) }
    }
}

/// First in the chain: settles the client's address and whether it came over https, from
/// the socket or — only behind a trusted proxy — from the forwarded headers.
struct ForwardedRequestMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies
    let secure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let peer = context.clientAddress
        let forwardedFor = HTTPField.Name("X-Forwarded-For")!, forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
        context.clientAddress = proxies.clientAddress(peer: peer, forwardedFor: request.headers[values: forwardedFor])
        context.isHTTPS = secure || proxies.forwardedHTTPS(peer: peer, forwardedProto: request.headers[forwardedProto])
        return try await next(request, context)
    }
}
