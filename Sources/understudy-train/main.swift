// scripts/train-person-model: trains the person-name model on a labelled corpus (JSON lines of
// {"text", "spans": [{"kind", "start", "end"}]}, offsets in Unicode scalars) and writes its weights.
// Usage: understudy-train CORPUS.jsonl OUTPUT.model [EPOCHS]
import Foundation
import UnderstudyCore

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: understudy-train CORPUS.jsonl OUTPUT.model [EPOCHS]\n".utf8))
    exit(2)
}
let epochs = arguments.count > 3 ? Int(arguments[3]) ?? 8 : 8
let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
var examples: [PersonModelTrainer.Example] = []
for line in text.split(separator: "\n") {
    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let sentence = object["text"] as? String, let spans = object["spans"] as? [[String: Any]] else { continue }
    let names = spans.filter { $0["kind"] as? String == "PERSON" }.compactMap { span -> (start: Int, end: Int)? in
        guard let start = span["start"] as? Int, let end = span["end"] as? Int else { return nil }
        return (start, end)
    }
    examples.append(PersonModelTrainer.example(text: sentence, names: names))
}
let started = Date()
let (model, accuracy) = PersonModelTrainer.train(examples, epochs: epochs, seed: 20_261_130)
let bytes = model.serialized()
try Data(bytes).write(to: URL(fileURLWithPath: arguments[2]))
print("understudy-train: \(examples.count) sentences, \(epochs) epochs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; token accuracy by epoch: "
    + accuracy.map { String(format: "%.4f", $0) }.joined(separator: " ") + "; \(bytes.count) bytes written to \(arguments[2])")
