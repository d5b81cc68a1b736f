import Foundation

/// Matching a workspace's regular expression in bounded time. ICU backtracks, and a pattern whose
/// alternatives match the same text under a repetition (`(a|a)*b`, `(?:a|aa)+b`) takes time
/// exponential in the value's length on a value that almost matches — 40 letters took 12 s in a
/// debug build, and each letter more doubles it — which the check for nested repetitions (``RegexGenerator/catastrophicBacktracking(in:)``)
/// cannot see. ICU reports its progress while it works (`.reportProgress`), and the search is given up
/// past ``limit``.
enum BoundedMatching {
    /// Seconds one value may take; a pattern of the kinds a workspace writes takes microseconds.
    static let limit = 0.5

    /// The matches of `regex` in `text`, or nil when the search took longer than ``limit`` and a
    /// microsecond per character (a long document's linear scan is not cut short).
    static func matches(_ regex: NSRegularExpression, in text: String) -> [NSTextCheckingResult]? {
        search(regex, in: text, firstOnly: false)
    }

    /// Whether `regex` matches somewhere in `text`, or nil when the search took longer than
    /// ``matches(_:in:)`` allows.
    static func contains(_ regex: NSRegularExpression, in text: String) -> Bool? {
        search(regex, in: text, firstOnly: true).map { !$0.isEmpty }
    }

    private static func search(_ regex: NSRegularExpression, in text: String, firstOnly: Bool) -> [NSTextCheckingResult]? {
        let started = DispatchTime.now().uptimeNanoseconds
        let length = (text as NSString).length
        let budget = UInt64(limit * 1e9) + UInt64(length) * 1_000
        var found: [NSTextCheckingResult] = []
        var gaveUp = false
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) { match, _, stop in
            if let match {
                found.append(match)
                if firstOnly {
                    stop.pointee = true
                    return
                }
            }
            if DispatchTime.now().uptimeNanoseconds - started > budget {
                gaveUp = true
                stop.pointee = true
            }
        }
        return gaveUp ? nil : found
    }

    /// Why a pattern was given up on a value, for an error that names it.
    static func tooSlow(_ pattern: String) -> String {
        "the pattern \(pattern) took more than \(limit) s on one value: it backtracks (alternatives that match the same text under a repetition, like `(a|a)*`, take time exponential in the value's length); rewrite it so that each character can be matched one way only"
    }
}
