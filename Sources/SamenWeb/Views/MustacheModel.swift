import Mustache

/// A page's view model as dictionaries and arrays, made once before rendering.
///
/// Why: swift-mustache finds each `{{name}}` by reflecting (`Mirror`) the values on its context
/// stack one by one, from the innermost outward, and a name used inside a loop (`{{t.…}}`,
/// `{{canEdit}}`, `{{layout.csrf}}`) reflects every enclosing struct again on each row. On the
/// value outcomes page at the large size (150 outcomes) that was 70 % of the request (perf,
/// issue 16). Reflecting each value once and handing Mustache dictionaries makes every lookup
/// a hash lookup. What a template sees does not change: a struct's stored properties become
/// its keys, and a nil optional is left out, so the lookup goes on outward as it did with
/// `Mirror`. Values that render as text (strings, numbers, anything `CustomStringConvertible`),
/// enums, classes and Mustache's own lambdas and parents stay as they are.
enum MustacheModel {
    static func flattened(_ value: Any) -> Any? {
        if value is String || value is Bool || value is Int || value is Double { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return nil }
            return flattened(wrapped)
        case .collection:
            guard let items = value as? [Any] else { return value }
            return items.map { flattened($0) ?? $0 }
        case .dictionary:
            if value is [String: String] { return value }
            guard let table = value as? [String: Any] else { return value }
            return table.compactMapValues { flattened($0) }
        case .struct:
            if value is any CustomStringConvertible || value is MustacheLambda || value is any MustacheParent
                || value is any MustacheCustomRepresentation { return value }
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                if let label = child.label, let field = flattened(child.value) { fields[label] = field }
            }
            return fields
        default:
            return value
        }
    }
}
