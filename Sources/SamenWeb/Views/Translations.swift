import Foundation
import SamenCore

/// The user-facing words, per language, loaded once from `Resources/locales/<lang>/*.json`
/// (one file per feature, so features add words without touching each other's files).
/// Keys are flat (`login_title`) so templates can read them as `{{t.login_title}}`.
///
/// A Dutch key `<key>_je` is the informal variant of a citizen-facing text: an organisation
/// that addresses citizens with "je" (`AddressForm.je`) gets it instead of `<key>`, which is
/// written with "u". English has one "you" and no such keys.
public struct Translations: Sendable {
    public let tables: [AppLocale: [String: String]]
    /// The tables with every `<key>_je` put in place of `<key>`, made once.
    let informalTables: [AppLocale: [String: String]]
    public static let informalSuffix = "_je"

    public init(tables: [AppLocale: [String: String]]) {
        self.tables = tables
        self.informalTables = tables.mapValues { table in
            var informal = table
            for (key, value) in table where key.hasSuffix(Self.informalSuffix) {
                informal[String(key.dropLast(Self.informalSuffix.count))] = value
            }
            return informal
        }
    }

    public struct DuplicateKey: Error, CustomStringConvertible {
        public let key: String
        public let file: String
        public var description: String { "translation key \(key) is defined twice (again in \(file))" }
    }

    public static func load(from directory: URL) throws -> Translations {
        var tables: [AppLocale: [String: String]] = [:]
        for locale in AppLocale.allCases {
            let folder = directory.appendingPathComponent(locale.rawValue)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            var table: [String: String] = [:]
            for file in files {
                let words = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: folder.appendingPathComponent(file)))
                for (key, value) in words {
                    if table[key] != nil { throw DuplicateKey(key: key, file: "\(locale.rawValue)/\(file)") }
                    table[key] = value
                }
            }
            tables[locale] = table
        }
        return Translations(tables: tables)
    }

    public func table(_ locale: AppLocale, _ form: AddressForm = .u) -> [String: String] {
        (form == .je ? informalTables[locale] : tables[locale]) ?? [:]
    }

    /// The text for a key; falls back to Dutch, then to the key itself so a gap is visible.
    public func text(_ key: String, _ locale: AppLocale, _ form: AddressForm = .u) -> String {
        lookup(key, locale, form) ?? key
    }

    /// The text for a key when either language has it.
    public func lookup(_ key: String, _ locale: AppLocale, _ form: AddressForm = .u) -> String? {
        let chosen = form == .je ? informalTables : tables
        return chosen[locale]?[key] ?? chosen[.nl]?[key]
    }

    /// A count with its noun in the right form: `<key>_one` for exactly 1, `<key>_other` otherwise,
    /// with `{count}` replaced by the number in the language's format ("1 stelling", "1.234 stellingen").
    public func count(_ key: String, _ count: Int, _ locale: AppLocale, _ form: AddressForm = .u) -> String {
        text(key + (count == 1 ? "_one" : "_other"), locale, form)
            .replacingOccurrences(of: "{count}", with: NumberFormat(locale).integer(count))
    }

    /// The message for an error code (`error_<code>`).
    public func message(for error: SamenError, _ locale: AppLocale, _ form: AddressForm = .u) -> String {
        text("error_" + error.code, locale, form)
    }
}
