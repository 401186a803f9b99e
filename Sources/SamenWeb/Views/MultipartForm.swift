import Foundation
import Hummingbird
import MultipartKit
import SamenCore

/// A `multipart/form-data` body (a form with file inputs), split into its parts with
/// MultipartKit's parser. The CSRF middleware has already read the body (at most
/// `maxUploadSize`, else 413) and checked its `_csrf` part.
struct MultipartForm {
    /// One part of the body: its form-field name, file name (if a file) and bytes.
    struct Part {
        var name = ""
        var filename = ""
        var body = ByteBuffer()
    }

    var parts: [Part]

    /// Reads the request's body; a body that is not multipart is a bad request.
    static func read(_ request: Request, _ context: AppRequestContext) async throws -> MultipartForm {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let boundary = CSRFMiddleware.multipartBoundary(request.headers[.contentType] ?? "") else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        return MultipartForm(parts: (try? parts(buffer, boundary: boundary)) ?? [])
    }

    /// Splits a multipart/form-data body into its parts.
    static func parts(_ buffer: ByteBuffer, boundary: String) throws -> [Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var current = Part()
        parser.onHeader = { field, value in
            guard field.lowercased() == "content-disposition" else { return }
            current.name = attribute("name", in: value)
            current.filename = attribute("filename", in: value)
        }
        parser.onBody = { chunk in current.body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(current)
            current = Part()
        }
        try parser.execute(buffer)
        return parts
    }

    static func attribute(_ name: String, in header: String) -> String {
        for item in header.split(separator: ";") {
            let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return ""
    }

    /// Whether a field was sent with content (a ticked checkbox).
    func has(_ name: String) -> Bool {
        parts.contains { $0.name == name && $0.body.readableBytes > 0 }
    }

    /// A text field's value; nil when missing or empty.
    func value(_ name: String) -> String? {
        parts.first { $0.name == name }.map { String(buffer: $0.body) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The file chosen in a file input; nil when none was chosen (browsers then send an
    /// empty part without a file name). A chosen file may still be empty.
    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && !$0.filename.isEmpty }
    }
}
