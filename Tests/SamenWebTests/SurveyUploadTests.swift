import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The survey import as an upload larger than the 1 MB form limit: a file through the web
/// form (multipart, streamed, CSRF checked from its first part) and a CSV body through the
/// API; all rows or none, the refusal by row, column and reason.
@Suite("Survey import uploads")
struct SurveyUploadTests {
    static let header = "need.known.1;experience.known.1;channel"

    /// About 1.3 MB: more than the form limit that applied before.
    static func csv(rows: Int, badRow: Int? = nil) -> String {
        var lines = [header]
        for index in 0..<rows { lines.append(index + 2 == badRow ? "3;9;fax" : "\(1 + index % 5);\(1 + index % 4);\(index % 2 == 0 ? "balie" : "website")") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func answerCount(_ page: String) -> String? {
        page.firstMatch(of: /Aantal ingevulde vragenlijsten<\/dt><dd>([0-9.]+)<\/dd>/).map { String($0.output.1).replacingOccurrences(of: ".", with: "") }
    }

    @Test("a file above 1 MB uploads through the form; a bad row in the middle stores nothing and is reported; no token, no import")
    func webForm() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            #expect(detail.text.contains(#"enctype="multipart/form-data""#) && detail.text.contains(#"type="file""#))
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let rows = 110_000
            let bad = Data(Self.csv(rows: rows, badRow: 45_001).utf8)
            #expect(bad.count > 1_048_576)
            let refused = try await ilse.request(
                .post, path + "/import",
                bytes: UploadWebTests.body(csrf: ilse.cookies["samen_csrf"], files: [("csv_file", "antwoorden.csv", bad)], extra: ["wave": wave]),
                contentType: "multipart/form-data; boundary=\(UploadWebTests.boundary)")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<td>45001</td><td>experience.known.1</td>") && refused.text.contains("fax"))
            #expect(refused.text.contains(#"<option value="\#(wave)" selected>"#), "the form keeps the chosen wave")
            #expect(Self.answerCount(try await ilse.get(path).text) == "0", "nothing of the refused file was stored")

            let noToken = try await ilse.request(
                .post, path + "/import",
                bytes: UploadWebTests.body(csrf: "wrong", files: [("csv_file", "a.csv", Data(Self.csv(rows: 3).utf8))], extra: ["wave": wave]),
                contentType: "multipart/form-data; boundary=\(UploadWebTests.boundary)")
            #expect(noToken.status == .forbidden)

            let good = try await ilse.request(
                .post, path + "/import",
                bytes: UploadWebTests.body(csrf: ilse.cookies["samen_csrf"], files: [("csv_file", "antwoorden.csv", Data(Self.csv(rows: rows).utf8))],
                                           extra: ["wave": wave]),
                contentType: "multipart/form-data; boundary=\(UploadWebTests.boundary)")
            #expect(good.status == .seeOther)
            #expect(Self.answerCount(try await ilse.get(path).text) == "110000")
        }
    }

    @Test("the API takes a CSV body above 1 MB as a stream; a refused body lists the row and stores nothing")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let token = try await APITests.token(ilse, Demo.ilse)
            let surveyID = try #require(path.split(separator: "/").last.map(String.init))
            let endpoint = "/api/v1/organisations/\(Demo.orgA)/surveys/\(surveyID)/waves/\(wave)/responses"
            func send(_ csv: String) async throws -> TestResponse {
                try await ilse.request(.post, endpoint, body: csv, contentType: "text/csv",
                                       headers: [.authorization: "Bearer \(token)"])
            }
            let refused = try await send(Self.csv(rows: 110_000, badRow: 60_000))
            #expect(refused.status == .unprocessableContent)
            // The bad row has two problems (an experience of 9, the unknown channel "fax"); both name row 60,000.
            let errors = (refused.jsonObject["errors"] as? [[String: Any]]) ?? []
            #expect(errors.map { $0["row"] as? Int } == [60_000, 60_000])
            #expect(errors.contains { $0["column"] as? String == "experience.known.1" })
            #expect(errors.contains { $0["column"] as? String == "channel" })
            #expect(Self.answerCount(try await ilse.get(path).text) == "0")
            let stored = try await send(Self.csv(rows: 110_000))
            #expect(stored.status == .created && stored.jsonObject["imported"] as? Int == 110_000)
            #expect(Self.answerCount(try await ilse.get(path).text) == "110000")
        }
    }
}
