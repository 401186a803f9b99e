extension NameDetector {
    /// Articles, determiners and place prepositions ("die" and "dat" are conjunctions too:
    /// "zei dat Luca …", so they are not here): a capitalised word after them is a
    /// place or an organisation ("de Voedselbank", "in Zeist"), not evidence of a person.
    static let placeLeads = NameLexicon.words("de het een deze dit the a an in te uit richting vanuit nabij")

    /// Every name found, as ranges of the text, overlapping finds merged.
    func names() -> [Range<String.Index>] {
        var found: [Range<Int>] = []
        for i in tokens.indices where tokens[i].kind == .word {
            if let r = candidate(at: i), !found.contains(where: { $0.overlaps(r) }) { found.append(r) }
        }
        // A name found once is a name everywhere in the text, at a sentence start too.
        var seen = Set<Substring>()
        for r in found {
            for k in r where tokens[k].kind == .word && tokens[k].text.count >= 2 && !isParticle(k) {
                if Self.isCapitalised(tokens[k].text) || !Self.isOrdinary(tokens[k].lower) { seen.insert(tokens[k].text) }
            }
        }
        for i in tokens.indices where tokens[i].kind == .word && seen.contains(tokens[i].text) && !found.contains(where: { $0.contains(i) }) {
            let r = name(at: i, .lowercaseToo) ?? i..<(i + 1)
            if !found.contains(where: { $0.overlaps(r) }) { found.append(r) }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }.map { tokens[$0.lowerBound].range.lowerBound..<tokens[$0.upperBound - 1].range.upperBound }
    }

    /// The name that starts at token `i`, if a rule puts one there.
    func candidate(at i: Int) -> Range<Int>? {
        let previous = word(i - 1)?.lower
        // "mijn naam is piet", "genaamd Kees": the strongest cues, lower case too.
        if NameLexicon.strongCues.contains(where: { follows(i, $0) }) { return name(at: i, .lowercaseToo) }
        // "zij heet Fatima", "mijn dochter heet lisa"; "het is heet vandaag" has no person before it.
        if let previous, NameLexicon.nameVerbs.contains(previous) {
            let person = word(i - 2).map { NameLexicon.personWords.contains($0.lower) || Self.isRole($0.lower) } ?? false
            if let r = name(at: i, person ? .lowercaseToo : .capitalisedAny) { return r }
        }
        if NameLexicon.weakCues.contains(where: { follows(i, $0) }), let r = name(at: i, .capitalisedAny) { return r }
        // "mevrouw Jansen", "dhr. P. de Boer", "meneer van dam".
        let form = previous ?? (punct(i - 1, ".") ? word(i - 2)?.lower : nil)
        // Not a lower-case verb form: interview notes say "Mevrouw vertelt", "Meneer legde uit".
        if let form, NameLexicon.addressForms.contains(form), Self.isCapitalised(tokens[i].text) || isParticle(i) || !Self.looksLikeVerb(tokens[i].lower),
           let r = name(at: i, .lowercaseToo) { return r }
        // "mijn buurvrouw Ans", "de klantmanager, Yvonne,", "de moeder van Daan", "mijn zoon daan".
        let relation = punct(i - 1, ",") ? word(i - 2) : word(i - 1)
        if let relation, Self.isRole(relation.lower), !(isParticle(i) && !Self.isCapitalised(tokens[i].text)) {
            if let r = name(at: i, .capitalised) { return r }
            if NameLexicon.firstNames.contains(tokens[i].lower), let r = name(at: i, .lowercaseToo) { return r }
        }
        if previous == "van", let relation = word(i - 2), Self.isRole(relation.lower), !isParticle(i), let r = name(at: i, .capitalised) { return r }
        // "Hoi Sanne", "Beste Jan,", "hoi sanne!" at the start of a message or line.
        if let previous, NameLexicon.greetings.contains(previous), startsSentence(i - 1) {
            if let r = name(at: i, .capitalised) { return r }
            if let r = name(at: i, .lowercaseToo), endsClause(r.upperBound) { return r }
        }
        if closes(before: i) {
            if let r = name(at: i, .capitalisedAny), Self.isCapitalised(tokens[i].text) || tokens[i].text.count == 1 { return r }
            if let r = name(at: i, .lowercaseToo), endsClause(r.upperBound) { return r }
        }
        let t = tokens[i]
        // "'s Avonds", "'s-Hertogenbosch": no name after the old genitive.
        if t.lower == "s" || (punct(i - 1, "-") && word(i - 2)?.lower == "s") || (word(i - 1)?.lower == "s" && punct(i - 2, "'")) { return nil }
        if Self.isCapitalised(t.text), NameLexicon.firstNames.contains(t.lower), !Self.isNonName(t.lower) { return name(at: i, .capitalisedAny) }
        // Chat is often all lower case: a common first name is a name there too, unless it is also a word (max, iris).
        if t.text.allSatisfy({ !$0.isUppercase }), NameLexicon.firstNames.contains(t.lower), !NameLexicon.wordLikeNames.contains(t.lower),
           !Self.isOrdinary(t.lower) {
            return name(at: i, .lowercaseToo)
        }
        // "J. Jansen", "A.B. de Vries"; not "groep A. Daarna".
        if t.text.count == 1, t.text.first!.isUppercase, punct(i + 1, "."), let r = name(at: i, .capitalised), r.count > 2 {
            let last = tokens[r.upperBound - 1].lower
            if !Self.isOrdinary(last) || isParticle(r.upperBound - 2) { return r }
        }
        // A capitalised word inside a sentence that is no ordinary word, place or organisation.
        if !startsSentence(i), isNameWord(i, .capitalised), !(previous.map(Self.placeLeads.contains) ?? false),
           !t.text.allSatisfy({ $0.isUppercase }) {
            return name(at: i, .capitalised)
        }
        return nil
    }

    /// A closing word stands before `i`, with at most punctuation, a line break or "van"
    /// between: "Groet, Kees", "Met vriendelijke groet,\nAnnie", "groetjes van ans".
    func closes(before i: Int) -> Bool {
        var p = i - 1
        if word(p)?.lower == "van" { p -= 1 }
        var skipped = 0
        while p >= 0, tokens[p].kind != .word, skipped < 3 {
            if tokens[p].kind == .punctuation, ![",", ".", "!", ":", "-"].contains(tokens[p].text) { return false }
            p -= 1; skipped += 1
        }
        guard let closer = word(p) else { return false }
        if NameLexicon.closers.contains(closer.lower) { return true }
        // m.v.g.
        return closer.lower == "g" && punct(p - 1, ".") && word(p - 2)?.lower == "v" && punct(p - 3, ".") && word(p - 4)?.lower == "m"
    }

    /// Ends like a Dutch finite verb (vertelt, woonde, legden); a lower-case surname with
    /// such an ending (smit) is lost after a form of address, a verb taken for a name is worse.
    static func looksLikeVerb(_ lower: String) -> Bool {
        ["t", "de", "te", "den", "ten"].contains { lower.hasSuffix($0) }
    }

    /// Nothing, a line break or punctuation follows token `i - 1`.
    func endsClause(_ i: Int) -> Bool {
        i >= tokens.count || tokens[i].kind == .newline || (tokens[i].kind == .punctuation && [",", "!", ".", "?", ":"].contains(tokens[i].text))
    }
}
