import SamenSROIKernel

/// The SROI draw loop built for x86-64-v3 (AVX2: eight doubles per two instructions where
/// the baseline build does two). This module is compiled with `-march=x86-64-v3` (see
/// Package.swift); the loop's body is `@inlinable` in `SamenSROIKernel`, so it is compiled
/// here again with those instructions. Only call it when `samen_cpu_supports_x86_64_v3()`
/// says the processor has them. The arithmetic is the same operations in the same order
/// (Swift never fuses a multiply and an add by itself), so the ratios are the same bit for bit.
public enum SROIDrawKernelV3 {
    public static func fill(_ kernel: SROIDrawKernel, _ out: UnsafeMutablePointer<Double>, firstDraw: Int,
                            count: Int, seed: UInt64) {
        kernel.fill(out, firstDraw: firstDraw, count: count, seed: seed)
    }
}
