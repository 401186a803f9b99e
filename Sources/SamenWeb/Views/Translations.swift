import Foundation
import SamenCore

/// The user-facing words, per language, loaded once from `Resources/locales/<lang>/*.json`
/// (one file per feature, so features add words without touching each other's files).
/// Keys are flat (`login_title`) so templates can read them as `{{t.login_title}}`.
public struct Translations: Sendable {
    public let tables: [AppLocale: [String: String]]

    public init(tables: [AppLocale: [String: String]]) {
        self.tables = tables
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

    public func table(_ locale: AppLocale) -> [String: String] {
        tables[locale] ?? [:]
    }

    /// The text for a key; falls back to Dutch, then to the key itself so a gap is visible.
    public func text(_ key: String, _ locale: AppLocale) -> String {
        tables[locale]?[key] ?? tables[.nl]?[key] ?? key
    }

    /// The text for a key when either language has it.
    public func lookup(_ key: String, _ locale: AppLocale) -> String? {
        tables[locale]?[key] ?? tables[.nl]?[key]
    }

    /// A count with its noun in the right form: `<key>_one` for exactly 1, `<key>_other` otherwise,
    /// with `{count}` replaced by the number in the language's format ("1 stelling", "1.234 stellingen").
    public func count(_ key: String, _ count: Int, _ locale: AppLocale) -> String {
        text(key + (count == 1 ? "_one" : "_other"), locale)
            .replacingOccurrences(of: "{count}", with: NumberFormat(locale).integer(count))
    }

    /// The message for an error code (`error_<code>`).
    public func message(for error: SamenError, _ locale: AppLocale) -> String {
        text("error_" + error.code, locale)
    }
}
