import Foundation

/// The OpenAPI document, assembled at start from `Resources/openapi/*.json`: `core.json`
/// holds the document's head; every other file adds its feature's `paths` and
/// `components` (so features describe their own routes without editing one big file).
enum OpenAPIDocument {
    struct Conflict: Error, CustomStringConvertible {
        let name: String
        var description: String { "OpenAPI fragment defines \(name) twice" }
    }

    static func load(from directory: URL) throws -> Data {
        let core = try object(directory.appendingPathComponent("core.json"))
        var document = core
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && $0 != "core.json" }.sorted()
        for file in files {
            let fragment = try object(directory.appendingPathComponent(file))
            // Two fragments may describe different methods of one path (a read here, a write there).
            var paths = document["paths"] as? [String: Any] ?? [:]
            for (path, operations) in fragment["paths"] as? [String: Any] ?? [:] {
                paths[path] = try merge(paths[path], operations, label: "operation \(path)")
            }
            document["paths"] = paths
            var components = document["components"] as? [String: Any] ?? [:]
            for (section, entries) in fragment["components"] as? [String: Any] ?? [:] {
                components[section] = try merge(components[section], entries, label: "component \(section)")
            }
            document["components"] = components
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
    }

    private static func object(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    private static func merge(_ base: Any?, _ addition: Any?, label: String) throws -> [String: Any] {
        var result = base as? [String: Any] ?? [:]
        for (key, value) in addition as? [String: Any] ?? [:] {
            if result[key] != nil { throw Conflict(name: "\(label) \(key)") }
            result[key] = value
        }
        return result
    }
}
