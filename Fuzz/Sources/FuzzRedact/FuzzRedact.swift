import UnderstudyCore

/// One input: any bytes as free text (UTF-8, invalid sequences repaired). The recogniser must not
/// crash; its spans must lie inside the text, in order, not overlapping; and redacting each span
/// with its own original text must give the text back unchanged (the redaction walks UTF-16
/// offsets over the string's own storage). Text that is RTF, an email message or HTML is read
/// apart from its markup too, as `text.redact` reads it; and the whole of `text.redact` in fake mode
/// runs on it without a fault.
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
    // Read as a column's text is (RTF, an email message, HTML): spans over the words, each written
    // back inside the value; nothing found, nothing changed (bar an email's attachments, stand-ins);
    // replaced, no fault.
    if let parts = TextParts(markup: text) {
        let found = recognizer.spans(in: parts.words)
        for span in found {
            guard let written = parts.written(span), written.start >= 0, written.start <= written.end, written.end <= length else {
                fatalError("a span of the words written outside the value: \(span.start)..<\(span.end) in \(length) units")
            }
        }
        guard parts.hasStandIns || parts.redacted([], { _, original in original }) == text else {
            fatalError("a value read apart from its markup, with nothing replaced, changed")
        }
        _ = parts.redacted(found) { span, original in Redaction.tag(for: span) + Redaction.mask(original) }
    }
    // Every fake written as `text.redact` writes it in a run: dates moved in their forms,
    // organisations and places of their kinds, a workspace's own kinds with their checksums.
    _ = try? fake.generate(.text(text), row: RowPosition(ordinal: 0))
    return 0
}

/// `text.redact` in fake mode, with recognisers of a workspace's own (a Luhn and a mod-97 checksum among them).
let fake: any Generator = {
    let definition = GeneratorRegistry.standard.definition(named: "text.redact")!
    let recognizers: ParameterValue = .list([
        .mapping(["name": .string("CASE_REF"), "pattern": .string(#"[A-Z]{2}\d{4}"#)]),
        .mapping(["name": .string("LOYALTY"), "pattern": .string(#"\d{12,19}"#), "checksum": .string("luhn")]),
        .mapping(["name": .string("ACCOUNT"), "pattern": .string(#"[A-Z]{2}\d{2}[A-Z0-9]{8,20}"#), "checksum": .string("mod97")]),
    ])
    let parameters = try! definition.resolve(["recognizers": recognizers], at: "fuzz", in: nil)
    let setup = GeneratorSetup(
        parameters: parameters, key: try! MasterKey(material: Array("fuzz-secret-0123456789abcdef".utf8)), generator: "text.redact",
        domain: "fuzz.text", consistent: true, column: Column(name: "text", declaredType: "TEXT", logicalType: .text, isNullable: true))
    return try! definition.make(setup)
}()

let recognizer = EntityRecognizer(minimumScore: 0)
