import Foundation

/// An open-data release as a Frictionless Data Package (https://specs.frictionlessdata.io):
/// the tables, `datapackage.json` with a Table Schema per table, a `README.md` codebook and
/// a DCAT-AP-style metadata file, all generated from the same schemas so they cannot disagree.
public struct OpenDataPackage: Sendable {
    public struct Licence: Sendable {
        public var name: String
        public var title: String
        public var url: String

        public static let ccBy4 = Licence(name: "CC-BY-4.0", title: "Creative Commons Naamsvermelding 4.0 (Attribution 4.0 International)",
                                          url: "https://creativecommons.org/licenses/by/4.0/")
    }

    /// Lower-case letters, digits, `-`, `_` and `.` (the Data Package name rule).
    public var name: String
    public var title: String
    public var description: String
    public var publisher: String
    public var contact: String
    public var licence: Licence
    /// The issue date, `YYYY-MM-DD`.
    public var issued: String
    public var tables: [DataTable]
    public var omissions: [DataOmission]

    public init(name: String, title: String, description: String, publisher: String, contact: String, licence: Licence = .ccBy4,
                issued: String, tables: [DataTable], omissions: [DataOmission]) {
        self.name = Self.packageName(name)
        self.title = title
        self.description = description
        self.publisher = publisher
        self.contact = contact
        self.licence = licence
        self.issued = issued
        self.tables = tables
        self.omissions = omissions
    }

    static func packageName(_ raw: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        let cleaned = String(raw.lowercased().map { allowed.contains($0) ? $0 : "-" })
        return cleaned.isEmpty ? "samen" : cleaned
    }

    // MARK: datapackage.json

    static func fieldDescriptor(_ f: DataField) -> [String: Any] {
        var constraints: [String: Any] = ["required": f.required]
        if let values = f.values { constraints["enum"] = values }
        if let minimum = f.minimum { constraints["minimum"] = minimum }
        if let maximum = f.maximum { constraints["maximum"] = maximum }
        var field: [String: Any] = ["name": f.name, "type": f.type.rawValue, "description": f.nl, "description_en": f.en,
                                    "constraints": constraints]
        if f.type == .boolean {
            field["trueValues"] = ["1"]
            field["falseValues"] = ["0"]
        }
        return field
    }

    static func schemaDescriptor(_ s: DataTableSchema) -> [String: Any] {
        var schema: [String: Any] = ["fields": s.fields.map(fieldDescriptor), "primaryKey": s.primaryKey, "missingValues": [""]]
        if !s.foreignKeys.isEmpty {
            schema["foreignKeys"] = s.foreignKeys.map { ["fields": $0.fields, "reference": ["resource": $0.resource, "fields": $0.reference]] }
        }
        return schema
    }

    /// The package descriptor, with what was left out under `samen:left_out`.
    public var descriptor: [String: Any] {
        [
            "profile": "tabular-data-package",
            "name": name, "title": title, "description": description, "created": issued + "T00:00:00Z",
            "licenses": [["name": licence.name, "title": licence.title, "path": licence.url]],
            "contributors": [["title": publisher, "role": "publisher"]],
            "resources": tables.map { t -> [String: Any] in
                ["name": t.schema.name, "path": t.schema.path, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                 "encoding": "utf-8", "title": t.schema.titleNL, "title_en": t.schema.titleEN, "description": t.schema.nl,
                 "description_en": t.schema.en, "schema": Self.schemaDescriptor(t.schema)]
            },
            "samen:left_out": omissions.map { o -> [String: Any] in
                ["what": o.what, "count": o.count.map { $0 as Any } ?? NSNull(), "reason": o.nl, "reason_en": o.en]
            },
        ]
    }

    public func datapackageJSON() throws -> Data {
        try JSONSerialization.data(withJSONObject: descriptor, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    // MARK: dcat.jsonld

    /// DCAT-AP(-NL)-style metadata: a `dcat:Dataset` with one `dcat:Distribution` per table.
    public func dcatJSON() throws -> Data {
        let dataset: [String: Any] = [
            "@context": ["dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
                         "vcard": "http://www.w3.org/2006/vcard/ns#"],
            "@type": "dcat:Dataset",
            "dct:identifier": name, "dct:title": ["@language": "nl", "@value": title], "dct:description": ["@language": "nl", "@value": description],
            "dct:publisher": ["@type": "foaf:Organization", "foaf:name": publisher],
            "dcat:contactPoint": ["@type": "vcard:Organization", "vcard:fn": contact],
            "dct:license": ["@id": licence.url], "dct:issued": ["@type": "http://www.w3.org/2001/XMLSchema#date", "@value": issued],
            "dct:language": ["@id": "http://publications.europa.eu/resource/authority/language/NLD"],
            "dcat:distribution": tables.map { t -> [String: Any] in
                ["@type": "dcat:Distribution", "dct:title": t.schema.titleNL, "dct:description": t.schema.nl, "dcat:downloadURL": t.schema.path,
                 "dcat:mediaType": "text/csv", "dct:license": ["@id": licence.url]]
            },
        ]
        return try JSONSerialization.data(withJSONObject: dataset, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    // MARK: README.md

    /// The codebook: generation date, licence, contact, then per table its rows and fields, then what was left out.
    public func readme() -> String {
        var lines = [
            "# \(title)", "", description, "",
            "- Gegenereerd op (generated on): \(issued)",
            "- Uitgever (publisher): \(publisher)",
            "- Contact: \(contact)",
            "- Licentie (licence): [\(licence.title)](\(licence.url))",
            "- Formaat (format): Frictionless Data Package, CSV (UTF-8), `datapackage.json`; metadata in `dcat.jsonld`",
            "",
            "## Tabellen (tables)", "",
            "| bestand (file) | rijen (rows) | inhoud (content) |", "|---|---|---|",
        ]
        lines += tables.map { "| `\($0.schema.path)` | \($0.rows.count) | \(cell($0.schema.titleNL)) (\(cell($0.schema.titleEN))) |" }
        for table in tables {
            let s = table.schema
            lines += ["", "### \(s.name)", "", "\(s.nl)", "", "_\(s.en)_", "",
                      "Rijen (rows): \(table.rows.count). Sleutel (primary key): \(s.primaryKey.map { "`\($0)`" }.joined(separator: ", ")).", ""]
            lines += s.foreignKeys.map { "Verwijst naar (foreign key): \($0.fields.joined(separator: ", ")) → `\($0.resource)`.\($0.reference.joined(separator: ", "))" }
            if !s.foreignKeys.isEmpty { lines.append("") }
            lines += ["| veld (field) | type | verplicht (required) | waarden (values) | betekenis | meaning |", "|---|---|---|---|---|---|"]
            lines += s.fields.map { f in
                var allowed = f.values.map { $0.map { "`\($0)`" }.joined(separator: ", ") } ?? ""
                if let minimum = f.minimum { allowed += (allowed.isEmpty ? "" : "; ") + "≥ \(minimum)" }
                if let maximum = f.maximum { allowed += (allowed.isEmpty ? "" : "; ") + "≤ \(maximum)" }
                return "| `\(f.name)` | \(f.type.rawValue) | \(f.required ? "ja (yes)" : "nee (no)") | \(allowed) | \(cell(f.nl)) | \(cell(f.en)) |"
            }
        }
        lines += ["", "## Weggelaten (left out)", "",
                  "Alleen wat het team mag publiceren staat in dit pakket. (Only what the team may publish is in this package.)", "",
                  "| wat (what) | aantal (count) | waarom | why |", "|---|---|---|---|"]
        lines += omissions.map { "| \(cell($0.what)) | \($0.count.map(String.init) ?? "–") | \(cell($0.nl)) | \(cell($0.en)) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
