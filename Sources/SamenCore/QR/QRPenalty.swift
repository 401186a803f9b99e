/// The four penalty rules of §7.8.3, by which the mask that is easiest to read is chosen.
extension QRMatrix {
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            let row = (0..<size).map { self[$0, line] }
            let column = (0..<size).map { self[line, $0] }
            score += Self.runPenalty(row) + Self.finderLikePenalty(row)
            score += Self.runPenalty(column) + Self.finderLikePenalty(column)
        }
        // Rule 2: every 2×2 block of one colour.
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = self[x, y]
                if colour == self[x + 1, y] && colour == self[x, y + 1] && colour == self[x + 1, y + 1] { score += 3 }
            }
        }
        // Rule 4: 10 points for every 5 % the dark share is away from half.
        let darkCount = dark.filter { $0 }.count
        let total = size * size
        score += ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1) * 10
        return score
    }

    /// Rule 1: 3 points for a run of five modules of one colour, one more for each beyond.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 1
        for index in 1...line.count {
            if index < line.count && line[index] == line[index - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        return score
    }

    /// Rule 3: 40 points for each 1:1:3:1:1 finder look-alike with four light modules on
    /// one side (beyond the symbol counts as light, the quiet zone).
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        func light(_ index: Int) -> Bool { index < 0 || index >= line.count || !line[index] }
        var score = 0
        for start in 0...(line.count - core.count) where (0..<core.count).allSatisfy({ line[start + $0] == core[$0] }) {
            let before = (1...4).allSatisfy { light(start - $0) }
            let after = (1...4).allSatisfy { light(start + core.count - 1 + $0) }
            if before { score += 40 }
            if after { score += 40 }
        }
        return score
    }
}
