import UnderstudyCore

/// One input: any bytes as free text (UTF-8, invalid sequences repaired). The recogniser must not
/// crash; its spans must lie inside the text, in order, not overlapping; and redacting each span
/// with its own original text must give the text back unchanged (the redaction walks UTF-16
/// offsets over the string's own storage).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRedact(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let spans = recognizer.spans(in: text)
    let length = text.utf16.count
    var end = 0
    for span in spans {
        guard span.start >= end, span.start < span.end, span.end <= length else {
            fatalError("spans out of order or out of the text: \(spans.map { ($0.kind, $0.start, $0.end) }) in \(length) units")
        }
        end = span.end
    }
    guard Redaction.apply(spans, to: text, { _, original in original }) == text else {
        fatalError("redacting each span with its own text changed the text")
    }
    _ = Redaction.apply(spans, to: text) { span, original in Redaction.tag(for: span) + Redaction.mask(original) }
    return 0
}

let recognizer = EntityRecognizer(minimumScore: 0)
