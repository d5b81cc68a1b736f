import Crypto
import Foundation
import UnderstudyCore

// The C library's socket calls by module name, through Foundation (Glibc on Linux, Darwin on macOS):
// the connection's own `close`, `send` and `shutdown` methods hide the bare names.

/// A minimal PostgreSQL client (protocol 3.0) for COPY: `COPY … TO STDOUT`, which postgres-nio
/// cannot do, and `COPY … FROM STDIN` with the options postgres-nio cannot send (binary, FREEZE)
/// and with an end when the server goes away (postgres-nio's copy leaks its continuation and waits
/// forever when its connection is terminated mid-copy). Reading a table this way costs the client a
/// loop over bytes instead of an asynchronous step per row, which is what brings reading close to
/// the raw-copy limit.
///
/// It speaks only what copying needs: TLS, startup with trust, password, MD5 or SCRAM-SHA-256
/// authentication, simple queries, COPY OUT and COPY IN. It runs on a thread of its own with
/// blocking sockets; every failure, a terminated or lost connection included, ends the call that
/// is waiting with the server's message. Anything it cannot do (another authentication method)
/// makes the adapter fall back to postgres-nio.
final class WireConnection: @unchecked Sendable {
    // @unchecked: used by one thread; `shutdown()` may be called from another, which only
    // interrupts a blocking read.
    struct Failure: Error {
        static let lost = "the connection to the server was lost: its backend was terminated, or the server stopped or cannot be reached"
        var message: String
        /// True when the failure happened before the connection was usable (the caller may fall back).
        var whileConnecting: Bool
    }

    let fd: Int32
    /// Set when the connection is encrypted: NIO then owns the socket.
    private var tls: TLSTransport?
    /// Guards `isClosed`: the socket is closed once, and never shut down after (its number may be reused).
    private let lifecycle = NSLock()
    private var isClosed = false
    private var input: [UInt8] = .init(repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0

    init(url: PostgresURL) throws(Failure) {
        if let directory = url.socketDirectory {
            fd = try Self.connectUnix(path: "\(directory)/.s.PGSQL.\(url.port)")
        } else {
            fd = try Self.connectTCP(host: url.host, port: url.port)
        }
        do {
            if url.usesTLS { try negotiateTLS(url: url) }
            try startup(url: url)
        } catch {
            close(terminate: false)
            throw Failure(message: error.message, whileConnecting: true)
        }
    }

    deinit { close(terminate: false) }

    /// Ends the session (a Terminate message when asked) and closes the socket, once.
    func close(terminate: Bool = true) {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard !isClosed else { return }
        isClosed = true
        if terminate { try? write([UInt8(ascii: "X"), 0, 0, 0, 4]) }
        if let tls { tls.close() } else { Foundation.close(fd) }
    }

    /// Interrupts a blocking read from another thread (the reader then fails and ends).
    func shutdown() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard !isClosed else { return }
        if let tls { tls.close() } else { _ = Foundation.shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// `SSLRequest`; on `S` the connection continues in TLS, on `N` in the clear unless TLS is required.
    private func negotiateTLS(url: PostgresURL) throws(Failure) {
        var request: [UInt8] = []
        request.appendInt32(8)
        request.appendInt32(80_877_103)
        try write(request)
        var answer: UInt8 = 0
        guard Foundation.recv(fd, &answer, 1, 0) == 1 else { throw Failure(message: Failure.lost, whileConnecting: true) }
        if answer == UInt8(ascii: "S") {
            tls = try TLSTransport(fd: fd, url: url)
        } else if url.requiresTLS {
            throw Failure(message: "the server does not accept TLS connections; use sslmode=prefer or sslmode=disable on a trusted network", whileConnecting: true)
        }
    }

    // MARK: connecting

    private static func connectUnix(path: String) throws(Failure) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "cannot create a socket", whileConnecting: true) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Foundation.close(fd)
            throw Failure(message: "the socket path is too long", whileConnecting: true)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            Foundation.close(fd)
            throw Failure(message: "cannot connect to \(path)", whileConnecting: true)
        }
        return fd
    }

    private static func connectTCP(host: String, port: Int) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure(message: "cannot resolve \(host)", whileConnecting: true)
        }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if Foundation.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    return fd
                }
                Foundation.close(fd)
            }
            entry = info.pointee.ai_next
        }
        throw Failure(message: "cannot connect to \(host):\(port)", whileConnecting: true)
    }

    private func startup(url: PostgresURL) throws(Failure) {
        var body: [UInt8] = []
        body.appendInt32(196_608)  // protocol 3.0
        // The run's session settings (UTF-8, ISO dates, UTC) as startup parameters.
        for (name, value) in [("user", url.user), ("database", url.database)] + PostgresSession.settings {
            body.appendCString(name)
            body.appendCString(value)
        }
        body.append(0)
        var message: [UInt8] = []
        message.appendInt32(Int32(body.count + 4))
        message += body
        try write(message)
        var scram: SCRAM?
        while true {
            let (type, payload) = try readMessage()
            switch type {
            case UInt8(ascii: "R"):
                let code = payload.int32(at: payload.startIndex)
                switch code {
                case 0: break
                case 3:
                    guard let password = url.password else { throw Failure(message: "the server asks for a password and the URL has none", whileConnecting: true) }
                    var reply: [UInt8] = []
                    reply.appendCString(password)
                    try send(UInt8(ascii: "p"), reply)
                case 5:
                    guard let password = url.password else { throw Failure(message: "the server asks for a password and the URL has none", whileConnecting: true) }
                    let salt = Array(payload[payload.startIndex + 4 ..< payload.startIndex + 8])
                    let inner = Self.md5Hex(Array((password + url.user).utf8))
                    var reply: [UInt8] = []
                    reply.appendCString("md5" + Self.md5Hex(Array(inner.utf8) + salt))
                    try send(UInt8(ascii: "p"), reply)
                case 10:
                    guard let password = url.password else { throw Failure(message: "the server asks for a password and the URL has none", whileConnecting: true) }
                    let mechanisms = payload.dropFirst(4).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                    guard mechanisms.contains("SCRAM-SHA-256") else { throw Failure(message: "no supported SASL mechanism", whileConnecting: true) }
                    let exchange = SCRAM(password: password)
                    let first = Array(exchange.clientFirst.utf8)
                    var reply: [UInt8] = []
                    reply.appendCString("SCRAM-SHA-256")
                    reply.appendInt32(Int32(first.count))
                    reply += first
                    try send(UInt8(ascii: "p"), reply)
                    scram = exchange
                case 11:
                    guard var exchange = scram, let final = exchange.clientFinal(serverFirst: String(decoding: payload.dropFirst(4), as: UTF8.self)) else {
                        throw Failure(message: "the server's SCRAM challenge is malformed", whileConnecting: true)
                    }
                    try send(UInt8(ascii: "p"), Array(final.utf8))
                    scram = exchange
                case 12:
                    guard let exchange = scram, exchange.verify(serverFinal: String(decoding: payload.dropFirst(4), as: UTF8.self)) else {
                        throw Failure(message: "the server's SCRAM signature does not verify", whileConnecting: true)
                    }
                default:
                    throw Failure(message: "authentication method \(code) is not supported by the COPY reader", whileConnecting: true)
                }
            case UInt8(ascii: "E"):
                throw Failure(message: Self.errorMessage(payload), whileConnecting: true)
            case UInt8(ascii: "Z"):
                return
            default:
                continue  // ParameterStatus, BackendKeyData, NoticeResponse
            }
        }
    }

    static func md5Hex(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: messages

    func writeMessage(_ bytes: [UInt8]) throws(Failure) { try write(bytes) }

    var isPlainSocket: Bool { tls == nil }

    /// Bytes sent as they lie in memory, on a plain socket.
    func writeRaw(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Self.noSignal)
            guard n > 0 else { throw Failure(message: Failure.lost, whileConnecting: false) }
            offset += n
        }
    }

    /// A write to a closed socket fails with EPIPE instead of ending the process (SIGPIPE).
    #if os(Linux)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let noSignal: Int32 = 0  // macOS has no MSG_NOSIGNAL (SO_NOSIGPIPE would do it; macOS is not built or tested here)
    #endif

    private func write(_ bytes: [UInt8]) throws(Failure) {
        if let tls { return try tls.send(bytes) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Self.noSignal) }
            guard n > 0 else { throw Failure(message: Failure.lost, whileConnecting: false) }
            offset += n
        }
    }

    func send(_ type: UInt8, _ body: [UInt8]) throws(Failure) {
        var message: [UInt8] = [type]
        message.reserveCapacity(body.count + 5)
        message.appendInt32(Int32(body.count + 4))
        message += body
        try write(message)
    }

    /// Makes at least `count` bytes available from `start`.
    private func fill(_ count: Int) throws(Failure) {
        if end - start >= count { return }
        if start > 0 {
            input.withUnsafeMutableBytes { raw in
                if end > start { raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: end - start) }
            }
            end -= start
            start = 0
        }
        if count > input.count { input += [UInt8](repeating: 0, count: count - input.count) }
        while end - start < count {
            let filled = end
            var n = 0
            if let tls {
                var failure: Failure?
                input.withUnsafeMutableBytes { raw in
                    do throws(Failure) { n = try tls.receive(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) } catch { failure = error }
                }
                if let failure { throw failure }
            } else {
                n = input.withUnsafeMutableBytes { raw in Foundation.recv(fd, raw.baseAddress! + filled, raw.count - filled, 0) }
            }
            guard n > 0 else { throw Failure(message: Failure.lost, whileConnecting: false) }
            end += n
        }
    }

    /// The next message, or the server's last error (`failure`) when the connection ends instead:
    /// a terminated backend sends its FATAL message, then closes.
    func readMessage(failure: String?) throws(Failure) -> (UInt8, ArraySlice<UInt8>) {
        do {
            return try readMessage()
        } catch {
            throw Failure(message: failure ?? error.message, whileConnecting: false)
        }
    }

    /// The next message: its type and body (valid until the next read).
    func readMessage() throws(Failure) -> (UInt8, ArraySlice<UInt8>) {
        try fill(5)
        let type = input[start]
        let length = Int(input.int32(at: start + 1))
        try fill(1 + length)
        let body = input[(start + 5)..<(start + 1 + length)]
        start += 1 + length
        return (type, body)
    }

    static func errorMessage(_ payload: ArraySlice<UInt8>) -> String {
        for field in payload.split(separator: 0) where field.first == UInt8(ascii: "M") {
            return PostgresSession.withoutValues(String(decoding: field.dropFirst(), as: UTF8.self))
        }
        return "the server reported an error"
    }

    /// Runs statements that return no rows (several, separated by `;`, in one round trip); the
    /// server's message on failure.
    func execute(_ sql: String) throws(Failure) {
        do {
            try copyOut(sql) { _ in true }
        } catch {
            // Only the connection's own failures can come: the closure throws nothing.
            throw error as? Failure ?? Failure(message: "\(error)", whileConnecting: false)
        }
    }

    /// Runs `COPY (…) TO STDOUT` and hands each chunk of copy data to `consume`; returns when the
    /// copy is complete. `consume` returns false to stop early (the connection is then unusable).
    func copyOut(_ sql: String, consume: (ArraySlice<UInt8>) throws -> Bool) throws {
        var body: [UInt8] = []
        body.appendCString(sql)
        try send(UInt8(ascii: "Q"), body)
        var failure: String?
        while true {
            let (type, payload) = try readMessage(failure: failure)
            switch type {
            case UInt8(ascii: "d"):
                if try !consume(payload) { return }
            case UInt8(ascii: "E"):
                failure = Self.errorMessage(payload)
            case UInt8(ascii: "Z"):
                if let failure { throw Failure(message: failure, whileConnecting: false) }
                return
            default:
                continue  // CopyOutResponse, CopyDone, CommandComplete
            }
        }
    }
}

extension WireConnection {
    /// Runs `COPY … FROM STDIN` and sends `data` as its rows, in messages of at most 1 MiB; returns
    /// when the server has stored them, or throws its message (a bad row, a terminated backend).
    func copyIn(_ sql: String, data: UnsafeRawBufferPointer) throws(Failure) {
        var body: [UInt8] = []
        body.appendCString(sql)
        try send(UInt8(ascii: "Q"), body)
        var failure: String?
        // Until the server is ready for data (CopyInResponse), or refuses the statement.
        waiting: while true {
            let (type, payload) = try readMessage(failure: failure)
            switch type {
            case UInt8(ascii: "G"): break waiting
            case UInt8(ascii: "E"): failure = Self.errorMessage(payload)
            case UInt8(ascii: "Z"): throw Failure(message: failure ?? "the server did not start the copy", whileConnecting: false)
            default: continue
            }
        }
        var offset = 0
        let chunk = 1 << 20
        do {
            while offset < data.count {
                let count = min(chunk, data.count - offset)
                try sendCopyData(UnsafeRawBufferPointer(rebasing: data[offset..<(offset + count)]))
                offset += count
            }
            try send(UInt8(ascii: "c"), [])
        } catch {
            // The server may have refused a row and ended the copy (or the backend was terminated):
            // what it said is waiting to be read.
            failure = error.message
        }
        while true {
            let (type, payload) = try readMessage(failure: failure)
            switch type {
            case UInt8(ascii: "E"): failure = Self.errorMessage(payload)
            case UInt8(ascii: "Z"):
                if let failure { throw Failure(message: failure, whileConnecting: false) }
                return
            default: continue  // CommandComplete, notices
            }
        }
    }

    /// One CopyData message; on a plain socket the payload is sent from where it lies (TLS copies it).
    private func sendCopyData(_ payload: UnsafeRawBufferPointer) throws(Failure) {
        var header: [UInt8] = [UInt8(ascii: "d")]
        header.appendInt32(Int32(payload.count + 4))
        guard isPlainSocket else {
            try writeMessage(header + Array(payload))
            return
        }
        try writeMessage(header)
        try writeRaw(payload)
    }
}

/// SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: no channel binding.
struct SCRAM {
    let password: String
    let nonce: String
    var clientFirstBare: String
    var authMessage = ""
    var saltedPassword: [UInt8] = []

    init(password: String) {
        self.password = password
        var bytes = [UInt8](repeating: 0, count: 18)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        nonce = Data(bytes).base64EncodedString()
        clientFirstBare = "n=,r=\(nonce)"
    }

    var clientFirst: String { "n,," + clientFirstBare }

    mutating func clientFinal(serverFirst: String) -> String? {
        var fields: [Character: String] = [:]
        for part in serverFirst.split(separator: ",") where part.count >= 2 {
            fields[part.first!] = String(part.dropFirst(2))
        }
        guard let serverNonce = fields["r"], serverNonce.hasPrefix(nonce), let saltText = fields["s"], let salt = Data(base64Encoded: saltText),
              let iterations = fields["i"].flatMap({ Int($0) }), iterations > 0 else { return nil }
        saltedPassword = Self.pbkdf2(password: Array(password.utf8), salt: Array(salt), iterations: iterations)
        let withoutProof = "c=biws,r=\(serverNonce)"
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof
        let clientKey = Self.hmac(saltedPassword, Array("Client Key".utf8))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let signature = Self.hmac(storedKey, Array(authMessage.utf8))
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        return withoutProof + ",p=" + Data(proof).base64EncodedString()
    }

    func verify(serverFinal: String) -> Bool {
        guard serverFinal.hasPrefix("v="), let expected = Data(base64Encoded: String(serverFinal.dropFirst(2).prefix { $0 != "," })) else { return false }
        let serverKey = Self.hmac(saltedPassword, Array("Server Key".utf8))
        return Array(expected) == Self.hmac(serverKey, Array(authMessage.utf8))
    }

    static func hmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// PBKDF2-HMAC-SHA256 with one output block (32 bytes), as SCRAM-SHA-256 uses it.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<iterations {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in result.indices { result[i] ^= u[i] }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    mutating func appendInt32(_ value: Int32) {
        let v = UInt32(bitPattern: value)
        append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
    }

    mutating func appendCString(_ text: String) {
        append(contentsOf: text.utf8)
        append(0)
    }
}

extension Collection where Element == UInt8, Index == Int {
    func int32(at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3]))
    }

    func int16(at offset: Int) -> Int16 {
        Int16(bitPattern: UInt16(self[offset]) << 8 | UInt16(self[offset + 1]))
    }
}
