import Foundation
import SamenCore
import ZIPFoundation

/// Reads an uploaded interview file into plain text, checking that the file is what its
/// name says: .txt and .md must be UTF-8 text, .vtt a WebVTT file, .docx a Word document
/// (a ZIP archive with word/document.xml). Anything else is refused with a field error.
enum TranscriptFile {
    static let allowedExtensions = ["txt", "md", "vtt", "docx"]

    static func text(filename: String, data: Data) -> Result<String, SamenError> {
        let ext = (filename as NSString).pathExtension.lowercased()
        guard allowedExtensions.contains(ext) else { return .failure(.validation("file_type_unsupported", field: "file")) }
        guard !data.isEmpty else { return .failure(.validation("file_empty", field: "file")) }
        switch ext {
        case "docx":
            guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]), let text = docxText(data) else {
                return .failure(.validation("file_not_what_it_says", field: "file"))
            }
            return .success(text)
        default:
            // Text files: valid UTF-8 without NUL bytes (a binary renamed to .txt fails here).
            guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
                return .failure(.validation("file_not_what_it_says", field: "file"))
            }
            let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
            if ext == "vtt" {
                guard body.hasPrefix("WEBVTT") else { return .failure(.validation("file_not_what_it_says", field: "file")) }
                return .success(StoryRules.textFromVTT(body))
            }
            return .success(body)
        }
    }

    /// The paragraphs of a Word document: the text runs (<w:t>) of each paragraph (<w:p>).
    static func docxText(_ data: Data) -> String? {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil), let entry = archive["word/document.xml"] else { return nil }
        var xml = Data()
        guard (try? archive.extract(entry, consumer: { xml.append($0) })) != nil, let document = String(data: xml, encoding: .utf8) else {
            return nil
        }
        var paragraphs: [String] = []
        for paragraph in document.components(separatedBy: "</w:p>") {
            var runs = ""
            var rest = Substring(paragraph)
            while let open = rest.range(of: "<w:t") {
                guard let close = rest[open.upperBound...].range(of: ">"), let end = rest[close.upperBound...].range(of: "</w:t>") else { break }
                // Skip <w:tab>, <w:tbl> and the like: only <w:t> and <w:t xml:space=...> hold text.
                let tag = rest[open.upperBound..<close.lowerBound]
                if tag.isEmpty || tag.first == " " { runs += rest[close.upperBound..<end.lowerBound] }
                rest = rest[end.upperBound...]
            }
            if !runs.isEmpty { paragraphs.append(unescape(runs)) }
        }
        return paragraphs.joined(separator: "\n\n")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
