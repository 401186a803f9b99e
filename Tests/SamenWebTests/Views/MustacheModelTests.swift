import Mustache
@testable import SamenWeb
import Testing

/// The flattened model renders as the model itself does (`MustacheModel`): the same template,
/// once on the structs through Mirror and once on the dictionaries, gives the same page.
@Suite("Mustache model flattened once")
struct MustacheModelTests {
    enum Kind { case manual, survey }
    struct Day: CustomStringConvertible { let year: Int; var description: String { "dag \(year)" } }
    struct Row { let name: String; let note: String?; let kind: Kind; let day: Day; let tags: [String] }
    struct Body { let title: String; let canEdit: Bool; let note: String; let rows: [Row]; let empty: [Row]; let table: [String: String] }
    struct Page { let t: [String: String]; let body: Body }

    static let template = """
        {{#body}}<h1>{{title}}</h1>{{#rows}}<p>{{name}} {{note}} {{kind}} {{day}} {{t.edit}}{{#canEdit}}!{{/canEdit}}\
        {{#tags}}[{{.}}]{{/tags}}{{^tags}}-{{/tags}}</p>{{/rows}}{{^empty}}leeg{{/empty}} {{table.a}} {{missing}}{{/body}}
        """

    @Test("a nil field still finds the name further out, as Mirror does; text, enums and lists render alike")
    func sameAsMirror() throws {
        let page = Page(t: ["edit": "Wijzig"], body: Body(
            title: "Uitkomsten <&>", canEdit: true, note: "buiten",
            rows: [Row(name: "a", note: nil, kind: .survey, day: Day(year: 2026), tags: ["x", "y"]),
                   Row(name: "b", note: "eigen", kind: .manual, day: Day(year: 2025), tags: [])],
            empty: [], table: ["a": "tabel"]))
        let library = MustacheLibrary(templates: ["page": try MustacheTemplate(string: Self.template)])
        let direct = try #require(library.render(page, withTemplate: "page"))
        let model = try #require(MustacheModel.flattened(page))
        let flattened = try #require(library.render(model, withTemplate: "page"))
        #expect(flattened == direct)
        #expect(direct.contains("a buiten survey dag 2026 Wijzig![x][y]"), "the nil note falls back to the body's note")
        #expect(direct.contains("b eigen manual dag 2025 Wijzig!-"))
        #expect(model is [String: Any])
    }
}
