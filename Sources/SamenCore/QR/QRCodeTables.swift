/// The parts of ISO/IEC 18004 the encoder needs for versions 1–10: how the codewords of each
/// version split into data and error-correction blocks, and where the alignment patterns sit.
enum QRCodeTables {
    /// One level's layout for one version: every block carries `ecPerBlock` correction
    /// codewords; `shortBlocks` blocks carry `shortDataLength` data codewords and
    /// `longBlocks` one more.
    struct BlockLayout: Sendable {
        let ecPerBlock: Int
        let shortBlocks: Int
        let shortDataLength: Int
        let longBlocks: Int

        var dataCodewords: Int { shortBlocks * shortDataLength + longBlocks * (shortDataLength + 1) }
        var blockCount: Int { shortBlocks + longBlocks }
    }

    static let highestVersion = 10

    /// Index 0 is version 1 (table 9 of the standard).
    static let low: [BlockLayout] = [
        .init(ecPerBlock: 7, shortBlocks: 1, shortDataLength: 19, longBlocks: 0),
        .init(ecPerBlock: 10, shortBlocks: 1, shortDataLength: 34, longBlocks: 0),
        .init(ecPerBlock: 15, shortBlocks: 1, shortDataLength: 55, longBlocks: 0),
        .init(ecPerBlock: 20, shortBlocks: 1, shortDataLength: 80, longBlocks: 0),
        .init(ecPerBlock: 26, shortBlocks: 1, shortDataLength: 108, longBlocks: 0),
        .init(ecPerBlock: 18, shortBlocks: 2, shortDataLength: 68, longBlocks: 0),
        .init(ecPerBlock: 20, shortBlocks: 2, shortDataLength: 78, longBlocks: 0),
        .init(ecPerBlock: 24, shortBlocks: 2, shortDataLength: 97, longBlocks: 0),
        .init(ecPerBlock: 30, shortBlocks: 2, shortDataLength: 116, longBlocks: 0),
        .init(ecPerBlock: 18, shortBlocks: 2, shortDataLength: 68, longBlocks: 2),
    ]

    static let medium: [BlockLayout] = [
        .init(ecPerBlock: 10, shortBlocks: 1, shortDataLength: 16, longBlocks: 0),
        .init(ecPerBlock: 16, shortBlocks: 1, shortDataLength: 28, longBlocks: 0),
        .init(ecPerBlock: 26, shortBlocks: 1, shortDataLength: 44, longBlocks: 0),
        .init(ecPerBlock: 18, shortBlocks: 2, shortDataLength: 32, longBlocks: 0),
        .init(ecPerBlock: 24, shortBlocks: 2, shortDataLength: 43, longBlocks: 0),
        .init(ecPerBlock: 16, shortBlocks: 4, shortDataLength: 27, longBlocks: 0),
        .init(ecPerBlock: 18, shortBlocks: 4, shortDataLength: 31, longBlocks: 0),
        .init(ecPerBlock: 22, shortBlocks: 2, shortDataLength: 38, longBlocks: 2),
        .init(ecPerBlock: 22, shortBlocks: 3, shortDataLength: 36, longBlocks: 2),
        .init(ecPerBlock: 26, shortBlocks: 4, shortDataLength: 43, longBlocks: 1),
    ]

    /// Centre rows/columns of the alignment patterns (annex E); index 0 is version 1.
    static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    static func layout(version: Int, level: QRCode.ErrorCorrection) -> BlockLayout {
        switch level {
        case .low: low[version - 1]
        case .medium: medium[version - 1]
        }
    }

    /// Bits of the byte-mode character count: 8 up to version 9, 16 from version 10.
    static func countBits(version: Int) -> Int { version < 10 ? 8 : 16 }
}
