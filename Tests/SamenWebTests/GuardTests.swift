import Foundation
import SamenCore
import SamenStore
@testable import SamenWeb
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

    @Test("every key exists in Dutch and in English (the Dutch informal variants `<key>_je` aside)")
    func sameKeys() {
        let nl = Set(Self.translations.table(.nl).keys.filter { !$0.hasSuffix(Translations.informalSuffix) })
        let en = Set(Self.translations.table(.en).keys)
        #expect(nl.subtracting(en).sorted() == [], "only in nl")
        #expect(en.subtracting(nl).sorted() == [], "only in en")
        #expect(nl.count > 500)
    }

    @Test("every informal variant `<key>_je` is Dutch, has its `<key>`, and says \"je\" where that says \"u\"")
    func informalVariants() {
        let nl = Self.translations.table(.nl)
        let variants = nl.keys.filter { $0.hasSuffix(Translations.informalSuffix) }
        #expect(variants.count >= 40)
        #expect(Self.translations.table(.en).keys.filter { $0.hasSuffix(Translations.informalSuffix) } == [])
        for key in variants {
            let base = String(key.dropLast(Translations.informalSuffix.count))
            guard let formal = nl[base], let informal = nl[key] else { Issue.record("\(key) has no \(base)"); continue }
            #expect(OneVoiceWebTests.formal(informal).isEmpty, "\(key) says u: \(informal)")
            #expect(OneVoiceWebTests.informal(formal).isEmpty, "\(base) says je: \(formal)")
        }
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

@Suite("Guards: feature modules")
struct ModuleGuardTests {
    /// Resource files that belong to no module yet: the feature areas still wired by hand.
    /// The shared words and the document's head: the application's own, not a feature's.
    static let unclaimedLocales: Set<String> = ["core.json", "numbers.json"]  // numbers.json: counts and number words every module shares
    static let unclaimedFragments: Set<String> = ["core.json"]

    @Test("every module's migrations are in the migration list, and none is claimed twice")
    func migrations() {
        let claimed = FeatureModules.migrationVersions
        #expect(Set(claimed).count == claimed.count, "a migration in two modules")
        #expect(Set(claimed).isSubset(of: Set(Migrations.all.map(\.version))))
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count), "numbered without gaps")
    }

    @Test("advisor signal numbers are the twelve challenges and each module's own, none claimed twice, each worded in both languages")
    func advisorNumbers() throws {
        let claimed = FeatureModules.all.flatMap { $0.advisorNumbers }
        #expect(Set(claimed).count == claimed.count, "a signal number in two modules")
        #expect(Set(claimed).isDisjoint(with: 1...12), "a module's signal reuses a challenge's number")
        let words = try ["nl", "en"].map { locale -> Set<String> in
            let folder = resourcesDirectory().appendingPathComponent("locales/" + locale)
            var keys = Set<String>()
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
                keys.formUnion((object as? [String: Any])?.keys ?? [:].keys)
            }
            return keys
        }
        let schema = try String(contentsOf: resourcesDirectory().appendingPathComponent("openapi/trajectories.json"), encoding: .utf8)
        #expect(schema.contains("\"maximum\": \((claimed + [12]).max() ?? 12)"), "the API schema allows every signal number")
        for number in claimed {
            for key in ["challenge_\(number)_title", "challenge_\(number)_advice", "challenge_evidence_\(number)"] {
                #expect(words.allSatisfy { $0.contains(key) }, "\(key) missing")
            }
        }
    }

    @Test("every locale file and OpenAPI fragment belongs to a module (or to the list of areas not yet moved), and exists")
    func resources() throws {
        let resources = resourcesDirectory()
        for locale in ["nl", "en"] {
            let files = Set(try FileManager.default.contentsOfDirectory(atPath: resources.appendingPathComponent("locales/" + locale).path))
            let claimed = Set(FeatureModules.localeFiles)
            #expect(claimed.isSubset(of: files), "\(locale): claimed but missing \(claimed.subtracting(files).sorted())")
            #expect(files.subtracting(claimed).subtracting(Self.unclaimedLocales).sorted() == [], "\(locale): a locale file of no module")
        }
        let fragments = Set(try FileManager.default.contentsOfDirectory(atPath: resources.appendingPathComponent("openapi").path))
        let claimed = Set(FeatureModules.openAPIFragments)
        #expect(claimed.isSubset(of: fragments))
        #expect(fragments.subtracting(claimed).subtracting(Self.unclaimedFragments).sorted() == [], "an OpenAPI fragment of no module")
    }
}

extension GuardTests {
    @Test("every kind of record the audit trail names can be filtered and has a name in both languages")
    func auditKinds() throws {
        var kinds = Set<String>()
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /entity: "([a-z_]+)"/) { kinds.insert(String(match.output.1)) }
        }
        #expect(kinds.count > 15, "the scan finds the kinds")
        #expect(kinds.subtracting(AuditRoutes.entities).sorted() == [], "kinds missing from the audit filter")
        for locale in [AppLocale.nl, .en] {
            let missing = AuditRoutes.entities.filter { Self.translations.table(locale)["audit_kind_" + $0] == nil }
            #expect(missing == [], "\(locale.rawValue): no audit_kind_ for \(missing)")
        }
    }
}
