import Foundation
import SamenCore
import SamenWeb
import Testing

/// Checks that keep the seams honest as features are added: every word in both languages,
/// every error code explained in both, every registered route in the route catalogue (so
/// the tenant-isolation walk covers it).
@Suite("Guards")
struct GuardTests {
    static let translations: Translations = {
        try! Translations.load(from: resourcesDirectory().appendingPathComponent("locales"))
    }()

    /// The repository's Sources folder, found from this file's place.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test("every key exists in Dutch and in English")
    func sameKeys() {
        let nl = Set(Self.translations.table(.nl).keys), en = Set(Self.translations.table(.en).keys)
        #expect(nl.subtracting(en).sorted() == [], "only in nl")
        #expect(en.subtracting(nl).sorted() == [], "only in en")
        #expect(nl.count > 500)
    }

    /// The stable codes written in the sources: `SamenError("code"`, `.validation("code"`.
    static func errorCodes() throws -> Set<String> {
        var codes = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /(?:SamenError\(|\.validation\()"([a-z0-9_]+)"/) { codes.insert(String(match.output.1)) }
        }
        return codes
    }

    @Test("every error code has a message in both languages")
    func errorMessages() throws {
        let codes = try Self.errorCodes()
        #expect(codes.count > 40, "the scan finds the codes")
        for locale in [AppLocale.nl, .en] {
            let table = Self.translations.table(locale)
            let missing = codes.filter { table["error_" + $0] == nil }.sorted()
            #expect(missing == [], "\(locale.rawValue): no error_<code> for \(missing)")
        }
    }

    @Test("every route registered through a table is in the route catalogue; every organisation route is walked")
    func catalogueIsComplete() async throws {
        try await withApp { _ in }
        let registered = RouteRegistry.registered
        #expect(registered.count > 100)
        let catalogue = Set(RouteCatalog.organisationScoped + RouteCatalog.api + RouteCatalog.publicEntries)
        #expect(registered.subtracting(catalogue).map(\.description).sorted() == [], "registered but not catalogued")
        let organisation = Set(RouteCatalog.organisationScoped)
        let unwalked = registered.filter { ($0.path.hasPrefix("/o/:org") || $0.path.hasPrefix("/api/v1/organisations/:org")) && !organisation.contains($0) }
        #expect(unwalked.map(\.description).sorted() == [], "organisation routes the tenant-isolation walk misses")
        #expect(catalogue.subtracting(registered).map(\.description).sorted() == [], "catalogued but never registered")
    }
}
