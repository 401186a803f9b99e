import Foundation
import HTTPTypes
import Hummingbird
import SamenCore

/// One-time links as they are handed out, right after they are made (only their hashes
/// are kept, so this is the one moment they can be shown): full addresses on the page, a
/// CSV for a mail merge, or a printable sheet with one letter per A4 page, each with the
/// link, the code to type in and a QR code.
struct SurveyLinkSheet {
    enum Format: String {
        case page, csv, letters
    }

    struct Letter {
        let number: Int
        let url: String
        let code: String
        let qr: String
    }

    /// `SAMEN_BASE_URL`, or the address this request came in on (its Host header, when it
    /// looks like a host name) when none is configured.
    static func baseURL(_ configuration: SamenConfiguration, _ request: Request, _ context: AppRequestContext) -> String {
        var base = configuration.baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        if !base.isEmpty { return base }
        let host = request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? ""
        let usable = !host.isEmpty && host.count <= 255
            && host.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0) }
        return (context.isHTTPS ? "https://" : "http://") + (usable ? host : "localhost")
    }

    /// The links of `tokens`, with a QR code each when they are for print.
    static func letters(_ tokens: [String], base: String, withQR: Bool, label: String) -> [Letter] {
        tokens.enumerated().map { index, token in
            let url = base + Paths.publicSurvey(token)
            let qr = withQR ? ((try? QRCode(encoding: url).svg(label: label + " " + url)) ?? "") : ""
            return Letter(number: index + 1, url: url, code: SurveyLinkCode.grouped(token), qr: qr)
        }
    }

    static func csv(_ letters: [Letter], waveName: String) -> Response {
        let records = [["link", "code"]] + letters.map { [$0.url, $0.code] }
        let safeName = String(waveName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        return CSVWriter.response(CSVWriter.document(records), filename: "links-\(safeName.isEmpty ? "wave" : safeName).csv")
    }
}
