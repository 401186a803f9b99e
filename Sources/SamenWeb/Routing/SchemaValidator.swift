import Foundation
import SamenCore

/// Checks a JSON value against the subset of JSON Schema our OpenAPI document uses (type,
/// enum, required, properties, additionalProperties: false, dependentRequired, min/max,
/// lengths, pattern, format date, items, $ref). Written here rather than taken from a
/// package: no JSON Schema validator is among the Swift packages this machine mirrors, and
/// the subset is small.
///
/// `structural` checks only the shape (types, nulls, unknown fields): the API's requests are
/// held to that before a handler runs, and the value rules (lengths, ranges, lists) are left
/// to the use-cases, so web and API answer with the same stable codes. The full check is
/// for tests that compare the document with what the server accepts.
struct SchemaValidator: @unchecked Sendable { // immutable after init
    let components: [String: Any]
    var structural = false

    /// Every violation, as field errors named by their path (`power`, `items.2.name`).
    func errors(_ value: Any?, _ schema: [String: Any], path: String) -> [SamenError] {
        let schema = resolve(schema)
        guard let value else { return [] }
        if let types = types(schema), !types.contains(where: { matches(value, type: $0) }) {
            return [.validation("invalid_type", field: field(path))]
        }
        if !structural, let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, value) }) {
            return [.validation("not_in_list", field: field(path))]
        }
        if value is NSNull { return [] }
        var found: [SamenError] = []
        if !structural, let text = value as? String {
            let length = text.unicodeScalars.count
            if let max = schema["maxLength"] as? Int, length > max { found.append(.validation("field_too_long", field: field(path))) }
            if let min = schema["minLength"] as? Int, length < min { found.append(.validation("field_required", field: field(path))) }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append(.validation("invalid_format", field: field(path)))
            } else if schema["format"] as? String == "date", CalendarDate(text) == nil, !(text.isEmpty && allowsEmpty(schema)) {
                found.append(.validation("date_invalid", field: field(path)))
            }
        }
        if !structural, let number = value as? NSNumber, !isBool(number) {
            if let min = schema["minimum"] as? NSNumber, number.doubleValue < min.doubleValue { found.append(.validation("number_out_of_range", field: field(path))) }
            if let max = schema["maximum"] as? NSNumber, number.doubleValue > max.doubleValue { found.append(.validation("number_out_of_range", field: field(path))) }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            if !structural {
                for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                    found.append(.validation("required", field: join(path, name)))
                }
                for (name, needs) in schema["dependentRequired"] as? [String: [String]] ?? [:] where object[name] != nil {
                    for other in needs where object[other] == nil { found.append(.validation("required", field: join(path, other))) }
                }
            }
            for (name, item) in object {
                if let property = properties[name] as? [String: Any] {
                    found += errors(item, property, path: join(path, name))
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append(.validation("unknown_field", field: join(path, name)))
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += errors(item, items, path: join(path, String(index))) }
        }
        return found
    }

    /// A query or path value (always text on the wire) read as the schema's type, then checked.
    func errors(text: String, _ schema: [String: Any], path: String) -> [SamenError] {
        let schema = resolve(schema)
        let types = types(schema) ?? ["string"]
        if types.contains("integer") {
            guard let number = Int(text) else { return [.validation("invalid_type", field: path)] }
            return errors(NSNumber(value: number), schema, path: path)
        }
        if types.contains("boolean") {
            guard text == "true" || text == "false" else { return [.validation("invalid_type", field: path)] }
            return []
        }
        return errors(text, schema, path: path)
    }

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/components/") else { return schema }
        let parts = ref.dropFirst("#/components/".count).split(separator: "/").map(String.init)
        guard parts.count == 2, let section = components[parts[0]] as? [String: Any], let target = section[parts[1]] as? [String: Any] else {
            return schema
        }
        return resolve(target)
    }

    private func types(_ schema: [String: Any]) -> [String]? {
        if let one = schema["type"] as? String { return [one] }
        return schema["type"] as? [String]
    }

    private func allowsEmpty(_ schema: [String: Any]) -> Bool { (schema["minLength"] as? Int ?? 0) == 0 && schema["pattern"] == nil }

    /// JSON's true and false arrive as NSNumbers of the C type `char` (JSON numbers never do).
    private func isBool(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map(isBool) ?? false
        case "integer":
            guard let number = value as? NSNumber, !isBool(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue && abs(number.doubleValue) < 9.0e15
        case "number": return (value as? NSNumber).map { !isBool($0) } ?? false
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        default: return true
        }
    }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let x as String, let y as String): return x == y
        case (is NSNull, is NSNull): return true
        case (let x as NSNumber, let y as NSNumber): return x == y && isBool(x) == isBool(y)
        default: return false
        }
    }

    private func field(_ path: String) -> String { path.isEmpty ? "body" : path }
    private func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : path + "." + name }
}
