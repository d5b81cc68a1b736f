/// Digits of another script in a text (Arabic-Indic `٤١١١`, Persian `۰۹۱۲`, Devanagari, fullwidth
/// `０９０`): a card number, an SSN, a phone number or a date written in them is read as its ASCII
/// digits by the generators that read a shape, and written back in its script — each stopped the
/// run (`the value has 0 digits`), and the scanner saw no card in them.
public enum ScriptDigits {
    /// `value` with its digits, all of one other script, as ASCII digits, and that script's zero;
    /// nil where it holds none, ASCII digits too, or digits of two scripts.
    public static func asASCII(_ value: Value) -> (value: Value, zero: UInt32)? {
        guard case .text(let text) = value, !text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var zero: UInt32?
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard let d = digit(scalar) else {
                out.append(scalar)
                continue
            }
            let own = scalar.value - UInt32(d)
            guard !scalar.isASCII, zero == nil || zero == own else { return nil }
            zero = own
            out.append(Unicode.Scalar(48 + UInt32(d))!)
        }
        guard let zero else { return nil }
        return (.text(String(out)), zero)
    }

    /// The value of a decimal digit of any script (`7`, `٧`, `７`), or nil.
    public static func digit(_ scalar: Unicode.Scalar) -> Int? {
        guard scalar.properties.numericType == .decimal, let d = scalar.properties.numericValue, (0...9).contains(d) else { return nil }
        return Int(d)
    }

    /// What `body` makes of `value`, its digits of another script read as ASCII digits and written
    /// back in it (a run's generators, and decrypt reversing them).
    public static func through<E: Error>(_ value: Value, _ body: (Value) throws(E) -> Value) throws(E) -> Value {
        guard let (ascii, zero) = asASCII(value) else { return try body(value) }
        return restore(try body(ascii), zero: zero)
    }

    /// `value` with its ASCII digits written in the script whose zero is `zero`.
    public static func restore(_ value: Value, zero: UInt32) -> Value {
        guard case .text(let text) = value else { return value }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append((0x30...0x39).contains(scalar.value) ? Unicode.Scalar(zero + scalar.value - 0x30) ?? scalar : scalar)
        }
        return .text(String(out))
    }
}
