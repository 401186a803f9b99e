import Foundation
import SamenCore
import Testing

/// The encoder is checked against an independent decoder: zbar's `zbarimg` (Debian's
/// zbar-tools, which `scripts/test.sh` installs) reads each symbol back, from a bitmap of
/// the matrix and from the SVG the letters print, as Chromium paints it.
@Suite("QR code")
struct QRCodeTests {
    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Survey links of every length from 1 byte to the version-10 capacity, so each version
    /// boundary of both levels is crossed (the first and last length of every version).
    static func texts(_ level: QRCode.ErrorCorrection) -> [String] {
        var lengths: Set<Int> = [1, 2, 17]
        for version in 1...QRCode.highestVersion {
            let capacity = QRCode.capacity(level, version: version)
            lengths.formUnion([capacity - 1, capacity, capacity + 1].filter { $0 <= QRCode.capacity(level) && $0 > 0 })
        }
        let base = "https://samen.example.nl/s/"
        return lengths.sorted().map { length in
            var text = length > base.count ? base : ""
            let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ0123456789-_.~")
            var index = length
            while text.utf8.count < length {
                text.append(alphabet[index % alphabet.count])
                index = (index &* 31 &+ 7) & 0xFFFF
            }
            return text
        }
    }

    /// Decodes an image file with zbarimg; nil when nothing was found.
    static func decode(_ file: URL) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(zbarimg))
        process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// A binary PGM of the matrix: 4 pixels a module, a quiet zone of 4 modules.
    static func bitmap(_ code: QRCode, scale: Int = 4) -> Data {
        let side = (code.size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) {
                for py in 0..<scale {
                    for px in 0..<scale { pixels[((y + 4) * scale + py) * side + (x + 4) * scale + px] = 0 }
                }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }

    @Test("the smallest version is chosen and its size follows it", arguments: QRCode.ErrorCorrection.allCases)
    func versions(level: QRCode.ErrorCorrection) throws {
        for version in 1...QRCode.highestVersion {
            let capacity = QRCode.capacity(level, version: version)
            let fits = try QRCode(encoding: String(repeating: "a", count: capacity), errorCorrection: level)
            #expect(fits.version == version && fits.size == 17 + 4 * version)
            if version < QRCode.highestVersion {
                #expect(try QRCode(encoding: String(repeating: "a", count: capacity + 1), errorCorrection: level).version == version + 1)
            }
        }
        #expect(QRCode.capacity(.medium) == 213 && QRCode.capacity(.low) == 271)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 272, capacity: 271)) {
            try QRCode(encoding: String(repeating: "a", count: 272), errorCorrection: .low)
        }
    }

    @Test("zbarimg reads back every length across the version boundaries", arguments: QRCode.ErrorCorrection.allCases)
    func decodesBitmaps(level: QRCode.ErrorCorrection) throws {
        try #require(Self.zbarimg != nil, "zbarimg (zbar-tools) is needed; scripts/test.sh installs it")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var versions = Set<Int>()
        var masks = Set<Int>()
        for (index, text) in Self.texts(level).enumerated() {
            let code = try QRCode(encoding: text, errorCorrection: level)
            versions.insert(code.version)
            masks.insert(code.mask)
            let file = directory.appendingPathComponent("\(index).pgm")
            try Self.bitmap(code).write(to: file)
            #expect(try Self.decode(file) == text, "version \(code.version), \(text.utf8.count) bytes")
        }
        #expect(versions == Set(1...QRCode.highestVersion))
        #expect(masks.count > 1, "the penalty rules pick different masks for different data")
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The SVG as a browser paints it: headless Chromium's screenshot of the file.
    static func screenshot(_ svg: URL, to png: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=420,420",
                             "--screenshot=" + png.path, svg.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    @Test("zbarimg reads the SVG as Chromium paints it, non-ASCII text too")
    func decodesSVG() throws {
        try #require(Self.zbarimg != nil && Self.chromium != nil, "zbarimg and chromium are needed; scripts/test.sh installs them")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, text) in ["https://samen.example.nl/s/K7QM4TXA9PZR", "Zoë & Rüdiger <test> " + String(repeating: "é", count: 60)]
            .enumerated() {
            let code = try QRCode(encoding: text)
            let svg = directory.appendingPathComponent("\(index).svg"), png = directory.appendingPathComponent("\(index).png")
            // The page gives the size with CSS; a file on its own needs it in the element.
            try Data(code.svg(label: text).replacingOccurrences(of: "<svg ", with: "<svg width=\"400\" height=\"400\" ").utf8)
                .write(to: svg)
            try Self.screenshot(svg, to: png)
            let decoded = try Self.decode(png)
            #expect(decoded == text, "version \(code.version): \(decoded ?? "nothing")")
        }
    }

    @Test("the SVG draws exactly the dark modules")
    func svgMatchesMatrix() throws {
        let code = try QRCode(encoding: "https://samen.example.nl/s/K7QM4TXA9PZR")
        let svg = code.svg(label: "x")
        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var drawn = Set<Int>()
        for run in path.split(separator: "M").map(String.init) {
            let scanner = Scanner(string: run)
            let x = try #require(scanner.scanInt()), y = try #require(scanner.scanInt())
            _ = scanner.scanString("h")
            let length = try #require(scanner.scanInt())
            for offset in 0..<length { drawn.insert((y - 4) * code.size + x - 4 + offset) }
        }
        #expect(drawn == Set(code.modules.indices.filter { code.modules[$0] }))
    }
}
