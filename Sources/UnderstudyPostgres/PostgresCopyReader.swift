import Foundation
import UnderstudyCore

/// Reads a table with `COPY (SELECT …) TO STDOUT (FORMAT binary)` on a ``LibPQConnection`` of its
/// own, on a thread of its own, joined to the source's snapshot. The binary COPY stream is cut into
/// row batches: the first `encoded` fields of each row are kept as they are (the binary COPY field
/// layout is also what the destination's binary COPY reads), the others, selected as text, are
/// decoded into values. Batches wait in a ``BatchQueue`` of two, so a slow consumer slows the
/// reader and, through the socket, the server: memory stays at a few batches.
final class PostgresCopyReader: AsyncSequence, @unchecked Sendable {
    // @unchecked: the thread owns the connection; the queue is the only shared state.
    typealias Element = RowBatch
    let queue = BatchQueue()
    let connection: LibPQConnection
    /// Whether the connection still reads for this reader: once the table is read it goes back to
    /// `idle` (when there is one), and cancelling no longer touches it.
    private let state = NSLock()
    private var reading = true

    /// Connects and joins the snapshot; throws ``LibPQConnection/Failure`` when it cannot.
    /// `query` is read with `COPY (query) TO STDOUT`, or, when it has `parameters` (which COPY cannot
    /// take), as a query with bound parameters whose rows come in the same layout.
    init(
        url: PostgresURL, snapshot: String?, query: String, parameters: [String] = [], decoding: [Column], encoded: [String], batchSize: Int,
        subject: String = "rows", idle: IdlePool<LibPQConnection>? = nil, rawBytes: Bool = false
    ) throws(LibPQConnection.Failure) {
        if let kept = idle?.take() {
            // Already in the snapshot's transaction, from a table read before.
            connection = kept
        } else {
            connection = try LibPQConnection(url: url)
            // One round trip: the transaction and its snapshot.
            try connection.execute(PostgresSession.beginReading(snapshot: snapshot, lockTimeout: url.lockTimeout, schemas: url.schemas))
        }
        let queue = queue, connection = connection
        let thread = Thread { [self] in
            var parser = BinaryCopyParser(decoding: decoding, encoded: encoded, batchSize: batchSize, rawBytes: rawBytes)
            do {
                let consume = { (chunk: UnsafeRawBufferPointer) throws -> Bool in
                    parser.append(chunk)
                    while let batch = try parser.nextBatch(final: false) {
                        guard queue.put(batch) else { return false }
                    }
                    return true
                }
                if parameters.isEmpty {
                    try connection.copyOut("COPY (\(query)) TO STDOUT WITH (FORMAT binary)", consume: consume)
                } else {
                    try connection.copyLayout(query, parameters: parameters, consume: consume)
                }
                if let batch = try parser.nextBatch(final: true) { _ = queue.put(batch) }
                guard parser.sawTrailer || queue.isCancelled else { throw LibPQConnection.Failure(message: "the copy ended early") }
                // The connection goes as soon as the table is read — back to the source's idle ones
                // for its next table, or closed: a run over many tables holds one at a time.
                let kept = state.withLock {
                    // (Not cancelled: the table was read to its trailer, the guard above says.)
                    guard reading, !queue.isCancelled, let idle else { return false }
                    reading = false
                    idle.put(connection)
                    return true
                }
                if !kept { connection.close() }
                queue.finish(nil)
            } catch let failure as LibPQConnection.Failure {
                connection.close()
                queue.finish(AdapterError(
                    code: .readFailed, message: PostgresSession.readHint(failure.message, subject: subject) ?? "reading \(subject) failed",
                    place: "source \(url)", underlying: failure.message))
            } catch {
                connection.close()
                queue.finish(error)
            }
        }
        thread.name = "understudy-copy-out"
        thread.start()
    }

    /// Stops reading (the consumer gave up): the thread ends and the connection closes. A reader
    /// that has finished leaves the connection alone (another reader may have it now).
    func cancel() {
        queue.cancel()
        let owns = state.withLock { defer { reading = false }; return reading }
        if owns { connection.shutdown() }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let queue: BatchQueue
        mutating func next() async throws -> RowBatch? { try await queue.take() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: queue) }
}

/// The binary COPY stream cut into row batches.
struct BinaryCopyParser {
    let decoding: [Column]
    let encoded: [String]
    let batchSize: Int
    private var stream: [UInt8] = []
    private var position = 0
    private var headerRead = false
    private(set) var sawTrailer = false
    private var cells: [[Value]]
    private var output: EncodedCells
    private var ordinal: Int64 = 0
    /// The bytes of the rows of the batch being gathered (``RowBatch/maximumBytes``).
    private var batchBytes = 0

    /// Per decoded column: its field holds a bytea's bytes (selected as they are), not text.
    private let raw: [Bool]

    /// `rawBytes`: bytea columns come as their bytes (the query selected them without a cast);
    /// their hex text was parsed a byte at a time: 623 MB of documents to SQLite took 27.6 s, now
    /// 2.3 s (release build).
    init(decoding: [Column], encoded: [String], batchSize: Int, rawBytes: Bool = false) {
        self.decoding = decoding
        raw = decoding.map { rawBytes && $0.logicalType == .blob }
        self.encoded = encoded
        self.batchSize = batchSize
        cells = Self.emptyCells(decoding.count, batchSize)
        output = EncodedCells(format: PostgresBinary.format, columnNames: encoded)
    }

    static func emptyCells(_ count: Int, _ capacity: Int) -> [[Value]] {
        (0..<count).map { _ in
            var column: [Value] = []
            column.reserveCapacity(capacity)
            return column
        }
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if position > 0 && position == stream.count {
            stream.removeAll(keepingCapacity: true)
            position = 0
        } else if position > 1 << 16 {
            stream.removeFirst(position)
            position = 0
        }
        stream.append(contentsOf: chunk)
    }

    struct Malformed: Error {}

    /// The next full batch, or at the end (`final`) what is left; nil when more input is needed.
    mutating func nextBatch(final: Bool) throws -> RowBatch? {
        if !headerRead {
            guard stream.count - position >= 19 else { return final ? try flush() : nil }
            let extensionLength = Int(stream.int32(at: position + 15))
            guard stream.count - position >= 19 + extensionLength else { return final ? try flush() : nil }
            guard stream[position..<(position + 11)].elementsEqual([0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]) else { throw Malformed() }
            position += 19 + extensionLength
            headerRead = true
        }
        let encodedCount = encoded.count
        while output.rowEnds.count < batchSize, batchBytes < RowBatch.maximumBytes, !sawTrailer {
            guard let end = tupleEnd(from: position) else { break }
            batchBytes += end - position
            let fields = Int(stream.int16(at: position))
            if fields == -1 {
                sawTrailer = true
                position += 2
                break
            }
            guard fields == encodedCount + decoding.count else { throw Malformed() }
            var p = position + 2
            // The undecoded fields, one contiguous run in the COPY layout.
            let encodedStart = p
            for _ in 0..<encodedCount {
                let length = Int(stream.int32(at: p))
                p += 4 + max(0, length)
            }
            output.bytes.append(contentsOf: stream[encodedStart..<p])
            output.rowEnds.append(output.bytes.count)
            for c in 0..<decoding.count {
                let length = Int(stream.int32(at: p))
                p += 4
                if length < 0 {
                    cells[c].append(.null)
                } else if raw[c] {
                    cells[c].append(.blob(Array(stream[p..<(p + length)])))
                    p += length
                } else {
                    let text = String(decoding: stream[p..<(p + length)], as: UTF8.self)
                    cells[c].append(PostgresValues.value(text, as: decoding[c]))
                    p += length
                }
            }
            position = end
        }
        if output.rowEnds.count >= batchSize || batchBytes >= RowBatch.maximumBytes || (final || sawTrailer) && !output.rowEnds.isEmpty { return try flush() }
        return nil
    }

    /// Where the tuple starting at `start` ends, or nil when it is not all there yet.
    private func tupleEnd(from start: Int) -> Int? {
        guard stream.count - start >= 2 else { return nil }
        let fields = Int(stream.int16(at: start))
        if fields == -1 { return start + 2 }
        var p = start + 2
        for _ in 0..<max(0, fields) {
            guard stream.count - p >= 4 else { return nil }
            let length = Int(stream.int32(at: p))
            p += 4 + max(0, length)
            guard p <= stream.count else { return nil }
        }
        return p
    }

    private mutating func flush() throws -> RowBatch? {
        let count = output.rowEnds.count
        guard count > 0 else { return nil }
        batchBytes = 0
        // A table of no columns: its rows are counted by the encoded part, which holds no cells.
        let batch = RowBatch(columnNames: decoding.map(\.name), columns: cells, firstOrdinal: ordinal, encoded: encoded.isEmpty && !decoding.isEmpty ? nil : output)
        ordinal += Int64(count)
        cells = Self.emptyCells(decoding.count, batchSize)
        output = EncodedCells(format: PostgresBinary.format, columnNames: encoded)
        output.bytes.reserveCapacity(batch.encoded?.bytes.count ?? 0)
        output.rowEnds.reserveCapacity(batchSize)
        return batch
    }
}

/// Batches handed from a reader thread to the pipeline: the thread waits while two are queued.
final class BatchQueue: @unchecked Sendable {
    // @unchecked: every access holds the condition's lock.
    private let condition = NSCondition()
    private var items: [RowBatch] = []
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false
    private var waiter: CheckedContinuation<RowBatch?, any Error>?
    let capacity = 2

    /// Called by the reader thread; false when the consumer gave up.
    func put(_ batch: RowBatch) -> Bool {
        condition.lock()
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            return false
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: batch)
            return true
        }
        items.append(batch)
        condition.unlock()
        return true
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        done = true
        failure = error
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Whether the reader is done (its connection closed), with or without a failure.
    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return done
    }

    func take() async throws -> RowBatch? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<RowBatch?, any Error>) in
            condition.lock()
            if !items.isEmpty {
                let batch = items.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if done {
                let failure = failure
                condition.unlock()
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: nil) }
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// The big-endian integers of the binary COPY layout.
    func int32(at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3]))
    }

    func int16(at offset: Int) -> Int16 {
        Int16(bitPattern: UInt16(self[offset]) << 8 | UInt16(self[offset + 1]))
    }
}
