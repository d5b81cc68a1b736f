/// The Luhn (mod 10) check digit of card numbers.
public enum Luhn {
    /// The check digit to append to `digits` (most significant first).
    public static func checkDigit(for digits: [Int]) -> Int {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            let v = i % 2 == 0 ? d * 2 : d
            sum += v > 9 ? v - 9 : v
        }
        return (10 - sum % 10) % 10
    }

    public static func isValid(_ digits: [Int]) -> Bool {
        guard let last = digits.last, digits.count >= 2 else { return false }
        return checkDigit(for: Array(digits.dropLast())) == last
    }
}
