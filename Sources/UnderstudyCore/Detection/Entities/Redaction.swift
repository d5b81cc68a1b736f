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
        // Walks the text once by its UTF-16 offsets, copying its own slices (no transcoding).
        let utf16 = text.utf16
        var out = ""
        out.reserveCapacity(text.utf8.count + 16 * spans.count)
        var cursor = 0
        var index = utf16.startIndex
        for span in spans where span.start >= cursor {
            let start = utf16.index(index, offsetBy: span.start - cursor)
            let end = utf16.index(start, offsetBy: span.end - span.start)
            out += text[index..<start]
            out += try replacement(span, String(text[start..<end]))
            index = end
            cursor = span.end
        }
        out += text[index...]
        return out
    }
}
