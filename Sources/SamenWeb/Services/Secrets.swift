import Crypto
import Foundation

/// Random tokens and one-way hashes for cookies and API tokens.
enum Secrets {
    /// 32 random bytes as URL-safe text (cookie-safe, no padding).
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The CSRF token of a logged-in session: an HMAC of a fixed label keyed with the
    /// session's secret token. Only the server (while handling that session's request) and
    /// the browser holding the session can compute it, and it changes with every session,
    /// so a token learnt or planted in one session is worthless in another.
    static func csrfToken(forSession sessionToken: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("samen-csrf-v1".utf8), using: SymmetricKey(data: Data(sessionToken.utf8)))
        return Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two strings in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
