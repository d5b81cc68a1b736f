import Foundation

/// A correlation matrix of normal scores and what sampling needs from it: its Cholesky factor, and
/// for conditional sampling the regression of some dimensions on the others.
struct Correlation: Sendable, Equatable {
    let size: Int
    /// Row-major, symmetric, unit diagonal, positive definite.
    private(set) var matrix: [Double]

    init(identity size: Int) {
        self.size = size
        matrix = (0..<size * size).map { $0 / size == $0 % size ? 1 : 0 }
    }

    /// A correlation matrix from a symmetric estimate that may not be one (pairwise estimates,
    /// noisy estimates under differential privacy): eigenvalues below a floor are raised to it and
    /// the diagonal rescaled to one, which gives a valid matrix close to the estimate.
    init(estimate: [Double], size: Int) {
        self.size = size
        var m = estimate
        for i in 0..<size {
            m[i * size + i] = 1
            for j in 0..<size where j != i {
                let v = m[i * size + j].isFinite ? min(max(m[i * size + j], -1), 1) : 0
                m[i * size + j] = v
            }
        }
        let (values, vectors) = Self.eigen(m, size)
        let floor = 1e-4
        if values.contains(where: { $0 < floor }) {
            var repaired = [Double](repeating: 0, count: size * size)
            for k in 0..<size {
                let lambda = max(values[k], floor)
                for i in 0..<size {
                    for j in 0..<size { repaired[i * size + j] += lambda * vectors[i * size + k] * vectors[j * size + k] }
                }
            }
            for i in 0..<size {
                for j in 0..<size where i != j {
                    repaired[i * size + j] /= (repaired[i * size + i] * repaired[j * size + j]).squareRoot()
                }
            }
            for i in 0..<size { repaired[i * size + i] = 1 }
            m = repaired
        }
        matrix = m
    }

    subscript(_ i: Int, _ j: Int) -> Double { matrix[i * size + j] }

    /// A noisy correlation (differential privacy) with noise of standard deviation `noise`, shrunk
    /// towards 0 by what is known of that noise (post-processing: no budget). Within 2σ of 0 it is
    /// indistinguishable from noise and is 0; beyond, r·(1 − σ²/r²), the positive-part James–Stein
    /// factor, which leaves a correlation far above its noise as it is. Taken as measured, a
    /// table of a few rows got correlations of ±1 from noise alone, and its rows drawn given their
    /// parents went to the ends of every marginal.
    static func shrunk(_ r: Double, noise: Double) -> Double {
        guard r.isFinite, noise.isFinite else { return 0 }
        guard abs(r) > 2 * noise else { return 0 }
        return min(max(r * (1 - noise * noise / (r * r)), -1), 1)
    }

    /// Pearson correlations of the columns of `scores` (each an array of equal length), each pair
    /// over the rows where both are present (NaN marks a missing score: a NULL).
    static func pearson(_ scores: [[Double]]) -> [Double] {
        let size = scores.count
        var m = [Double](repeating: 0, count: size * size)
        for i in 0..<size { m[i * size + i] = 1 }
        guard let n = scores.first?.count, n > 1 else { return m }
        for i in 0..<size {
            for j in (i + 1)..<max(size, i + 1) {
                var count = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
                let x = scores[i], y = scores[j]
                for r in 0..<n where !x[r].isNaN && !y[r].isNaN {
                    count += 1
                    sx += x[r]; sy += y[r]
                    sxx += x[r] * x[r]; syy += y[r] * y[r]; sxy += x[r] * y[r]
                }
                let vx = sxx - sx * sx / max(count, 1), vy = syy - sy * sy / max(count, 1)
                let r = count > 2 && vx > 0 && vy > 0 ? (sxy - sx * sy / count) / (vx * vy).squareRoot() : 0
                m[i * size + j] = r
                m[j * size + i] = r
            }
        }
        return m
    }

    /// The lower-triangular L with L·Lᵀ = the submatrix over `dimensions` (row-major).
    func cholesky(of dimensions: [Int]) -> [Double] {
        Self.cholesky(dimensions.flatMap { i in dimensions.map { j in matrix[i * size + j] } }, dimensions.count)
    }

    static func cholesky(_ a: [Double], _ n: Int) -> [Double] {
        var jitter = 0.0
        while true {
            var l = [Double](repeating: 0, count: n * n)
            var ok = true
            outer: for i in 0..<n {
                for j in 0...i {
                    var sum = a[i * n + j] + (i == j ? jitter : 0)
                    for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                    if i == j {
                        guard sum > 0 else { ok = false; break outer }
                        l[i * n + i] = sum.squareRoot()
                    } else {
                        l[i * n + j] = sum / l[j * n + j]
                    }
                }
            }
            if ok { return l }
            jitter = jitter == 0 ? 1e-10 : jitter * 10
        }
    }

    /// For sampling `target` given `given`: B with E[z_t | z_g] = B·z_g (rows: target), and the
    /// Cholesky factor of the conditional covariance Σ_tt − B·Σ_gt.
    func conditional(target: [Int], given: [Int]) -> (regression: [Double], factor: [Double]) {
        let g = given.count, t = target.count
        guard g > 0 else { return ([], cholesky(of: target)) }
        let sigmaGG = given.flatMap { i in given.map { j in matrix[i * size + j] } }
        let lGG = Self.cholesky(sigmaGG, g)
        // B = Σ_tg Σ_gg⁻¹: solve Σ_gg Bᵀ = Σ_gt column by column.
        var b = [Double](repeating: 0, count: t * g)
        for (row, ti) in target.enumerated() {
            let rhs = given.map { matrix[ti * size + $0] }
            let x = Self.solve(lower: lGG, g, rhs)
            for k in 0..<g { b[row * g + k] = x[k] }
        }
        var conditional = [Double](repeating: 0, count: t * t)
        for (r1, i) in target.enumerated() {
            for (r2, j) in target.enumerated() {
                var v = matrix[i * size + j]
                for k in 0..<g { v -= b[r1 * g + k] * matrix[given[k] * size + j] }
                conditional[r1 * t + r2] = v
            }
        }
        for i in 0..<t {
            for j in 0..<i {
                let v = (conditional[i * t + j] + conditional[j * t + i]) / 2
                conditional[i * t + j] = v
                conditional[j * t + i] = v
            }
        }
        return (b, Self.cholesky(conditional, t))
    }

    /// x with L·Lᵀ·x = b.
    static func solve(lower l: [Double], _ n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { x[i] -= l[k * n + i] * x[k] }
            x[i] /= l[i * n + i]
        }
        return x
    }

    /// Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations.
    static func eigen(_ input: [Double], _ n: Int) -> (values: [Double], vectors: [Double]) {
        var a = input
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i * n + j] * a[i * n + j] } }
            if off < 1e-22 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where abs(a[p * n + q]) > 1e-300 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
