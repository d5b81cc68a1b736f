/// A generator of text given a number reads its digits (and its output is a number again where
/// it spells one); a generator of integers given text that spells one reads the integer. Without
/// this, such values passed through generators unchanged: the source's numbers in the copy.
struct StorageFit: Sendable {
    /// Whether any value is converted at all.
    var converts: Bool { integerAsText || realAsText || textAsInteger }

    var integerAsText = false
    var realAsText = false
    var textAsInteger = false

    init(accepted: Set<LogicalType>) {
        integerAsText = !accepted.contains(.integer) && accepted.contains(.text)
        realAsText = !accepted.contains(.real) && accepted.contains(.text)
        textAsInteger = accepted.contains(.integer) && !accepted.contains(.text)
    }

    enum Restore { case none, integer, real, text }

    func input(_ value: Value) -> (Value, Restore) {
        switch value {
        case .integer(let i) where integerAsText: return (.text(String(i)), .integer)
        case .real where realAsText: return (.text(value.displayText), .real)
        case .text(let t) where textAsInteger:
            if let i = Int64(t), String(i) == t { return (.integer(i), .text) }
            return (value, .none)
        default: return (value, .none)
        }
    }

    static func output(_ value: Value, _ restore: Restore) -> Value {
        switch (restore, value) {
        case (.integer, .text(let t)): if let i = Int64(t), String(i) == t { return .integer(i) }
        case (.real, .text(let t)): if let d = Double(t), d.isFinite { return .real(d) }
        case (.text, .integer(let i)): return .text(String(i))
        default: break
        }
        return value
    }
}

/// A generator nested in another (`json.paths`' leaves, `regex`'s `with`, `array`'s `of`,
/// `conditional`'s branches) behind its ``StorageFit``.
struct StorageFitting: Generator {
    let inner: any Generator
    let fit: StorageFit

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        let (input, restore) = fit.input(value)
        let generated = try inner.generate(input, row: row)
        return restore == .none ? generated : StorageFit.output(generated, restore)
    }
}
