import ArgumentParser
import Foundation
import UnderstudyCore

/// `understudy fpe encrypt|decrypt`: FF1 / FF3-1 on the command line, for checking against other
/// implementations and for authorized re-identification.
struct FPECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fpe",
        abstract: "Format-preserving encryption (FF1, FF3-1; NIST SP 800-38G Rev. 1) of values given on the command line.",
        discussion: "Prints one result per line. Without VALUE arguments, reads one value per line from standard input.",
        subcommands: [Encrypt.self, Decrypt.self])

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case ff1
        case ff3_1 = "ff3-1"
    }

    struct Options: ParsableArguments {
        @Option(help: "ff1 or ff3-1.")
        var alg: Algorithm

        @Option(help: "The AES key in hex: 32, 48 or 64 digits.")
        var key: String

        @Option(help: "The tweak in hex (FF1: any length up to 256 bytes, default empty; FF3-1: 14 digits).")
        var tweak = ""

        @Option(help: "The radix (2…65536); defaults to the alphabet's length.")
        var radix: Int?

        @Option(help: "The numerals' characters, in order (default: the first RADIX of 0-9a-zA-Z).")
        var alphabet: String?

        @Argument(help: "The values.")
        var values: [String] = []

        func run(decrypting: Bool) throws {
            let alphabet: FPEAlphabet
            do {
                if let text = self.alphabet {
                    alphabet = try FPEAlphabet(text)
                    if let radix, radix != alphabet.radix {
                        throw UsageError(message: "--radix \(radix) does not match the alphabet's \(alphabet.radix) characters; give one or make them agree")
                    }
                } else if let radix {
                    alphabet = try FPEAlphabet.standard(radix: radix)
                } else {
                    throw UsageError(message: "give --radix N or --alphabet CHARS")
                }
                let keyBytes = try Hex.bytes(key, what: "key")
                let tweakBytes = try Hex.bytes(tweak, what: "tweak")
                let transform: ([UInt16]) throws(FPEError) -> [UInt16]
                switch alg {
                case .ff1:
                    let cipher = try FF1(key: keyBytes, radix: alphabet.radix)
                    transform = decrypting ? { x throws(FPEError) in try cipher.decrypt(x, tweak: tweakBytes) } : { x throws(FPEError) in try cipher.encrypt(x, tweak: tweakBytes) }
                case .ff3_1:
                    let cipher = try FF3_1(key: keyBytes, radix: alphabet.radix)
                    transform = decrypting ? { x throws(FPEError) in try cipher.decrypt(x, tweak: tweakBytes) } : { x throws(FPEError) in try cipher.encrypt(x, tweak: tweakBytes) }
                }
                var output = ""
                let inputs = values.isEmpty ? AnyIterator { readLine() }.map { $0 } : values
                for (i, value) in inputs.enumerated() {
                    do {
                        output += alphabet.text(try transform(try alphabet.numerals(value))) + "\n"
                    } catch {
                        throw FPEError(error.code, "value \(i + 1): \(error.message)")
                    }
                    if output.utf8.count > 1 << 16 {
                        print(output, terminator: "")
                        output = ""
                    }
                }
                print(output, terminator: "")
            } catch let error as FPEError where [.invalidKey, .invalidRadix, .invalidAlphabet, .invalidTweak, .invalidHex].contains(error.code) {
                throw UsageError(message: error.message)
            }
        }
    }

    struct Encrypt: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Encrypt values.")
        @OptionGroup var options: Options
        func run() throws { try options.run(decrypting: false) }
    }

    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decrypt values.")
        @OptionGroup var options: Options
        func run() throws { try options.run(decrypting: true) }
    }
}
