import Foundation

/// One column of an open-data table, as a Frictionless Table Schema field: its type, its
/// constraints and what it means, in Dutch first and English second.
public struct DataField: Sendable, Equatable {
    public enum Kind: String, Sendable { case string, integer, boolean, date }

    public var name: String
    public var type: Kind
    public var nl: String
    public var en: String
    public var required: Bool
    /// The only values allowed (`constraints.enum`).
    public var values: [String]?
    public var minimum: Int?
    public var maximum: Int?

    public init(_ name: String, _ type: Kind, nl: String, en: String, required: Bool = true, values: [String]? = nil,
                minimum: Int? = nil, maximum: Int? = nil) {
        self.name = name
        self.type = type
        self.nl = nl
        self.en = en
        self.required = required
        self.values = values
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// A foreign key: these fields of a table point at the primary key of another.
public struct DataForeignKey: Sendable, Equatable {
    public var fields: [String]
    public var resource: String
    public var reference: [String]

    public init(_ fields: [String], _ resource: String, _ reference: [String]) {
        self.fields = fields
        self.resource = resource
        self.reference = reference
    }
}

/// The shape of one open-data table: the fields, the keys and the meaning of the table.
public struct DataTableSchema: Sendable, Equatable {
    public var name: String
    public var titleNL: String
    public var titleEN: String
    public var nl: String
    public var en: String
    public var fields: [DataField]
    public var primaryKey: [String]
    public var foreignKeys: [DataForeignKey]

    public init(_ name: String, titleNL: String, titleEN: String, nl: String, en: String, fields: [DataField], primaryKey: [String],
                foreignKeys: [DataForeignKey] = []) {
        self.name = name
        self.titleNL = titleNL
        self.titleEN = titleEN
        self.nl = nl
        self.en = en
        self.fields = fields
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
    }

    /// The CSV file of the table inside the package.
    public var path: String { "data/\(name).csv" }
    public var header: [String] { fields.map(\.name) }
}

/// A table with its rows as text cells, in the order of the schema's fields.
public struct DataTable: Sendable, Equatable {
    public var schema: DataTableSchema
    public var rows: [[String]]

    public init(_ schema: DataTableSchema, rows: [[String]]) {
        self.schema = schema
        self.rows = rows
    }
}

/// Something the export left out, how much of it, and why (shown in the package and its codebook).
public struct DataOmission: Sendable, Equatable {
    public var what: String
    public var count: Int?
    public var nl: String
    public var en: String

    public init(_ what: String, count: Int?, nl: String, en: String) {
        self.what = what
        self.count = count
        self.nl = nl
        self.en = en
    }
}

/// What may leave the team in open data (product.md, "only what may be published").
public enum OpenDataRules {
    /// Aggregates over fewer people than this are suppressed (left empty and marked).
    public static let minimumGroupSize = 10

    /// The count as a cell, or nil when it is too small to publish (0 is published: it names nobody).
    public static func publishable(_ count: Int) -> Int? {
        count == 0 || count >= minimumGroupSize ? count : nil
    }
}
