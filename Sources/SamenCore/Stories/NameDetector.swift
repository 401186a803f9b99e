/// Finds personal names in free text without a list of the people involved: a name is a
/// run of name words (capitalised, or lower case right after a strong cue) with particles
/// and hyphens between them, standing where Dutch puts names: after "mijn naam is", "ik
/// ben", a form of address ("mevrouw"), a relation or role ("mijn buurvrouw"), a greeting
/// or a closing ("Groet,"). Also taken: common first names, initials with a surname, a
/// capitalised word inside a sentence that is no ordinary word, place or organisation,
/// and every later occurrence of a name found once. Recall is favoured over precision;
/// only a capital at the start of a sentence is never evidence by itself.
struct NameDetector {
    struct Token {
        enum Kind { case word, punctuation, newline }
        var kind: Kind
        var range: Range<String.Index>
        var text: Substring
        /// Whitespace stands between this token and the one before it.
        var spaceBefore: Bool
        /// Lower case, without a possessive or plural "'s" ("collega's", "Sanne's"). Made once
        /// per token: the grammar asks for it many times (every cue looks back over it), and
        /// lower-casing anew each time was most of the detector's cost on long exports.
        let lower: String

        init(kind: Kind, range: Range<String.Index>, text: Substring, spaceBefore: Bool) {
            self.kind = kind
            self.range = range
            self.text = text
            self.spaceBefore = spaceBefore
            let l = text.lowercased()
            lower = l.count > 3 && (l.hasSuffix("'s") || l.hasSuffix("’s")) ? String(l.dropLast(2)) : l
        }
    }

    let text: String
    let tokens: [Token]

    init(_ text: String) {
        self.text = text
        self.tokens = Self.tokenise(text)
    }

    /// Words (letters and digits, with apostrophes inside), newlines, and every other
    /// non-space character as a token of its own (so "Jansen-de Vries" is four tokens).
    static func tokenise(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        var space = false
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while index < text.endIndex {
            let c = text[index]
            if c.isNewline {
                if tokens.last?.kind != .newline { tokens.append(Token(kind: .newline, range: index..<text.index(after: index), text: text[index...index], spaceBefore: space)) }
                space = true
                index = text.index(after: index)
            } else if c.isWhitespace {
                space = true
                index = text.index(after: index)
            } else if isWordChar(c) {
                var end = text.index(after: index)
                while end < text.endIndex {
                    let d = text[end]
                    if isWordChar(d) { end = text.index(after: end); continue }
                    // An apostrophe between letters stays in the word: O'Neill, d'Ancona.
                    if d == "'" || d == "’", text.index(after: end) < text.endIndex, text[text.index(after: end)].isLetter {
                        end = text.index(after: end); continue
                    }
                    break
                }
                tokens.append(Token(kind: .word, range: index..<end, text: text[index..<end], spaceBefore: space))
                space = false
                index = end
            } else {
                tokens.append(Token(kind: .punctuation, range: index..<text.index(after: index), text: text[index...index], spaceBefore: space))
                space = false
                index = text.index(after: index)
            }
        }
        return tokens
    }

    // MARK: - Word classes

    func word(_ i: Int) -> Token? { i >= 0 && i < tokens.count && tokens[i].kind == .word ? tokens[i] : nil }
    func punct(_ i: Int, _ p: String) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .punctuation && tokens[i].text == p }

    static func isCapitalised(_ s: Substring) -> Bool {
        guard let first = s.first, first.isUppercase, first.isLetter else { return false }
        return s.count == 1 || s.dropFirst().contains(where: \.isLowercase)
    }

    static func isAllLetters(_ s: Substring) -> Bool { s.allSatisfy { $0.isLetter || $0 == "'" || $0 == "’" } }

    static func isNonName(_ lower: String) -> Bool {
        NameLexicon.nonNames.contains(lower)
            || NameLexicon.nonNameEndings.contains { lower.count > $0.count + 2 && lower.hasSuffix($0) }
    }

    /// Any word the lexicon gives a meaning other than a name.
    static func isOrdinary(_ lower: String) -> Bool {
        NameLexicon.commonWords.contains(lower) || NameLexicon.particles.contains(lower) || NameLexicon.relations.contains(lower)
            || NameLexicon.addressForms.contains(lower) || NameLexicon.greetings.contains(lower) || NameLexicon.closers.contains(lower)
            || isRole(lower)
    }

    static func isRole(_ lower: String) -> Bool {
        NameLexicon.relations.contains(lower) || NameLexicon.roleEndings.contains { lower.count > $0.count + 1 && lower.hasSuffix($0) }
    }

    /// How freely a position takes a word as a name.
    enum Mode {
        /// Capitalised, and not an ordinary word (a plain position).
        case capitalised
        /// Capitalised, ordinary words too ("Ik ben Blij").
        case capitalisedAny
        /// Capitalised, or a lower-case word that is no ordinary word (after a strong cue).
        case lowercaseToo
    }

    func isNameWord(_ i: Int, _ mode: Mode) -> Bool {
        guard let t = word(i), Self.isAllLetters(t.text), t.text.count >= 2 else { return false }
        let lower = t.lower
        if Self.isNonName(lower) || NameLexicon.particles.contains(lower) { return false }
        if Self.isCapitalised(t.text) { return mode != .capitalised || !Self.isOrdinary(lower) || NameLexicon.firstNames.contains(lower) }
        if mode == .lowercaseToo, t.text.allSatisfy({ !$0.isUppercase }) { return !Self.isOrdinary(lower) }
        return false
    }

    func isParticle(_ i: Int) -> Bool {
        guard let t = word(i) else { return false }
        return NameLexicon.particles.contains(t.lower) || (t.lower == "s" && punct(i - 1, "'"))
    }

    // MARK: - The name grammar

    /// The tokens of a name that starts at `i`: initials (J. / A.B.), particles, a first
    /// name word, then more name words, each after particles or a hyphen. Nil if none.
    func name(at i: Int, _ mode: Mode) -> Range<Int>? {
        var j = i
        var initials = 0
        while let t = word(j), t.text.count == 1, t.text.first!.isUppercase, punct(j + 1, "."), !tokens[j + 1].spaceBefore {
            j += 2; initials += 1
        }
        var k = j
        while isParticle(k), k - j < 3 { k += 1 }
        // After initials or particles the surname carries the name, so it may be an ordinary word (de Jong, de Groot).
        let first: Mode = (initials > 0 || k > j) ? (mode == .lowercaseToo ? .lowercaseToo : .capitalisedAny) : mode
        guard isNameWord(k, first) else { return nil }
        if k > j, !Self.isCapitalised(tokens[k].text), mode != .lowercaseToo { return nil }
        j = k + 1
        var parts = 1
        let follow: Mode = mode == .lowercaseToo && !Self.isCapitalised(tokens[k].text) ? .lowercaseToo : .capitalised
        while parts < 5 {
            if punct(j, "-"), !tokens[j].spaceBefore, j + 1 < tokens.count, !tokens[j + 1].spaceBefore {
                var m = j + 1
                while isParticle(m), m - j <= 3 { m += 1 }
                if isNameWord(m, follow == .lowercaseToo ? .lowercaseToo : .capitalisedAny) { j = m + 1; parts += 1; continue }
                break
            }
            var m = j
            while isParticle(m), m - j < 3 { m += 1 }
            if m > j, isNameWord(m, follow == .lowercaseToo ? .lowercaseToo : .capitalisedAny) { j = m + 1; parts += 1; continue }
            if m == j, isNameWord(j, follow) { j += 1; parts += 1; continue }
            break
        }
        return i..<j
    }

    /// The previous token starts no sentence context: no text, a line break, or . ! ? : ; " “ ‘ before it.
    func startsSentence(_ i: Int) -> Bool {
        var p = i - 1
        // A bullet or dash at the start of a line still starts the sentence.
        while p >= 0, tokens[p].kind == .punctuation, ["-", "*", "•", "(", "'", "\"", "“", "‘", "„"].contains(tokens[p].text) { p -= 1 }
        guard p >= 0 else { return true }
        if tokens[p].kind == .newline { return true }
        return tokens[p].kind == .punctuation && [".", "!", "?", ":", ";", "…"].contains(tokens[p].text)
            || (p < i - 1 && ["\"", "“", "‘", "„"].contains(tokens[p + 1].text))
    }

    /// The lower-cased words (and punctuation) just before `i` end with `cue`.
    func follows(_ i: Int, _ cue: [String]) -> Bool {
        guard i - cue.count >= 0 else { return false }
        for (n, w) in cue.reversed().enumerated() where tokens[i - 1 - n].kind == .newline || tokens[i - 1 - n].lower != w { return false }
        return true
    }
}
