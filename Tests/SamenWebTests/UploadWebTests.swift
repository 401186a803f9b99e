import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing
import ZIPFoundation

@Suite("Interview uploads")
struct UploadWebTests {
    static let boundary = "----samen-test-boundary"

    /// A file for a multipart body: the form field, the file name and the bytes.
    typealias File = (field: String, filename: String, content: Data)

    /// A multipart/form-data body with the CSRF token (unless left out), text fields and files.
    static func body(csrf: String?, files: [File], extra: [String: String] = [:]) -> [UInt8] {
        var fields = extra
        if let csrf { fields["_csrf"] = csrf }
        var bytes: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            bytes += Array(file.content) + Array("\r\n".utf8)
        }
        return bytes + Array("--\(boundary)--\r\n".utf8)
    }

    static func upload(_ browser: Browser, _ path: String, files: [File], csrf: Bool = true) async throws -> TestResponse {
        try await browser.request(.post, path, bytes: body(csrf: csrf ? browser.cookies["samen_csrf"] : nil, files: files),
                                  contentType: "multipart/form-data; boundary=\(boundary)")
    }

    static func upload(_ browser: Browser, _ path: String, filename: String, content: Data, csrf: Bool = true) async throws -> TestResponse {
        try await upload(browser, path, files: [("file", filename, content)], csrf: csrf)
    }

    /// A minimal Word document: a ZIP with word/document.xml holding two paragraphs.
    static func docx(_ paragraphs: [String]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let body = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined()
        let xml = Data("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>\(body)</w:body></w:document>".utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count), provider: { position, size in
            xml.subdata(in: Int(position)..<Int(position) + size)
        })
        return try #require(archive.data)
    }

    @Test("a .txt and a .docx become pseudonymised interviews; a renamed binary or an unknown type is refused")
    func uploads() async throws {
        let word = try Self.docx(["Mevrouw belde 06-55443322.", "De brief was te moeilijk &amp; te lang."])
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            _ = try await ilse.get(trajectory + "/stories")
            let path = trajectory + "/stories/upload"
            let txt = try await Self.upload(ilse, path, filename: "notities.txt", content: Data("Mail: kees@voorbeeld.nl over de wachttijd.".utf8))
            #expect(txt.status == .seeOther)
            let docx = try await Self.upload(ilse, path, filename: "interview.docx", content: word)
            #expect(docx.status == .seeOther)
            let list = try await ilse.get(trajectory + "/stories")
            #expect(list.text.contains("Mail: [E-MAIL] over de wachttijd."))
            #expect(list.text.contains("Mevrouw belde [TELEFOON]."))
            let fake = try await Self.upload(ilse, path, filename: "interview.docx", content: Data("gewoon tekst".utf8))
            #expect(fake.status == .unprocessableContent)
            #expect(fake.text.contains("Dit bestand is niet wat de naam zegt"))
            let binary = try await Self.upload(ilse, path, filename: "notities.txt", content: Data([0x4D, 0x5A, 0x00, 0x01]))
            #expect(binary.text.contains("Dit bestand is niet wat de naam zegt"))
            let exe = try await Self.upload(ilse, path, filename: "virus.exe", content: Data("x".utf8))
            #expect(exe.text.contains("Dit soort bestand kunnen we niet lezen"))
            let forged = try await Self.upload(ilse, path, filename: "notities.txt", content: Data("tekst".utf8), csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await ilse.get(trajectory + "/stories").text.matches(of: /\/stories\/[a-f0-9-]{36}"/).count == 5, "3 demo + 2 uploads")
        }
    }
}
