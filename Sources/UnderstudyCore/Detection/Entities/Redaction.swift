/// Writes a text with each span replaced.
public enum Redaction {
    /// `[PERSON]`, or a custom recognizer's name in capitals: `[EMPLOYEE-ID]`.
    public static func tag(for span: EntitySpan) -> String {
        span.kind == .custom ? "[\(span.recognizer.uppercased())]" : span.kind.tag
    }

    /// A `*` for each character of the original.
    public static func mask(_ original: String) -> String { String(repeating: "*", count: original.count) }

    /// `text` with every span (UTF-16 offsets, not overlapping, in order) replaced by `replacement(span, original)`.
    public static func apply(_ spans: [EntitySpan], to text: String, _ replacement: (EntitySpan, String) throws -> String) rethrows -> String {
        guard !spans.isEmpty else { return text }
        let units = Array(text.utf16)
        var out = ""
        var cursor = 0
        for span in spans where span.start >= cursor {
            out += String(decoding: units[cursor..<span.start], as: UTF16.self)
            out += try replacement(span, String(decoding: units[span.start..<span.end], as: UTF16.self))
            cursor = span.end
        }
        return out + String(decoding: units[cursor...], as: UTF16.self)
    }
}
