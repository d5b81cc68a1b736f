import Foundation
import UnderstudyCore

// Prints the cost of every generator in ns/value on one core (release build: scripts/bench-generators).

let key = try MasterKey(material: Array("benchmark-secret-0123456789abcdef".utf8))

// `understudy-bench text FILE.jsonl [ROUNDS]`: the cost of free-text recognition per text, part by part.
if CommandLine.arguments.dropFirst().first == "text", CommandLine.arguments.count >= 3 {
    let path = CommandLine.arguments[2]
    guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("understudy-bench: cannot read \(path) as UTF-8 text; give a JSON Lines file of texts (bench/text/corpus.jsonl)\n".utf8))
        exit(1)
    }
    var texts: [String] = []
    for (number, line) in contents.split(separator: "\n").enumerated() {
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        guard let text = (object as? String) ?? ((object as? [String: Any])?["text"] as? String) else {
            FileHandle.standardError.write(Data("understudy-bench: \(path):\(number + 1): not a JSON string or an object with \"text\"\n".utf8))
            exit(1)
        }
        texts.append(text)
    }
    let rounds = Int(CommandLine.arguments.dropFirst(3).first ?? "") ?? 20
    let all = Array((0..<rounds).map { _ in texts }.joined())
    let recognizer = EntityRecognizer()
    _ = recognizer.profile(Array(all.prefix(2_000)))  // warm-up
    print("\(all.count) texts (\(texts.count) × \(rounds)), one core\n")
    for (part, ns) in recognizer.profile(all) {
        print("\(part.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%9.2f", ns / 1_000)) µs/text")
    }
    exit(0)
}

// `understudy-bench long-text`: recognition and redaction of one long text (a ticket thread, a
// pasted log) of each hostile shape, at 64 KB and at 1 MB: the cost per KB must not grow with the
// length (a megabyte of one repeated name took minutes when spans were compared pairwise).
if CommandLine.arguments.dropFirst().first == "long-text" {
    let shapes: [(String, String)] = [
        ("prose with names, emails, dates", "Call John Smith (john.smith@acme.com, acme.com) on 12/12/2020; cc Ann Lee, Bo Chen. "),
        ("one word repeated", "long "), ("a list of names", "Ann, "), ("emails", "a@b.co "), ("dates", "12/12/2020 "),
        ("dots", "a."), ("colons", "::1:"), ("digit groups", "4111 "), ("no space", "a"),
    ]
    let recognizer = EntityRecognizer()
    print("| text | 64 KB: µs/KB | 1 MB: µs/KB | ratio |\n| --- | ---: | ---: | ---: |")
    for (label, unit) in shapes {
        func perKB(_ bytes: Int) -> Double {
            let text = String(repeating: unit, count: bytes / unit.utf8.count)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                let redacted = Redaction.apply(recognizer.spans(in: text), to: text) { span, _ in Redaction.tag(for: span) }
                precondition(!redacted.isEmpty)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000 / (Double(bytes) / 1_024))
            }
            return best
        }
        let short = perKB(64 * 1_024), long = perKB(1_024 * 1_024)
        print("| \(label) | \(String(format: "%.1f", short)) | \(String(format: "%.1f", long)) | \(String(format: "%.2f", long / short)) |")
    }
    exit(0)
}

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200_000

func measure(_ label: String, _ body: (Int) throws -> Void) rethrows -> Double {
    for i in 0..<min(2_000, count) { try body(i) }  // warm-up
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<count { try body(i) }
    let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
    FileHandle.standardOutput.write(Data("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%9.1f", ns)) ns/value\n".utf8))
    return ns
}

print("\(count) values each, one core\n")
let fpeKey = [UInt8](repeating: 0x2B, count: 16)
let ff1 = try FF1(key: fpeKey, radix: 10)
let ff3 = try FF3_1(key: fpeKey, radix: 10)
let digits16 = (0..<count).map { i in FF1.numerals(UInt64(4_000_000_000_000_000 + i * 7919), radix: 10, length: 16) }
_ = try measure("FF1 AES-128, 16 digits") { i in _ = try ff1.encrypt(digits16[i]) }
_ = try measure("FF3-1 AES-128, 16 digits") { i in _ = try ff3.encrypt(digits16[i], tweak: [1, 2, 3, 4, 5, 6, 7]) }
print("")

for definition in GeneratorRegistry.standard.definitions {
    guard let example = definition.examples.first ?? (definition.needsStatistics ? .init(.text("gold")) : nil) else { continue }
    let parameters = try definition.resolve(example.parameters, at: "bench", in: nil)
    let column = example.column
    let statistics = definition.needsStatistics
        ? ColumnStatistics(values: ["bronze", "silver", "gold", "platinum"].map { .text($0) }, counts: [50, 30, 15, 5]) : nil
    let generator = try definition.make(GeneratorSetup(
        parameters: parameters, key: key, generator: definition.name, domain: "bench",
        consistent: definition.consistentByDefault, column: column, statistics: statistics))
    // Distinct inputs shaped like the example, so consistent generators cannot cache.
    let inputs: [Value] = (0..<count).map { i in
        switch example.input {
        case .integer(let v): .integer(v + Int64(i))
        case .real(let v): .real(v + Double(i))
        case .text(let s) where CivilDate(prefixOf: s) != nil:
            .text(CivilDate(days: CivilDate(prefixOf: s)!.days + i % 40_000).iso + String(s.dropFirst(10)))
        case .text(let s): .text(variant(of: s, i))
        default: example.input
        }
    }
    do {
        _ = try measure(definition.name) { i in _ = try generator.generate(inputs[i], row: RowPosition(ordinal: Int64(i))) }
    } catch {
        FileHandle.standardOutput.write(Data("\(definition.name): failed on its example: \(error)\n".utf8))
    }
}

/// The text with its last digits (or a suffix) replaced by `i`, keeping its shape where it can.
func variant(of text: String, _ i: Int) -> String {
    var chars = Array(text)
    var n = i
    for k in stride(from: chars.count - 1, through: 0, by: -1) where chars[k].isASCII && chars[k].isNumber {
        chars[k] = Character(String(n % 10))
        n /= 10
        if n == 0 { break }
    }
    // Too few digits to spell i: only the digits that were there vary (generators keep no cache).
    return String(chars)
}
