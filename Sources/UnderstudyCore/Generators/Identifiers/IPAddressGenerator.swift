/// An IPv4 or IPv6 address, optionally keeping the network prefix.
struct IPAddressGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "ip-address",
        summary: "An IPv4 or IPv6 address of the same family, optionally keeping the first `keep_prefix_bits` bits.",
        details: """
            The bits after the kept prefix are encrypted (FF1 with cycle walking, or a keyed table for short host \
            parts), so addresses stay distinct (unique-safe) and reversible, and a kept /16 or /64 keeps subnets \
            recognisable. IPv4 is written dotted, IPv6 in the RFC 5952 compressed form; a `/len` suffix, an IPv6 \
            zone (`fe80::1%eth0`) and spaces around the address stay. In a \
            PostgreSQL `cidr` column (networks, their host bits zero) only the network's bits are encrypted, so each \
            stays a network. Text that is not an address stops the run.
            """,
        acceptedTypes: [.text],
        parameters: [.init("keep_prefix_bits", .integer, default: .integer(0), "leading bits kept as they are (IPv4 at most 24, IPv6 at most 120)")],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("192.168.17.42")), .init(.text("10.20.30.40"), parameters: ["keep_prefix_bits": .integer(16)]), .init(.text("2001:db8::8a2e:370:7334"))],
        validate: { p in (0...120).contains(p.integer("keep_prefix_bits") ?? 0) ? nil : "keep_prefix_bits must be between 0 and 120" },
        make: { setup in
            IPAddressGenerator(
                cache: PermutationCache(setup: setup), keep: setup.parameters.integer("keep_prefix_bits") ?? 0,
                networks: setup.column.syntax == "cidr" || setup.column.syntax == "cidr[]")
        })

    let cache: PermutationCache
    let keep: Int
    /// The column holds networks (`cidr`): the bits after `/len` are zero and stay so; only those
    /// before it are encrypted (`cidr` refuses an address with host bits: the run failed).
    var networks = false

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let whole) = value else { return value }
        // Spaces around the address, an IPv6 address's zone (`fe80::1%eth0`, an interface: no one's)
        // and a network's length are kept as they are.
        let lead = String(whole.prefix { $0.isWhitespace })
        let trail = whole.dropFirst(lead.count).reversed().prefix { $0.isWhitespace }.count
        let text = whole.dropFirst(lead.count).dropLast(trail)
        let around = (lead, String(whole.suffix(trail)))
        var address = text, suffix = "", zone = ""
        if let slash = text.firstIndex(of: "/") {
            address = text[..<slash]
            suffix = String(text[slash...])
        }
        if address.contains(":"), let percent = address.firstIndex(of: "%") {
            zone = String(address[percent...])
            address = address[..<percent]
        }
        let fail = GeneratorError(generator: "ip-address", message: "the value is not an IPv4 or IPv6 address")
        // A network's length: the bits after it are the host's, zero, and kept so.
        let length = networks ? Int(suffix.dropFirst()) : nil
        if let v4 = IPAddress.parseV4(address) {
            let host = 32 - min(32, max(0, length ?? 32))
            let kept = min(keep, 24), free = max(0, 32 - kept - host)
            guard free > 0 else { return value }
            let mask: UInt64 = (1 << UInt64(free)) - 1
            let mapped = cache.permute((UInt64(v4) >> UInt64(host)) & mask, size: 1 << UInt64(free), reverse: reverse)
            return .text(around.0 + IPAddress.formatV4(UInt32(UInt64(v4) & ~(mask << UInt64(host)) | mapped << UInt64(host))) + suffix + around.1)
        }
        guard let v6 = IPAddress.parseV6(address) else { throw fail }
        let host = 128 - min(128, max(0, length ?? 128))
        let kept = min(keep, 120), free = max(0, 128 - kept - host)
        guard free > 0 else { return value }
        let mask: UInt128 = free == 128 ? .max : (1 << UInt128(free)) - 1
        let mapped = cache.permute((v6 >> UInt128(host)) & mask, bits: free, reverse: reverse)
        return .text(around.0 + IPAddress.formatV6(v6 & ~(mask << UInt128(host)) | mapped << UInt128(host)) + zone + suffix + around.1)
    }
}

/// Parsing and writing IP addresses.
enum IPAddress {
    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func formatV4(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)"
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        guard text.contains(":") else { return nil }
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parse(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains("."), let v4 = parseV4(piece) {
                    out.append(UInt16(v4 >> 16)); out.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(piece.count), let g = UInt16(piece, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let head = parse(halves[0]) else { return nil }
        groups = head
        if halves.count == 2 {
            sawGap = true
            guard let rest = parse(halves[1]) else { return nil }
            tail = rest
        }
        let total = groups.count + tail.count
        guard sawGap ? total <= 7 : total == 8 else { return nil }
        let all = groups + Array(repeating: 0, count: 8 - total) + tail
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    /// RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`.
    static func formatV6(_ v: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: v >> UInt128(16 * (7 - $0))) }
        var best = (start: -1, length: 0), current = (start: -1, length: 0)
        for (i, g) in groups.enumerated() {
            if g == 0 {
                current = current.start < 0 ? (i, 1) : (current.start, current.length + 1)
                if current.length > best.length { best = current }
            } else {
                current = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let left = hex[0..<best.start].joined(separator: ":")
        let right = hex[(best.start + best.length)...].joined(separator: ":")
        return left + "::" + right
    }
}
