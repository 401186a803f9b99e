#ifndef SAMEN_CPU_H
#define SAMEN_CPU_H

/// Whether this processor runs code built for x86-64-v3 (AVX2, FMA, BMI2, …): the SROI
/// Monte Carlo picks its AVX2 build of the draw loop by it. Swift has no way to ask the
/// processor, so this asks the compiler's own `__builtin_cpu_supports` (it also knows
/// whether the operating system saves the AVX registers). Always 0 off x86-64.
#if defined(__x86_64__)
static inline int samen_cpu_supports_x86_64_v3(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("x86-64-v3");
}
#else
static inline int samen_cpu_supports_x86_64_v3(void) { return 0; }
#endif

#endif
