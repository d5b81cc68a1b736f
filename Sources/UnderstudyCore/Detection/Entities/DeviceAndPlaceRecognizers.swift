/// A network card's address: six pairs of hexadecimal digits joined by `:` or `-`
/// (`00:1A:2B:3C:4D:5E`), or three groups of four joined by `.` (`001a.2b3c.4d5e`, as Cisco writes it).
/// Joined by `-` or `.`, a hexadecimal letter is required: six pairs of digits joined by hyphens are
/// as likely a number of another kind.
struct MACAddressRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.macAddress]

    static func isHex(_ u: UInt16) -> Bool { TextScan.isDigit(u) || (u >= 0x41 && u <= 0x46) || (u >= 0x61 && u <= 0x66) }
    static func isWordUnit(_ u: UInt16) -> Bool { TextScan.isDigit(u) || TextScan.isLetter(u) }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units
        guard u.count >= 14, scan.digitCount >= 2 else { return }
        var i = 0
        while i + 14 <= u.count {
            guard Self.isHex(u[i]), i == 0 || !(Self.isWordUnit(u[i - 1]) || u[i - 1] == 0x3A || u[i - 1] == 0x2D || u[i - 1] == 0x2E) else { i += 1; continue }
            if let end = pairs(u, from: i) ?? quads(u, from: i) {
                spans.append(EntitySpan(kind: .macAddress, start: i, end: end, score: 0.9, recognizer: "mac-address"))
                i = end
            } else {
                i += 1
            }
        }
    }

    /// `HH:HH:HH:HH:HH:HH` (or with `-`): its end.
    func pairs(_ u: [UInt16], from i: Int) -> Int? {
        guard i + 17 <= u.count else { return nil }
        let separator = u[i + 2]
        guard separator == 0x3A || separator == 0x2D else { return nil }
        var letters = false
        for group in 0..<6 {
            let at = i + group * 3
            guard Self.isHex(u[at]), Self.isHex(u[at + 1]), group == 5 || u[at + 2] == separator else { return nil }
            letters = letters || !TextScan.isDigit(u[at]) || !TextScan.isDigit(u[at + 1])
        }
        let end = i + 17
        guard end == u.count || !(Self.isWordUnit(u[end]) || u[end] == separator && end + 1 < u.count && Self.isHex(u[end + 1])) else { return nil }
        return separator == 0x3A || letters ? end : nil
    }

    /// `HHHH.HHHH.HHHH`: its end.
    func quads(_ u: [UInt16], from i: Int) -> Int? {
        var letters = false
        for group in 0..<3 {
            let at = i + group * 5
            for k in at..<(at + 4) {
                guard Self.isHex(u[k]) else { return nil }
                letters = letters || !TextScan.isDigit(u[k])
            }
            guard group == 2 || u[at + 4] == 0x2E else { return nil }
        }
        let end = i + 14
        guard letters, end == u.count || !(Self.isWordUnit(u[end]) || u[end] == 0x2E && end + 1 < u.count && Self.isWordUnit(u[end + 1])) else { return nil }
        return end
    }
}

/// A place's coordinates in decimal degrees: `47.6062, -122.3321`, `51.5007° N, 0.1246° W` — a
/// latitude of at most 90 and a longitude of at most 180, each with three decimals or more (two are
/// a price's), or with its hemisphere. Where someone lives, as exactly as an address.
struct CoordinatesRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.location]

    struct Degree { var value: Double; var end: Int; var decimals: Int; var hemisphere: UInt16? }

    /// A signed decimal at `i`, with its `°` and hemisphere letter (`N`, `S`, `E`, `W`) if written.
    static func degree(_ u: [UInt16], at i: Int) -> Degree? {
        var k = i
        var negative = false
        if k < u.count, u[k] == 0x2D || u[k] == 0x2212 { negative = true; k += 1 }
        let whole = k
        while k < u.count, TextScan.isDigit(u[k]) { k += 1 }
        guard k > whole, k - whole <= 3, k < u.count, u[k] == 0x2E else { return nil }
        k += 1
        let fraction = k
        while k < u.count, TextScan.isDigit(u[k]) { k += 1 }
        // (No letter right after it but a hemisphere's: `51.5007N`.)
        guard k > fraction, k == u.count || !TextScan.isLetter(u[k]) || [0x4E, 0x53, 0x45, 0x57].contains(u[k]) else { return nil }
        guard var value = Double(String(decoding: u[whole..<k], as: UTF16.self)) else { return nil }
        if negative { value = -value }
        var degree = Degree(value: value, end: k, decimals: k - fraction, hemisphere: nil)
        var m = k
        if m < u.count, u[m] == 0xB0 { m += 1; degree.end = m }
        var n = m
        while n < u.count, u[n] == 0x20 { n += 1 }
        if n < u.count, [0x4E, 0x53, 0x45, 0x57].contains(u[n]), !negative, n + 1 == u.count || !TextScan.isLetter(u[n + 1]) {
            degree.hemisphere = u[n]
            degree.end = n + 1
        }
        return degree
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units
        guard scan.digitCount >= 6 else { return }
        var i = 0
        while i < u.count {
            let starts = TextScan.isDigit(u[i]) || (u[i] == 0x2D || u[i] == 0x2212) && i + 1 < u.count && TextScan.isDigit(u[i + 1])
            guard starts, i == 0 || !(TextScan.isDigit(u[i - 1]) || TextScan.isLetter(u[i - 1]) || u[i - 1] == 0x2E || u[i - 1] == 0x2D),
                  let latitude = Self.degree(u, at: i) else { i += 1; continue }
            var k = latitude.end
            if k < u.count, u[k] == 0x2C || u[k] == 0x3B { k += 1 }
            while k < u.count, u[k] == 0x20 { k += 1 }
            guard k > latitude.end, let longitude = Self.degree(u, at: k),
                  longitude.end == u.count || !(TextScan.isDigit(u[longitude.end]) || u[longitude.end] == 0x2E && longitude.end + 1 < u.count && TextScan.isDigit(u[longitude.end + 1])) else {
                i = latitude.end
                continue
            }
            let hemispheres = latitude.hemisphere.map { $0 == 0x4E || $0 == 0x53 } == true && longitude.hemisphere.map { $0 == 0x45 || $0 == 0x57 } == true
            let plain = latitude.hemisphere == nil && longitude.hemisphere == nil && latitude.decimals >= 3 && longitude.decimals >= 3
            if (hemispheres || plain), abs(latitude.value) <= 90, abs(longitude.value) <= 180 {
                spans.append(EntitySpan(kind: .location, start: i, end: longitude.end, score: 0.9, recognizer: "coordinates"))
                i = longitude.end
            } else {
                i = latitude.end
            }
        }
    }
}

/// A cryptocurrency wallet's address (``CryptoAddress``): Bitcoin's `1…`, `3…` and `bc1…`, checked
/// by their checksums, and Ethereum's `0x` with 40 hex digits. Presidio's `CRYPTO` finds Bitcoin's.
/// A run of 26 letters and digits at least, alone between characters no address holds; most texts
/// have none (a pass over their units).
struct CryptoRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.crypto]

    @inline(__always)
    static func isAlphanumeric(_ u: UInt16) -> Bool { (0x30...0x39).contains(u) || (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) }

    static let shortest = 26

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units, n = u.count, last = Self.shortest - 1
        var i = 0
        while i + last < n {
            // A run of 26 starting at i…i+25 holds the unit at i+25: where that is no letter or digit,
            // none starts there (most texts are passed over 26 units at a time).
            guard Self.isAlphanumeric(u[i + last]) else { i += Self.shortest; continue }
            var start = i + last
            while start > i, Self.isAlphanumeric(u[start - 1]) { start -= 1 }
            var end = i + last + 1
            while end < n, Self.isAlphanumeric(u[end]) { end += 1 }
            i = end
            // Alone: not part of a path, an email, a URL's host or a longer identifier.
            guard end - start >= Self.shortest, end - start <= 90, start == 0 || !Self.joins(u[start - 1]),
                  end == n || !Self.joins(u[end]) || Self.endsSentence(u, end),
                  let address = CryptoAddress(String(decoding: u[start..<end], as: UTF16.self)) else { continue }
            let score: Double
            if case .ethereum = address { score = 0.85 } else { score = 0.95 }
            spans.append(EntitySpan(kind: .crypto, start: start, end: end, score: score, recognizer: "crypto"))
        }
    }

    /// A character that joins a run to more of a token (`_`, `/`, `@`, `.`, `-`, `:`, `=`, `+`, `%`).
    static func joins(_ u: UInt16) -> Bool { [0x5F, 0x2F, 0x40, 0x2E, 0x2D, 0x3A, 0x3D, 0x2B, 0x25, 0x5C].contains(u) || u >= 0x80 && u != 0xA0 }

    /// A sentence's mark after the run (`sent to 1Boat….`, `…bae:` before a space or the end).
    static func endsSentence(_ u: [UInt16], _ end: Int) -> Bool {
        [0x2E, 0x3A].contains(u[end]) && (end + 1 == u.count || u[end + 1] == 0x20 || u[end + 1] == 0x0A || u[end + 1] == 0x0D)
    }
}
