import Foundation

/// The one rule for a path this site may redirect a browser to (`return_to`, a language
/// switch, the login page's hidden field). Browsers forgive a lot while parsing a URL:
/// they drop tabs and newlines, read `\` as `/` and treat `//host` as another site, so
/// `/%09/evil.example` or `/\evil.example` lead away from here. Only plainly local paths pass.
public enum LocalPath {
    /// True for a path that starts with exactly one `/`, consists of printable ASCII
    /// without spaces or backslashes, and still does so after percent-decoding (repeated,
    /// so double encoding cannot hide `//` or a tab).
    public static func isSafe(_ raw: String) -> Bool {
        guard raw.count <= 2048, isPlain(raw) else { return false }
        var decoded = raw
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding else { return false }
            guard isPlain(next) else { return false }
            if next == decoded { break }
            decoded = next
        }
        return true
    }

    /// One `/` first, then no second `/` or `\`, and only visible ASCII without `\`.
    private static func isPlain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") { return false }
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }
    }
}
