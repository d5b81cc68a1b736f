import ArgumentParser
import Foundation
import UnderstudyCore

/// `understudy redact`: the free-text recogniser on the command line, standard input to standard output.
struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Find personal data in text from standard input: write it redacted, or the spans as JSON.",
        discussion: """
            Kinds: \(EntityKind.allCases.filter { $0 != .custom }.map(\.rawValue).joined(separator: ", ")). \
            --mode tag writes [PERSON], mask writes * for each character, fake a fake of the same kind keyed by \
            the secret (--secret, default env:UNDERSTUDY_SECRET): the same text a run's `text.redact` writes in \
            the column --domain names (table.column) under that secret. With --lines each line is a text of \
            its own (one JSON object per line with --json); otherwise the whole input is one text. \
            HTML, RTF and an email message kept whole are read as a column's `text.redact` reads them, their \
            markup and encodings kept; with --json, a span over markup runs from its first part's text to its \
            last's, and a span inside an encoded body or header (base64, quoted-printable, encoded words) covers \
            that body or header as written.
            """)

    enum Mode: String, ExpressibleByArgument, CaseIterable { case tag, mask, fake }

    @Option(help: "tag ([PERSON]), mask (****) or fake (a consistent fake of the same kind; needs the secret).")
    var mode: Mode = .tag

    @Option(help: "With --mode fake: where the secret is, as a workspace says it (env:NAME or file:PATH).")
    var secret = "env:UNDERSTUDY_SECRET"

    @Option(help: "With --mode fake: the consistency domain, a run's column (table.column) whose fakes to match.")
    var domain = "redact"

    @Flag(help: "With --mode fake: each kind's own domain (person, email, …), as text.redact's shared_domains.")
    var sharedDomains = false

    @Flag(help: "Print the spans as JSON (kind, start, end, score, recognizer, text offsets in Unicode scalars) instead of the redacted text.")
    var json = false

    @Flag(help: "Treat each line as a text of its own.")
    var lines = false

    @Flag(help: "Each input line is a JSON string, or an object with a \"text\" field (texts may then hold line breaks); implies --lines. Each redacted text is written as a JSON string on a line of its own.")
    var jsonl = false

    @Option(help: "Only these kinds, comma-separated (e.g. PERSON,EMAIL_ADDRESS).")
    var entities: String?

    @Option(help: "Drop spans scored below this (0…1).")
    var minConfidence = 0.5

    @Option(help: "With --mode fake: the largest move of a date, in days either way (text.redact's days; a month and year moves by whole months).")
    var days = 30

    func run() throws {
        var kinds = Set(EntityKind.allCases)
        if let entities {
            kinds = []
            for name in entities.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let kind = EntityKind(name: name) else {
                    throw UsageError(message: "--entities: unknown kind \"\(name)\"\(Suggestion.hint(for: name, in: EntityKind.allCases.map(\.rawValue))); kinds: \(EntityKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kinds.insert(kind)
            }
        }
        guard (0...1).contains(minConfidence) else { throw UsageError(message: "--min-confidence must be between 0 and 1") }
        guard days >= 1 else { throw UsageError(message: "--days must be at least 1") }
        let recognizer = EntityRecognizer(kinds: kinds, minimumScore: minConfidence)
        let faker = mode == .fake && !json ? try fakes(kinds: entities == nil ? nil : kinds) : nil
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        var texts = lines || jsonl ? input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [input]
        if jsonl {
            texts = try texts.enumerated().map { index, line in
                guard !line.isEmpty else { return "" }
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
                if let text = object as? String { return text }
                if let text = (object as? [String: Any])?["text"] as? String { return text }
                throw UsageError(message: "--jsonl: line \(index + 1) is not a JSON string or an object with a \"text\" field")
            }
        }
        var out = ""
        for (index, text) in texts.enumerated() {
            if lines || jsonl, index == texts.count - 1, text.isEmpty { break }
            if let faker {
                let redacted: String
                do {
                    redacted = try faker.generate(.text(text), row: RowPosition(ordinal: Int64(index))).displayText
                } catch {
                    throw CommandFailure(message: "text \(index + 1): \(error)")
                }
                out += jsonl ? JSONValue.string(redacted).text + "\n" : redacted + (lines ? "\n" : "")
                continue
            }
            // HTML, RTF and email messages as a column's `text.redact` reads them: their markup and encodings kept.
            let markup = TextParts(markup: text)
            if json {
                let spans = if let markup { recognizer.spans(in: markup.words).compactMap(markup.written) } else { recognizer.spans(in: text) }
                out += Self.json(spans, in: text) + "\n"
            } else {
                func replacement(_ span: EntitySpan, _ original: String) -> String {
                    mode == .tag ? Redaction.tag(for: span) : Redaction.mask(original)
                }
                let redacted = if let markup { markup.redacted(recognizer.spans(in: markup.words), replacement) }
                    else { Redaction.apply(recognizer.spans(in: text), to: text, replacement) }
                // JSON lines in, JSON lines out: a text's line breaks stay inside its record.
                out += jsonl ? JSONValue.string(redacted).text + "\n" : redacted + (lines ? "\n" : "")
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// `text.redact` in mode fake, keyed by the secret in `domain`, as a run makes it for a column of text.
    func fakes(kinds: Set<EntityKind>?) throws -> any Generator {
        guard let reference = SecretReference(secret) else {
            throw UsageError(message: "--secret: \"\(secret)\" is no secret reference; write env:NAME or file:PATH, as a workspace's `secret:`")
        }
        let key: MasterKey
        do {
            key = try reference.resolve(in: Workspace(source: "", destination: "", secret: reference))
        } catch {
            throw UsageError(message: "--secret: " + error.message.replacingOccurrences(of: "`secret: ", with: "`--secret "))
        }
        var given: [String: ParameterValue] = [
            "mode": .string("fake"), "min_confidence": .number(minConfidence), "shared_domains": .boolean(sharedDomains), "days": .integer(days),
        ]
        if let kinds { given["entities"] = .list(kinds.map(\.rawValue).sorted().map { .string($0) }) }
        let definition = GeneratorRegistry.standard.definition(named: "text.redact")!
        let parameters = try definition.resolve(given, at: "redact", in: nil)
        return try definition.make(GeneratorSetup(
            parameters: parameters, key: key, generator: definition.name, domain: domain, consistent: definition.consistentByDefault,
            column: Column(name: "text", declaredType: "TEXT", logicalType: .text, isNullable: true)))
    }

    /// `{"spans":[{"kind":"PERSON","start":5,"end":13,"score":0.9,"recognizer":"person.full"}]}` with
    /// offsets in Unicode scalars (as Python counts them).
    static func json(_ spans: [EntitySpan], in text: String) -> String {
        // UTF-16 offset → scalar offset, in one pass over the text.
        var scalarAt = [Int](repeating: 0, count: text.utf16.count + 1)
        var unit = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let width = scalar.utf16.count
            for k in 0..<width { scalarAt[unit + k] = index }
            unit += width
        }
        scalarAt[unit] = text.unicodeScalars.count
        func scalarOffset(_ u: Int) -> Int { scalarAt[u] }
        let items = spans.map { span -> String in
            "{\"kind\":\"\(span.kind.rawValue)\",\"start\":\(scalarOffset(span.start)),\"end\":\(scalarOffset(span.end)),\"score\":\(span.score),\"recognizer\":\"\(span.recognizer)\"}"
        }
        return "{\"spans\":[" + items.joined(separator: ",") + "]}"
    }
}
