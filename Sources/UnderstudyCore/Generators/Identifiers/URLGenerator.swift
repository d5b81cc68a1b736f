/// A parseable URL on a reserved example host, with the same scheme and shape.
struct URLGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "url",
        summary: "A URL with the same scheme, port and shape on a fake `.example` host; path, query values and fragment scrambled.",
        details: """
            `https://shop.acme.com:8443/users/alice?ref=mail#top` → `https://lopez-hart.example:8443/qnvaq/xmlyq?ref=kqcd#wzf`. \
            The host comes from the surname dictionary under the reserved `.example` domain (RFC 2606), query keys \
            stay, user names and passwords are dropped. Consistent: the same host always gets the same fake host and \
            the same path segment the same scrambled segment. Text without `scheme://` is scrambled like `text.scramble`.
            """,
        acceptedTypes: [.text],
        examples: [.init(.text("https://shop.acme.com:8443/users/alice?ref=mail#top"))],
        make: { setup in URLGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        guard let schemeEnd = text.range(of: "://") else {
            return .text(TextScrambleGenerator.scramble(text, random: setup.stream(for: value, row: row), keep: 0))
        }
        let scheme = text[..<schemeEnd.lowerBound]
        var rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var port = ""
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]"), authority[authority.index(after: colon)...].allSatisfy(\.isNumber) {
            port = String(authority[colon...])
            authority = authority[..<colon]
        }
        var hostRandom = setup.hasher.stream(Array(authority.lowercased().utf8), label: 7)
        let words = Dictionaries.shared.lastNamesLowercased
        let host = "\(hostRandom.pick(words))-\(hostRandom.pick(words)).example"
        var scrambled = ""
        var segment = ""
        var inQueryKey = false
        // Each path segment or query value is scrambled by its own keyed stream: equal segments stay equal.
        func flush() {
            scrambled += inQueryKey ? segment : TextScrambleGenerator.scramble(segment, random: setup.hasher.stream(Array(segment.utf8), label: 8), keep: 0)
            segment = ""
        }
        for ch in rest {
            if "/?#&=".contains(ch) {
                flush()
                scrambled.append(ch)
                inQueryKey = ch == "?" || ch == "&"
            } else {
                segment.append(ch)
            }
        }
        flush()
        return .text("\(scheme)://\(host)\(port)\(scrambled)")
    }
}
