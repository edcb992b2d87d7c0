package dev.tflm;

/** Which kernels an interpreter runs (tflm_kernel_set). */
public enum KernelSet {
    /** SIMD kernels where the CPU has them; byte-identical to the reference ones. */
    OPTIMIZED(0),
    /** The portable reference kernels only: the specification. */
    REFERENCE(1);

    private final int code;

    KernelSet(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
