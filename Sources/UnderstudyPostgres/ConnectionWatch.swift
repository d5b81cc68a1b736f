import Foundation

/// The calls waiting on one postgres-nio connection, failed together when it closes.
final class ConnectionWatch: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    struct Closed: Error {
        static let message = "the server closed the connection: its backend was terminated, or the server stopped"
    }

    private let lock = NSLock()
    private var isClosed = false
    private var waiting: [ObjectIdentifier: any Failable] = [:]

    /// Registers a waiting call; false when the connection is already closed.
    func add(_ ticket: any Failable) -> Bool {
        lock.withLock {
            guard !isClosed else { return false }
            waiting[ObjectIdentifier(ticket)] = ticket
            return true
        }
    }

    func remove(_ ticket: any Failable) {
        lock.withLock { _ = waiting.removeValue(forKey: ObjectIdentifier(ticket)) }
    }

    /// The connection closed: every waiting call fails now.
    func closed() {
        let failing = lock.withLock {
            isClosed = true
            defer { waiting.removeAll() }
            return Array(waiting.values)
        }
        for ticket in failing { ticket.fail(Closed()) }
    }
}

/// A waiting call that can be failed from outside.
protocol Failable: AnyObject, Sendable {
    func fail(_ error: any Error)
}

/// One guarded call: its continuation is resumed once, by the call or by the watch, whichever is first.
final class Ticket<T: Sendable>: Failable, @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var resumed = false
    private var cancelled = false
    private var stored: CheckedContinuation<T, any Error>?

    /// The continuation the call's result resumes.
    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        lock.withLock { stored = continuation }
    }
    var task: Task<Void, Never>? {
        get { lock.withLock { runner } }
        set {
            let cancelNow = lock.withLock { runner = newValue; return cancelled }
            if cancelNow { newValue?.cancel() }
        }
    }
    private var runner: Task<Void, Never>?

    func resume(_ result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = lock.withLock {
            guard !resumed else { return nil }
            resumed = true
            defer { stored = nil }
            return stored
        }
        continuation?.resume(with: result)
    }

    func fail(_ error: any Error) {
        resume(.failure(error))
        task?.cancel()
    }

    /// The caller was cancelled: so is the call.
    func cancel() {
        let task = lock.withLock { cancelled = true; return runner }
        task?.cancel()
    }
}
