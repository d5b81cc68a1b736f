/// "Did you mean …?" for names typed by people: the closest candidate by edit distance.
public enum Suggestion {
    /// The candidate nearest to `input`, if it is close enough to be a plausible typo. A dotted
    /// candidate (`number.noise`, `public.users`) is also near its last part (`noise`, `users`),
    /// and any candidate near a start of it of four characters or more (`person.full` of
    /// `person.full-name`: a name cut short as people remember it).
    public static func nearest(to input: String, in candidates: some Sequence<String>) -> String? {
        let lowered = input.lowercased()
        // (Ties go to the nearer whole name, then the first in order.)
        var best: (name: String, distance: Int, whole: Int)?
        for candidate in candidates {
            let whole = candidate.lowercased()
            let last = whole.split(separator: ".").last.map(String.init) ?? whole
            let raw = editDistance(lowered, whole)
            var distance = min(raw, lowered.contains(".") ? Int.max : editDistance(lowered, last))
            if lowered.count >= 4, whole.hasPrefix(lowered) || last.hasPrefix(lowered) { distance = min(distance, 1) }
            // The family and one word of the name (`person.name` of `person.full-name`), or the
            // name's words run together (`address.postcode` of `address.postal-code`).
            if let dot = lowered.lastIndex(of: "."), let own = whole.lastIndex(of: "."), lowered[..<dot] == whole[..<own] {
                let word = lowered[lowered.index(after: dot)...]
                let words = last.split(separator: "-")
                if words.count > 1, words.contains(word) || word.count >= 4 && last.replacingOccurrences(of: "-", with: "").hasPrefix(word) { distance = min(distance, 2) }
            }
            if best == nil || (distance, raw) < (best!.distance, best!.whole) || ((distance, raw) == (best!.distance, best!.whole) && candidate < best!.name) {
                best = (candidate, distance, raw)
            }
        }
        guard let best else { return nil }
        let limit = max(2, lowered.count / 3)
        return best.distance <= limit ? best.name : nil
    }

    /// `; did you mean "x"?` or an empty string.
    public static func hint(for input: String, in candidates: some Sequence<String>) -> String {
        nearest(to: input, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Levenshtein distance, counting a swap of two neighbours as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
