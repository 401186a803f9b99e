import Foundation
import Hummingbird
import SamenCore

/// The fields of an `application/x-www-form-urlencoded` body.
public struct FormData: Sendable {
    public var fields: [String: [String]]

    public init(fields: [String: [String]] = [:]) {
        self.fields = fields
    }

    public subscript(_ name: String) -> String {
        fields[name]?.first ?? ""
    }

    public func values(_ name: String) -> [String] {
        fields[name] ?? []
    }

    /// Parses a urlencoded body: `+` is a space, `%XX` an escaped byte.
    public static func parse(_ body: String) -> FormData {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        return FormData(fields: fields)
    }

    private static func decode(_ raw: Substring) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// One field as a form shows it again: what was typed, and the message if it was wrong.
public struct FieldState: Sendable {
    public var name: String
    public var value: String
    public var error: String?
    /// Label and hint from the translations (`field_<name>`, `hint_<name>`), for the field partials.
    public var label: String = ""
    public var hint: String?
    /// The ids of the hint and error, for `aria-describedby`.
    public var describedBy: String = ""
    /// For checkboxes: whether the value is set.
    public var checked: Bool = false

    public init(name: String, value: String, error: String? = nil) {
        self.name = name
        self.value = value
        self.error = error
    }
}

/// A form as re-shown after a failed submit: every field with its value and message, and
/// a summary of all messages at the top (linking to the fields) for screen-reader users.
public struct FormState: Sendable {
    public var fields: [String: FieldState]
    public var summary: [FieldState]
    /// Stored, not computed: Mustache reads values through reflection, which sees stored properties only.
    public var hasErrors: Bool

    /// `names` lists fields to prepare even when empty, so the field partials render them.
    public init(values: [String: String] = [:], errors: [SamenError] = [], names: [String] = [], translations: Translations,
                locale: AppLocale) {
        var fields: [String: FieldState] = [:]
        for name in names { fields[name] = FieldState(name: name, value: "") }
        for (name, value) in values { fields[name] = FieldState(name: name, value: value) }
        var summary: [FieldState] = []
        for error in errors {
            let name = error.field ?? "form"
            let message = translations.message(for: error, locale)
            if fields[name]?.error == nil {
                fields[name, default: FieldState(name: name, value: "")].error = message
            }
            summary.append(FieldState(name: name, value: "", error: message))
        }
        for (name, var field) in fields {
            field.label = translations.lookup("field_" + name, locale) ?? name
            field.hint = translations.lookup("hint_" + name, locale)
            field.describedBy = [field.hint.map { _ in name + "-hint" }, field.error.map { _ in name + "-error" }]
                .compactMap { $0 }.joined(separator: " ")
            field.checked = !field.value.isEmpty && field.value != "0"
            fields[name] = field
        }
        self.fields = fields
        self.summary = summary
        self.hasErrors = !summary.isEmpty
    }

    /// Replaces a field's message, by the field and in the summary, with one written out in
    /// full: for messages that carry values ("votes.csv, rij 12: …") rather than a fixed text.
    public mutating func setMessage(_ message: String, for name: String) {
        fields[name]?.error = message
        for index in summary.indices where summary[index].name == name {
            summary[index].error = message
        }
    }
}
