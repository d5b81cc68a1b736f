/// Trains ``PersonModel``: an averaged perceptron, left to right with the predicted previous tag
/// (as the tagger will see it), the examples in a fixed shuffled order per epoch, so that the same
/// corpus gives the same weights on every machine.
package struct PersonModelTrainer {
    package struct Example {
        let info: [PersonModel.TokenInfo]
        let gold: [Int]
    }

    /// A sentence and its person names as Unicode scalar offsets (as the corpora give them).
    package static func example(text: String, names: [(start: Int, end: Int)]) -> Example {
        let scan = TextScan(text)
        // Scalar offsets → UTF-16 offsets.
        var utf16: [Int] = [0]
        for scalar in text.unicodeScalars { utf16.append(utf16.last! + scalar.utf16.count) }
        let ranges = names.map { utf16[min($0.start, utf16.count - 1)]..<utf16[min($0.end, utf16.count - 1)] }
        var gold = [Int](repeating: 0, count: scan.tokens.count)
        for range in ranges {
            var first = true
            for (i, token) in scan.tokens.enumerated() where token.start < range.upperBound && token.end > range.lowerBound {
                gold[i] = first ? 1 : 2
                first = false
            }
        }
        return Example(info: PersonModel.info(scan), gold: gold)
    }

    /// `epochs` passes over `examples`; returns the averaged weights and each epoch's token accuracy.
    package static func train(_ examples: [Example], epochs: Int, seed: UInt64, dropout: Double = 0.3) -> (model: PersonModel, accuracy: [Double]) {
        let size = PersonModel.buckets * PersonModel.tags
        var weights = [Float](repeating: 0, count: size)
        // Σ over updates of (update × its step): the average is weights − totals / steps.
        var totals = [Double](repeating: 0, count: size)
        var step: Double = 1
        var order = Array(examples.indices)
        var random = seed | 1
        var accuracy: [Double] = []
        var f: [Int] = []
        for _ in 0..<epochs {
            // Fisher–Yates with xorshift64*: the same order everywhere.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                random ^= random >> 12; random ^= random << 25; random ^= random >> 27
                let j = Int((random &* 2_685_821_657_736_338_717) % UInt64(i + 1))
                order.swapAt(i, j)
            }
            var right = 0, total = 0
            for index in order {
                let example = examples[index]
                // Word dropout: a template's own words are seen thousands of times, names once, so a
                // tagger would learn "an unknown word is a name". Some non-name words are shown as
                // unknown (their word and affixes hidden), so that it learns names from their shape,
                // the lists and their context instead.
                var info = example.info
                for i in info.indices where example.gold[i] == 0 {
                    random ^= random >> 12; random ^= random << 25; random ^= random >> 27
                    if (random &* 2_685_821_657_736_338_717) >> 40 < UInt64(Double(1 << 24) * dropout) {
                        info[i].word = 2; info[i].prefix = 2; info[i].suffix = 2; info[i].suffix2 = 2
                    }
                }
                var previous = 0
                for i in info.indices {
                    PersonModel.features(info, i, previous: previous, into: &f)
                    let gold = example.gold[i]
                    let predicted = weights.withUnsafeMutableBufferPointer { w in
                        totals.withUnsafeMutableBufferPointer { a in
                            f.withUnsafeBufferPointer { features in
                                var s0: Float = 0, s1: Float = 0, s2: Float = 0
                                for b in features {
                                    s0 += w[b &* 3]
                                    s1 += w[b &* 3 &+ 1]
                                    s2 += w[b &* 3 &+ 2]
                                }
                                if previous == 0 { s2 = -.infinity }
                                let predicted = s0 >= s1 && s0 >= s2 ? 0 : s1 >= s2 ? 1 : 2
                                if predicted != gold {
                                    for b in features {
                                        w[b &* 3 &+ gold] += 1
                                        a[b &* 3 &+ gold] += step
                                        w[b &* 3 &+ predicted] -= 1
                                        a[b &* 3 &+ predicted] -= step
                                    }
                                }
                                return predicted
                            }
                        }
                    }
                    if predicted == gold { right += 1 }
                    total += 1
                    step += 1
                    previous = predicted
                }
            }
            accuracy.append(Double(right) / Double(max(1, total)))
        }
        let averaged = (0..<size).map { Float(Double(weights[$0]) - totals[$0] / step) }
        return (PersonModel(weights: averaged), accuracy)
    }
}
