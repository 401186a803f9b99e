import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare TCP connection to the test server, for what an HTTP client library will not do:
/// announce a large body, send only its first bytes, and see whether the server answers
/// without waiting for the rest (that is, without reading the body).
final class RawHTTPConnection: @unchecked Sendable {
    private let socket: Int32

    init(port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0, let first = list else { throw Failure("resolve") }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0, connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                socket = fd
                return
            }
            if fd >= 0 { close(fd) }
            candidate = info.pointee.ai_next
        }
        throw Failure("connect")
    }

    deinit { close(socket) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure("send") }
            offset += sent
        }
    }

    /// `readHead` on a thread of its own: a blocking read on one of the few cooperative
    /// threads (two on a 2-core machine) would starve the server under test of the thread it
    /// needs to answer, and the test would then blame the server.
    func head(timeout: Int) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readHead(timeout: timeout)) }
        }
    }

    /// The status line and headers of the answer, or nil when none came within `timeout` seconds.
    func readHead(timeout: Int) -> String? {
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
            let n = recv(socket, &buffer, buffer.count, 0)
            guard n > 0 else { return received.isEmpty ? nil : String(decoding: received, as: UTF8.self) }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    struct Failure: Error {
        let what: String
        init(_ what: String) { self.what = what }
    }
}
