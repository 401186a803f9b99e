import Foundation
import SamenCore
import ZIPFoundation

/// The files of an open-data package and the ZIP they travel in. ZIPFoundation (already a
/// dependency, for reading .docx transcripts) writes the archive in memory; entries are
/// deflated, which every unzip tool and Python's `zipfile` read.
enum OpenDataArchive {
    /// Every file, by its path inside the package: `datapackage.json`, `README.md`, `dcat.jsonld` and `data/*.csv`.
    static func files(_ package: OpenDataPackage) throws -> [(path: String, data: Data)] {
        var files: [(String, Data)] = [
            ("datapackage.json", try package.datapackageJSON()),
            ("README.md", Data(package.readme().utf8)),
            ("dcat.jsonld", try package.dcatJSON()),
        ]
        for table in package.tables {
            files.append((table.schema.path, Data(CSVWriter.document([table.schema.header] + table.rows).utf8)))
        }
        return files
    }

    static func zip(_ package: OpenDataPackage) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in try files(package) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw SamenError.notFound }
        return data
    }

    /// The download's file name: `open-data-<organisation>[-<trajectory>]-<date>.zip`.
    static func filename(_ package: OpenDataPackage) -> String { "open-data-\(package.name.dropFirst("samen-".count))-\(package.issued).zip" }
}
