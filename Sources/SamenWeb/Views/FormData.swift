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
    /// The ids of the hint and error, for `aria-describedby`; nil when there are none (an
    /// empty `aria-describedby=""` points at nothing and confuses screen readers).
    public var describedBy: String?
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
    /// `labels` gives a field the label its page shows where that differs from `field_<name>`
    /// (the members page calls its `role` "Rol", an activity "Rol bij deze activiteit").
    public init(values: [String: String] = [:], errors: [SamenError] = [], names: [String] = [], labels: [String: String] = [:],
                translations: Translations, locale: AppLocale, form addressForm: AddressForm = .u) {
        var fields: [String: FieldState] = [:]
        for name in names { fields[name] = FieldState(name: name, value: "") }
        for (name, value) in values { fields[name] = FieldState(name: name, value: value) }
        var summary: [FieldState] = []
        for error in errors {
            let name = error.field ?? "form"
            let message = translations.message(for: error, locale, addressForm)
            if fields[name]?.error == nil {
                fields[name, default: FieldState(name: name, value: "")].error = message
            }
            summary.append(FieldState(name: name, value: "", error: message))
        }
        for (name, var field) in fields {
            field.label = labels[name] ?? translations.lookup("field_" + name, locale, addressForm) ?? name
            field.hint = translations.lookup("hint_" + name, locale, addressForm)
            let ids = [field.hint.map { _ in name + "-hint" }, field.error.map { _ in name + "-error" }].compactMap { $0 }
            field.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
            field.checked = !field.value.isEmpty && field.value != "0"
            fields[name] = field
        }
        self.fields = fields
        // The summary names the field ("Naam: vul dit veld in"), so a list of equal messages
        // still says where each one is.
        self.summary = summary.map { item in
            var named = item
            named.error = item.error.map { Self.named($0, label: fields[item.name]?.label, field: item.name) }
            return named
        }
        self.hasErrors = !summary.isEmpty
    }

    /// "Label: message", the message's first letter lowered unless it starts a capitalised
    /// word such as "CSV"; the message alone for errors of the whole form, for a field without
    /// a label of its own (or a lower-case word kept for the audit trail), and for a message that
    /// already starts with the field's name ("votes.csv, rij 12: …").
    static func named(_ message: String, label: String?, field: String) -> String {
        guard let label, let initial = label.first, !initial.isLowercase,
              label != field, field != "form", !message.lowercased().hasPrefix(label.lowercased()) else { return message }
        var text = message
        if let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = first.lowercased() + text.dropFirst()
        }
        return label + ": " + text
    }

    /// Replaces a field's message, by the field and in the summary, with one written out in
    /// full: for messages that carry values ("votes.csv, rij 12: …") rather than a fixed text.
    public mutating func setMessage(_ message: String, for name: String) {
        fields[name]?.error = message
        for index in summary.indices where summary[index].name == name {
            summary[index].error = Self.named(message, label: fields[name]?.label, field: name)
        }
    }
}
