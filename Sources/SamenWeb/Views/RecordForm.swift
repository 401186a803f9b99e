import Foundation
import SamenCore

/// The view model of the shared edit page (`record-edit`) and delete confirmation page
/// (`confirm-delete`): every record's edit form is a list of typed fields, so a new kind
/// of record needs no template of its own.
struct RecordForm {
    enum Kind {
        case text, date, textarea, number, checkbox
        case select([Option])
        /// Several of a list (a fieldset of checkboxes); the value holds the chosen values, one per line.
        case choices([Option])
    }

    /// One field; exactly one of the optionals is set, and picks the partial.
    struct Field {
        let text: FieldState?
        let date: FieldState?
        let textarea: FieldState?
        let number: FieldState?
        let checkbox: FieldState?
        let select: OptionsField?
        let choices: OptionsField?

        init(_ state: FieldState, _ kind: Kind) {
            text = if case .text = kind { state } else { nil }
            date = if case .date = kind { state } else { nil }
            textarea = if case .textarea = kind { state } else { nil }
            number = if case .number = kind { state } else { nil }
            checkbox = if case .checkbox = kind { state } else { nil }
            select = if case .select(let options) = kind { OptionsField(state, options, several: false) } else { nil }
            choices = if case .choices(let options) = kind { OptionsField(state, options, several: true) } else { nil }
        }
    }

    /// A field with a list of options: one of them (`.select`) or several (`.choices`, whose
    /// value holds the chosen ones, one per line).
    struct OptionsField {
        struct Choice {
            let id: String
            let name: String
            let value: String
            let label: String
            let selected: Bool
        }
        let name: String
        let label: String
        let error: String?
        let hint: String?
        let describedBy: String?
        let options: [Choice]

        init(_ state: FieldState, _ options: [Option], several: Bool) {
            name = state.name
            label = state.label
            error = state.error
            hint = state.hint
            describedBy = state.describedBy
            let chosen = several ? Set(RecordForm.lines(state.value)) : [state.value]
            self.options = options.enumerated().map { index, option in
                Choice(id: "\(state.name)-\(index + 1)", name: state.name, value: option.value, label: option.label,
                       selected: chosen.contains(option.value))
            }
        }
    }

    /// The values of a `.choices` field, which its form value holds one per line.
    static func lines(_ value: String) -> [String] {
        value.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Shown when someone else saved the record after this form was read: the typed value beside the stored one.
    struct Stale {
        struct Row {
            let label: String
            let yours: String
            let stored: String
        }
        let rows: [Row]
    }

    struct EditBody {
        let heading: String
        let action: String
        let back: String
        let version: String
        let fields: [Field]
        let form: FormState
        let stale: Stale?
        let deleteLink: String?
        let passageSearch: EvidenceRoutes.PassageSearch?
    }

    struct DeleteBody {
        let heading: String
        let name: String
        let impact: [String]
        let hasImpact: Bool
        let action: String
        let back: String
        let version: String
        let stale: Bool
        /// Why the delete was refused (a record others rest on), shown instead of going ahead.
        var refusal: String? = nil
    }

    /// The fields in order, from a form state that holds their values and errors.
    static func fields(_ layout: [(String, Kind)], _ form: FormState) -> [Field] {
        layout.map { name, kind in Field(form.fields[name] ?? FieldState(name: name, value: ""), kind) }
    }

    /// Rows for the stale notice: the fields whose typed value differs from the stored one.
    static func stale(_ layout: [(String, Kind)], typed: [String: String], stored: [String: String], _ form: FormState) -> Stale {
        Stale(rows: layout.compactMap { name, kind in
            let yours = typed[name] ?? "", theirs = stored[name] ?? ""
            guard yours != theirs else { return nil }
            func shown(_ value: String) -> String {
                if case .select(let options) = kind { return options.first { $0.value == value }?.label ?? value }
                if case .choices(let options) = kind {
                    let labels = lines(value).map { id in options.first { $0.value == id }?.label ?? id }
                    return labels.isEmpty ? "–" : labels.joined(separator: "; ")
                }
                if case .checkbox = kind { return value.isEmpty || value == "0" ? "–" : "✓" }
                return value.isEmpty ? "–" : value
            }
            return Stale.Row(label: form.fields[name]?.label ?? name, yours: shown(yours), stored: shown(theirs))
        })
    }

    /// "3 deelnames": one line per kind of record that goes with a delete.
    static func impactLines(_ impact: DeletionImpact, _ words: (String) -> String) -> [String] {
        impact.items.map { "\($0.count) × \(words($0.key))" }
    }

    /// The version a form or confirmation page sent back; nil when absent (then any version may be overwritten).
    static func version(_ raw: String) -> Int? { Int(raw.trimmingCharacters(in: .whitespaces)) }
}
