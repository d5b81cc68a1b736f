import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import UnderstudyCore

extension PostgresURL {
    /// Whether connections use TLS: never over a unix socket (as libpq), never with `disable`.
    var usesTLS: Bool { socketDirectory == nil && sslMode != "disable" }

    /// Whether a server that refuses TLS must be refused too.
    var requiresTLS: Bool { usesTLS && sslMode != "prefer" }

    /// The TLS context of `sslmode`: `prefer` and `require` encrypt without checking the
    /// certificate, `verify-ca` checks it against the trusted CAs (`sslrootcert`, or the system's),
    /// `verify-full` also checks that it names the host.
    func tlsContext() throws(AdapterError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case "verify-full": configuration.certificateVerification = .fullVerification
        case "verify-ca": configuration.certificateVerification = .noHostnameVerification
        default: configuration.certificateVerification = .none
        }
        if let sslRootCert { configuration.trustRoots = .file(sslRootCert) }
        do {
            if let sslCert, let sslKey {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(sslCert).map { .certificate($0) }
                if let sslPassword {
                    let passphrase = Array(sslPassword.utf8)
                    configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: sslKey, format: .pem) { set in set(passphrase) })
                } else {
                    configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: sslKey, format: .pem))
                }
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw AdapterError(
                code: .cannotOpen, message: "cannot set up TLS; check sslrootcert, sslcert and sslkey (an encrypted key needs its passphrase as sslpassword)",
                place: description, underlying: "\(error)")
        }
    }
}

/// A TLS connection for the blocking ``WireConnection``: NIO and NIOSSL run the TLS on an event
/// loop; the bytes meet the reader's thread in a buffer of at most a few megabytes (reads from the
/// socket pause while it is full, so the server waits for a slow reader as with a plain socket).
final class TLSTransport: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: the buffer and flags are guarded by `condition`; `context` is used on the event loop only.
    typealias InboundIn = ByteBuffer

    private let condition = NSCondition()
    private var buffered: [UInt8] = []
    private var start = 0
    private var closed = false
    private var failure: String?
    private var readPaused = false
    private var channel: Channel?
    static let limit = 4 << 20

    /// Takes over `fd`, a connected socket whose server accepted `SSLRequest`, and runs the handshake.
    init(fd: Int32, url: PostgresURL) throws(WireConnection.Failure) {
        let context: NIOSSLContext
        do { context = try url.tlsContext() } catch { throw WireConnection.Failure(message: error.description, whileConnecting: true) }
        // A name is sent (SNI) and checked; an IP address is checked against the peer's address instead.
        let hostname = Self.isIPAddress(url.host) ? nil : url.host
        do {
            channel = try ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(ChannelOptions.autoRead, value: false)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: hostname))
                        try channel.pipeline.syncOperations.addHandler(self)
                    }
                }
                .withConnectedSocket(fd).wait()
        } catch {
            throw WireConnection.Failure(message: "TLS: \(error)", whileConnecting: true)
        }
    }

    /// Whether `host` is an IPv4 or IPv6 address, not a name (`2ndquadrant.com` starts with a digit too).
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { context.read() }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        context.read()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        condition.lock()
        bytes.withUnsafeReadableBytes { buffered.append(contentsOf: $0) }
        condition.signal()
        condition.unlock()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        condition.lock()
        let full = buffered.count - start >= Self.limit
        readPaused = full
        condition.unlock()
        if !full { context.read() }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        condition.lock()
        if failure == nil { failure = "TLS: \(error)" }
        condition.signal()
        condition.unlock()
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    func send(_ bytes: [UInt8]) throws(WireConnection.Failure) {
        guard let channel else { throw WireConnection.Failure(message: WireConnection.Failure.lost, whileConnecting: false) }
        do {
            try channel.writeAndFlush(ByteBuffer(bytes: bytes)).wait()
        } catch {
            condition.lock()
            let message = failure ?? WireConnection.Failure.lost
            condition.unlock()
            throw WireConnection.Failure(message: message, whileConnecting: false)
        }
    }

    /// Copies at most `into.count` bytes; waits while none are there.
    func receive(into target: UnsafeMutableRawBufferPointer) throws(WireConnection.Failure) -> Int {
        condition.lock()
        while buffered.count == start && !closed && failure == nil { condition.wait() }
        if buffered.count == start {
            let message = failure ?? WireConnection.Failure.lost
            condition.unlock()
            throw WireConnection.Failure(message: message, whileConnecting: false)
        }
        let n = min(target.count, buffered.count - start)
        buffered.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<(start + n)])) }
        start += n
        if start == buffered.count {
            buffered.removeAll(keepingCapacity: true)
            start = 0
        }
        let resume = readPaused && buffered.count - start < Self.limit
        if resume { readPaused = false }
        condition.unlock()
        if resume { channel?.read() }
        return n
    }

    func close() {
        channel?.close(promise: nil)
    }
}
