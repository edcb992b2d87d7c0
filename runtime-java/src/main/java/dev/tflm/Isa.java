package dev.tflm;

import static dev.tflm.bindings.tflm_h.tflm_isa_name;

import dev.tflm.bindings.NativeLibrary;

/** Instruction set levels of the x86-64 SIMD kernels (tflm_isa), each including the ones before it. */
public enum Isa {
    /** Options only: whatever the CPU and OS support. */
    BEST(0),
    /** Portable C: the reference kernels. */
    SCALAR(1),
    AVX2(2),
    AVX512(3),
    AVX512_VNNI(4);

    private final int code;

    Isa(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The runtime's name for the level: "scalar", "avx2", "avx512", "avx512-vnni", "best". */
    public String label() {
        NativeLibrary.load();
        return tflm_isa_name(code).getString(0);
    }

    public static Isa of(int code) {
        for (Isa isa : values()) {
            if (isa.code == code) {
                return isa;
            }
        }
        throw new IllegalArgumentException("unknown tflm_isa " + code);
    }
}
