import Foundation
import NIOCore
import UnderstudyCore

/// PostgreSQL's binary COPY format: the file header, and generator output written as the binary
/// form of its column's type. Columns no generator reads arrive already in this form (the binary
/// result format of the source's `SELECT`, which is what each type's receive function reads).
enum PostgresBinary {
    static let format = "postgres-binary"

    /// `PGCOPY\n\377\r\n\0`, no flags, no header extension.
    static func writeHeader(into buffer: inout ByteBuffer) {
        buffer.writeBytes([0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00])
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(UInt32(0))
    }

    static func writeTrailer(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int16(-1))
    }

    /// The binary forms generator output is written in, by the declared type (as `format_type` names it).
    indirect enum Kind: Sendable, Equatable {
        case text, int2, int4, int8, bool, float4, float8, uuid, json, jsonb, bytea, date, timestamp, timestamptz, numeric
        case interval, inet, cidr, macaddr, macaddr8
        /// A one- or more-dimensional array of a built-in element type: its elements' kind and type id.
        case array(Kind, element: UInt32)
    }

    static func kind(of declaredType: String) -> Kind? {
        if declaredType.hasSuffix("[]") {
            let elementType = String(declaredType.dropLast(2))
            guard let element = kind(of: elementType), let oid = elementTypeID(elementType) else { return nil }
            return .array(element, element: oid)
        }
        let base = declaredType.firstIndex(of: "(").map { String(declaredType[..<$0]) } ?? declaredType
        switch base.trimmingCharacters(in: .whitespaces) {
        case "text", "character varying", "character", "bpchar", "varchar", "name": return .text
        case "interval": return .interval
        case "inet": return .inet
        case "cidr": return .cidr
        case "macaddr": return .macaddr
        case "macaddr8": return .macaddr8
        case "smallint": return .int2
        case "integer": return .int4
        case "bigint": return .int8
        case "boolean": return .bool
        case "real": return .float4
        case "double precision": return .float8
        case "uuid": return .uuid
        case "json": return .json
        case "jsonb": return .jsonb
        case "bytea": return .bytea
        case "date": return .date
        case "numeric": return .numeric
        // `timestamp(3) with time zone`: the zone comes after the precision.
        case "timestamp", "timestamp without time zone", "timestamp with time zone":
            return declaredType.hasSuffix(" with time zone") ? .timestamptz : .timestamp
        default: return nil
        }
    }

    /// Whether rows of `table` in `format` with `decoded` columns can be written by binary COPY
    /// into a table created from a schema of `sourceEngine`.
    static func accepts(format: String, decoded: [Column], of table: Table, sourceEngine: DatabaseEngine?) -> Bool {
        guard format == Self.format, sourceEngine == .postgres else { return false }
        return decoded.allSatisfy { kind(of: $0.declaredType) != nil }
    }

    struct EncodingError: Error { var message: String }

    /// Writes one field: the 32-bit length and the binary form of `value` (-1 for NULL).
    static func writeField(_ value: Value, kind: Kind, into buffer: inout ByteBuffer) throws(EncodingError) {
        if case .null = value {
            buffer.writeInteger(Int32(-1))
            return
        }
        func integer(_ bits: Int) throws(EncodingError) -> Int64 {
            let number: Int64? = switch value {
            case .integer(let i): i
            case .real(let d): d.rounded() == d ? Int64(exactly: d) : nil
            case .text(let s): Int64(s)
            default: nil
            }
            guard let number, bits == 64 || (number >= -(1 << (bits - 1)) && number < 1 << (bits - 1)) else {
                let (low, high) = bits == 16 ? (Int64(Int16.min), Int64(Int16.max)) : (Int64(Int32.min), Int64(Int32.max))
                throw EncodingError(message: "a value does not fit a \(bits)-bit integer column (\(low) … \(high)); where a generator wrote it, bound the generator (number.noise's `min:` and `max:`) or give the column another")
            }
            return number
        }
        switch kind {
        case .text, .json:
            writeBytes(Array(value.displayText.utf8), into: &buffer)
        case .jsonb:
            let text = Array(value.displayText.utf8)
            buffer.writeInteger(Int32(text.count + 1))
            buffer.writeInteger(UInt8(1))
            buffer.writeBytes(text)
        case .bytea:
            if case .blob(let bytes) = value { writeBytes(bytes, into: &buffer) } else { writeBytes(Array(value.displayText.utf8), into: &buffer) }
        case .int2:
            buffer.writeInteger(Int32(2))
            buffer.writeInteger(Int16(try integer(16)))
        case .int4:
            buffer.writeInteger(Int32(4))
            buffer.writeInteger(Int32(try integer(32)))
        case .int8:
            buffer.writeInteger(Int32(8))
            buffer.writeInteger(try integer(64))
        case .bool:
            let truth: Bool
            switch value {
            case .integer(let i): truth = i != 0
            case .text(let s) where ["t", "true", "f", "false"].contains(s): truth = s.hasPrefix("t")
            default: throw EncodingError(message: "a value is not a boolean")
            }
            buffer.writeInteger(Int32(1))
            buffer.writeInteger(UInt8(truth ? 1 : 0))
        case .float4, .float8:
            let number: Double
            switch value {
            case .real(let d): number = d
            case .integer(let i): number = Double(i)
            case .text(let s): guard let d = Double(s) else { throw EncodingError(message: "a value is not a number") }; number = d
            default: throw EncodingError(message: "a value is not a number")
            }
            if kind == .float4 {
                buffer.writeInteger(Int32(4))
                buffer.writeInteger(Float(number).bitPattern)
            } else {
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(number.bitPattern)
            }
        case .date:
            buffer.writeInteger(Int32(4))
            buffer.writeInteger(try PostgresTime.days(value.displayText))
        case .timestamp, .timestamptz:
            buffer.writeInteger(Int32(8))
            buffer.writeInteger(try PostgresTime.microseconds(value.displayText, zoned: kind == .timestamptz))
        case .numeric:
            let number = try PostgresNumeric.parse(value.displayText)
            buffer.writeInteger(Int32(8 + 2 * number.digits.count))
            buffer.writeInteger(Int16(number.digits.count))
            buffer.writeInteger(number.weight)
            buffer.writeInteger(number.sign)
            buffer.writeInteger(number.scale)
            for digit in number.digits { buffer.writeInteger(digit) }
        case .uuid:
            let hex = value.displayText.utf8.filter { $0 != UInt8(ascii: "-") }
            guard hex.count == 32 else { throw EncodingError(message: "a value is not a UUID") }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16)
            var i = hex.startIndex
            while i < hex.endIndex {
                guard let high = Hex.value(hex[i]), let low = Hex.value(hex[i + 1]) else { throw EncodingError(message: "a value is not a UUID") }
                bytes.append(high << 4 | low)
                i += 2
            }
            writeBytes(bytes, into: &buffer)
        case .interval:
            let interval = try PostgresInterval.parse(value.displayText)
            buffer.writeInteger(Int32(16))
            buffer.writeInteger(interval.microseconds)
            buffer.writeInteger(interval.days)
            buffer.writeInteger(interval.months)
        case .inet, .cidr:
            let address = try PostgresNetwork.address(value.displayText, cidr: kind == .cidr)
            buffer.writeInteger(Int32(4 + address.bytes.count))
            buffer.writeBytes([address.family, address.bits, kind == .cidr ? 1 : 0, UInt8(address.bytes.count)])
            buffer.writeBytes(address.bytes)
        case .macaddr, .macaddr8:
            writeBytes(try PostgresNetwork.mac(value.displayText, length: kind == .macaddr ? 6 : 8), into: &buffer)
        case .array(let element, let oid):
            try PostgresArray.write(value.displayText, element: element, oid: oid, into: &buffer)
        }
    }

    static func writeBytes(_ bytes: [UInt8], into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int32(bytes.count))
        buffer.writeBytes(bytes)
    }
}
