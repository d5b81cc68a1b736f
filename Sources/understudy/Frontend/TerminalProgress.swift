import Foundation
import Synchronization
import UnderstudyCore

/// Progress on standard error: a live bar per table on a terminal, one line per table otherwise.
final class TerminalProgress: ProgressObserver {
    struct State {
        var expected: Int64 = 0
        var lastDraw = Date.distantPast
    }

    let live: Bool
    let nameWidth: Int
    let state = Mutex(State())

    init(live: Bool, tableNames: [String]) {
        self.live = live
        nameWidth = min(28, tableNames.map(\.count).max() ?? 10)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func padded(_ raw: String) -> String {
        let name = ControlCharacters.escaped(raw)  // one line: a name's line breaks shown as \n
        return name.count >= nameWidth ? name : name + String(repeating: " ", count: nameWidth - name.count)
    }

    func phase(_ description: String) {
        if live { write("\r\u{1B}[2K") }
    }

    func tableStarted(_ table: String, mode: TableMode, expectedRows: Int64) {
        state.withLock { $0.expected = expectedRows; $0.lastDraw = .distantPast }
        rowsWritten(table, total: 0)
    }

    func rowsWritten(_ table: String, total: Int64) {
        guard live else { return }
        let line: String? = state.withLock { state in
            let now = Date()
            guard now.timeIntervalSince(state.lastDraw) > 0.05 else { return nil }
            state.lastDraw = now
            let fraction = state.expected > 0 ? min(1, Double(total) / Double(state.expected)) : 1
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 24 - filled)
            return "\r\u{1B}[2K  \(padded(table))  \(bar) \(String(format: "%3d", Int(fraction * 100)))%  \(Console.count(total))/\(Console.count(state.expected))"
        }
        if let line { write(line) }
    }

    func tableFinished(_ table: String, rows: Int64, seconds: Double) {
        let text = "  \(padded(table))  \(Console.count(rows).leftPadded(11)) \(rows == 1 ? "row " : "rows")  \(Console.seconds(seconds))\n"
        write(live ? "\r\u{1B}[2K" + text : text)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension String {
    func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
