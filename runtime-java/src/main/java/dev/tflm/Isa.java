package dev.tflm;

import static dev.tflm.bindings.tflm_h.tflm_isa_name;

import dev.tflm.bindings.NativeLibrary;

/**
 * Instruction set levels of the SIMD kernels (tflm_isa), in two families whose levels each
 * include the ones before them: x86-64 ({@code SCALAR < AVX2 < AVX512 < AVX512_VNNI}, read from
 * CPUID) and Cortex-M ({@code SCALAR < ARM_DSP < ARM_MVE}, fixed when the firmware is compiled).
 * A build knows SCALAR and its own family's levels; an interpreter asked for another family's
 * level fails with INVALID_ARGUMENT.
 */
public enum Isa {
    /** Options only: whatever the CPU and OS support. */
    BEST(0, Family.BOTH),
    /** Portable C: the reference kernels. */
    SCALAR(1, Family.BOTH),
    /** AVX2 and FMA. */
    AVX2(2, Family.X86),
    /** AVX-512 F, BW, VL. */
    AVX512(3, Family.X86),
    /** AVX-512 F, BW, VL and VNNI. */
    AVX512_VNNI(4, Family.X86),
    /** The Cortex-M DSP extension (SMLAD, SXTB16 and the other packed 16-bit operations). */
    ARM_DSP(5, Family.ARM),
    /** Helium, the M-profile Vector Extension (Cortex-M55 and later). */
    ARM_MVE(6, Family.ARM);

    private enum Family { BOTH, X86, ARM }

    private final int code;
    private final Family family;

    Isa(int code, Family family) {
        this.code = code;
        this.family = family;
    }

    public int code() {
        return code;
    }

    /** The runtime's name for the level: "scalar", "avx2", ..., "arm-dsp", "arm-mve", "best". */
    public String label() {
        NativeLibrary.load();
        return tflm_isa_name(code).getString(0);
    }

    /**
     * Whether kernels at this level may use {@code level}: a level of the same family that is not
     * higher, or SCALAR. BEST includes every level.
     */
    public boolean includes(Isa level) {
        if (this == BEST || level == SCALAR) {
            return true;
        }
        return level != BEST && level.family == family && level.code <= code;
    }

    public static Isa of(int code) {
        for (Isa isa : values()) {
            if (isa.code == code) {
                return isa;
            }
        }
        throw new IllegalArgumentException("unknown tflm_isa " + code);
    }

    /** The level whose {@link #label} is {@code label}. */
    public static Isa ofLabel(String label) {
        for (Isa isa : values()) {
            if (isa.label().equals(label)) {
                return isa;
            }
        }
        throw new IllegalArgumentException("unknown ISA level '" + label + "'");
    }
}
