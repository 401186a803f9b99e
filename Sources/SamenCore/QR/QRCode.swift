/// A QR code (ISO/IEC 18004, model 2) for a short text such as a survey link: byte mode,
/// error-correction level L or M, versions 1–10 (up to 213 bytes at M), the mask chosen by
/// the standard's penalty rules.
///
/// Own code rather than a package: none of the Swift packages this project builds from
/// (the mirrored set, see the README's dependency list) encodes QR codes, and what the
/// letters need is small. The tests decode every symbol with zbar (`zbarimg`), an
/// independent decoder, across every version boundary.
public struct QRCode: Sendable, Equatable {
    public enum ErrorCorrection: Sendable, CaseIterable {
        /// Recovers about 7 % of the symbol.
        case low
        /// Recovers about 15 %: the default, a printed letter may get a crease or a stain.
        case medium

        /// The two format-information bits (table 12).
        var formatBits: Int {
            switch self {
            case .low: 1
            case .medium: 0
            }
        }
    }

    public enum EncodingError: Error, Sendable, Equatable {
        /// More bytes than version 10 holds at the chosen level.
        case tooLong(bytes: Int, capacity: Int)
    }

    public let version: Int
    public let errorCorrection: ErrorCorrection
    /// The mask pattern the penalty rules chose (0–7).
    public let mask: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    /// Row-major, `true` for dark.
    public let modules: [Bool]

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    public static let highestVersion = QRCodeTables.highestVersion

    /// The most bytes of ASCII a symbol of this version and level carries (version 10 when
    /// not named); text beyond ASCII carries two bytes fewer (its UTF-8 designator).
    public static func capacity(_ level: ErrorCorrection, version: Int = 10) -> Int {
        let header = 4 + QRCodeTables.countBits(version: version)
        return (QRCodeTables.layout(version: version, level: level).dataCodewords * 8 - header) / 8
    }

    /// The smallest symbol that holds the text's UTF-8 bytes.
    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(EncodingError) {
        let bytes = Array(text.utf8)
        // Text beyond ASCII says it is UTF-8 (ECI 26, 12 bits); without it decoders guess
        // a Japanese or Latin-1 reading of the bytes.
        let eci = bytes.contains { $0 >= 0x80 }
        let extra = eci ? 2 : 0
        guard let version = (1...QRCodeTables.highestVersion).first(where: {
            bytes.count + extra <= Self.capacity(errorCorrection, version: $0)
        }) else { throw .tooLong(bytes: bytes.count, capacity: Self.capacity(errorCorrection) - extra) }
        let codewords = Self.codewords(bytes, version: version, level: errorCorrection, utf8Designator: eci)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.place(codewords)
        var best: (mask: Int, penalty: Int, matrix: QRMatrix)?
        for mask in 0..<8 {
            var candidate = matrix
            candidate.applyMask(mask)
            candidate.drawFormat(level: errorCorrection, mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (mask, penalty, candidate) }
        }
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = best!.mask
        self.size = matrix.size
        self.modules = best!.matrix.dark
    }

    /// Data codewords (mode, count, bytes, terminator, padding) split into blocks, each
    /// with its correction codewords, then interleaved (§7.6).
    static func codewords(_ bytes: [UInt8], version: Int, level: ErrorCorrection, utf8Designator: Bool) -> [UInt8] {
        let layout = QRCodeTables.layout(version: version, level: level)
        var bits = BitBuffer()
        if utf8Designator {
            bits.append(0b0111, count: 4)
            bits.append(26, count: 8)
        }
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: QRCodeTables.countBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = layout.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < layout.dataCodewords {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        let generator = ReedSolomon.generator(degree: layout.ecPerBlock)
        var blocks: [[UInt8]] = []
        var corrections: [[UInt8]] = []
        var start = 0
        for index in 0..<layout.blockCount {
            let length = layout.shortDataLength + (index < layout.shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            blocks.append(block)
            corrections.append(ReedSolomon.remainder(of: block, generator: generator))
        }
        var result: [UInt8] = []
        for position in 0...layout.shortDataLength {
            for block in blocks where position < block.count { result.append(block[position]) }
        }
        for position in 0..<layout.ecPerBlock {
            for correction in corrections { result.append(correction[position]) }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, offset in byte << 1 | (bits[start + offset] ? 1 : 0) }
        }
    }
}
