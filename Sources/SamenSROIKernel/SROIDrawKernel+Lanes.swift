/// The draw loop on SIMD lanes (`@inlinable`: see `SROIDrawKernel`): `Lanes.scalarCount` consecutive draws at once, row by row.
/// Every lane does the same operations in the same order as the one-draw loop (`fillOneByOne`), so
/// the ratios are the same bit for bit; a year past a lane's drawn duration adds nothing to
/// that lane (its total is kept, not added to), which also removes the mispredicted exit of
/// the year loop, and the triangular distribution's side is a lane mask, not a branch.
extension SROIDrawKernel {
    public typealias Lanes = SIMD4<Double>
    public typealias StateLanes = SIMD4<UInt64>
    public typealias MaskLanes = SIMD4<Int64>

    /// Fills `count` ratios (a multiple of `Lanes.scalarCount`) starting at draw `firstDraw`.
    @inlinable @inline(__always)
    public func fillLanes(_ out: UnsafeMutablePointer<Double>, firstDraw: Int, count: Int, seed: UInt64) {
        guard count > 0 else { return }
        let perDraw = UInt64(rows.count * width)
        let width = width, inputs = inputs
        let laneOffsets = StateLanes(0..<UInt64(Lanes.scalarCount)) &* (perDraw &* Self.gamma)
        let gamma = StateLanes(repeating: Self.gamma)
        let values = UnsafeMutablePointer<Lanes>.allocate(capacity: width)
        defer { values.deallocate() }
        cells.withUnsafeBufferPointer { cells in
            rows.withUnsafeBufferPointer { rows in
                factors.withUnsafeBufferPointer { factors in
                    var group = 0
                    while group < count {
                        var state = StateLanes(repeating: seed &+ UInt64(firstDraw + group) &* perDraw &* Self.gamma)
                            &+ laneOffsets
                        var total = Lanes(repeating: 0)
                        for row in rows {
                            if let fixed = row.fixedPresentValue {
                                state &+= gamma &* StateLanes(repeating: UInt64(width))
                                total += Lanes(repeating: fixed)
                                continue
                            }
                            for slot in 0..<width {
                                state &+= gamma
                                let cell = cells[row.firstCell + slot]
                                values[slot] = cell.ranged ? Self.triangular(cell, u: Self.unit(state)) : Lanes(repeating: cell.mode)
                            }
                            total += Self.presentValue(values, row: row, factors: factors.baseAddress!)
                        }
                        let ratios = total / inputs
                        for lane in 0..<Lanes.scalarCount { out[group + lane] = ratios[lane] }
                        group += Lanes.scalarCount
                    }
                }
            }
        }
    }

    @inlinable @inline(__always)
    public static func unit(_ state: StateLanes) -> Lanes {
        var z = state
        z = (z ^ (z &>> 30)) &* StateLanes(repeating: 0xBF58_476D_1CE4_E5B9)
        z = (z ^ (z &>> 27)) &* StateLanes(repeating: 0x94D0_49BB_1331_11EB)
        let bits = (z ^ (z &>> 31)) &>> 11
        // The 53-bit integer as a Double, exactly and without a scalar conversion: each
        // 26/27-bit half ORed into the mantissa of 2^52, minus 2^52.
        let magic = StateLanes(repeating: 0x4330_0000_0000_0000), twoTo52 = Lanes(repeating: 0x1p52)
        let high = unsafeBitCast((bits &>> 26) | magic, to: Lanes.self) - twoTo52
        let low = unsafeBitCast((bits & StateLanes(repeating: (1 << 26) - 1)) | magic, to: Lanes.self) - twoTo52
        return (high * Lanes(repeating: 0x1p26) + low) * Lanes(repeating: 0x1p-53)
    }

    /// All ones where a < b, for a and b that are not negative (their bit patterns then
    /// order as integers do), without a branch per lane.
    @inlinable @inline(__always)
    public static func less(_ a: Lanes, _ b: Lanes) -> MaskLanes {
        (unsafeBitCast(a, to: MaskLanes.self) &- unsafeBitCast(b, to: MaskLanes.self)) &>> 63
    }

    /// `a` where the mask is all ones, `b` elsewhere.
    @inlinable @inline(__always)
    public static func select(_ mask: MaskLanes, _ a: Lanes, _ b: Lanes) -> Lanes {
        let a = unsafeBitCast(a, to: MaskLanes.self), b = unsafeBitCast(b, to: MaskLanes.self)
        return unsafeBitCast((a & mask) | (b & ~mask), to: Lanes.self)
    }

    @inlinable @inline(__always)
    public static func triangular(_ cell: Cell, u: Lanes) -> Lanes {
        let left = less(u, Lanes(repeating: cell.threshold))
        let side = select(left, u, 1 - u)
        let span = select(left, Lanes(repeating: cell.lowSpan), Lanes(repeating: cell.highSpan))
        let root = (side * cell.width * span).squareRoot()
        return select(left, cell.low + root, cell.high - root)
    }

    @inlinable @inline(__always)
    public static func presentValue(_ v: UnsafePointer<Lanes>, row: Row, factors: UnsafePointer<Double>) -> Lanes {
        let one = Lanes(repeating: 1), hundred = Lanes(repeating: 100)
        let deadweight: Lanes = one - v[3] / hundred, displacement: Lanes = one - v[4] / hundred
        let attribution: Lanes = one - v[5] / hundred
        let quantityTimesProxy: Lanes = v[0] * v[1]
        var impact: Lanes = quantityTimesProxy * deadweight * displacement * attribution
        let remaining: Lanes = one - v[6] / hundred
        let duration = v[2]
        var total = Lanes(repeating: 0)
        var year = 0
        while Double(year) < row.maxDuration {
            let elapsed = Lanes(repeating: Double(year))
            let left: Lanes = duration - elapsed
            // min(1, left); a lane whose left is negative is past its duration and adds nothing.
            let fraction: Lanes = select(less(left, one), left, one)
            let term: Lanes = impact * fraction * factors[row.start + year]
            total = select(less(elapsed, duration), total + term, total)
            impact *= remaining
            year += 1
        }
        return total
    }
}
