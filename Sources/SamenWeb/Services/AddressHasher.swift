import Crypto
import Foundation

/// A participant's client address, kept only as HMAC-SHA256 under a server key and the
/// conversation id, so the database holds no address (no personal data): without the key
/// the hash cannot be tried against the few billion possible addresses, and one address
/// gives unrelated hashes in different conversations.
///
/// The key is `SAMEN_ADDRESS_KEY` (set it, the same on every app server, for counts that
/// hold across servers and restarts); without it a random key per process is used, so
/// after a restart an address counts as new (which errs towards privacy, not towards the cap).
enum AddressHasher {
    static let key: SymmetricKey = {
        if let configured = ProcessInfo.processInfo.environment["SAMEN_ADDRESS_KEY"], configured.utf8.count >= 16 {
            return SymmetricKey(data: SHA256.hash(data: Data(configured.utf8)))
        }
        return SymmetricKey(size: .bits256)
    }()

    static func hash(_ address: String, conversationID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data((conversationID + "\u{0}" + address).utf8), using: key)
            .map { String(format: "%02x", $0) }.joined()
    }
}
