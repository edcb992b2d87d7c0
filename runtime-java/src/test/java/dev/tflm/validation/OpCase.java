package dev.tflm.validation;

/**
 * One randomized single-op model, its inputs, and how its output may differ from TF Lite's.
 *
 * @param description what was generated (shapes, window, quantization), for failure messages
 */
record OpCase(String description, byte[] model, byte[][] inputs, Tolerance tolerance) {

    /** How our output is compared with TF Lite's. */
    enum Tolerance {
        /** Equal bytes. */
        EXACT,
        /**
         * int8 elements within one step: TF Lite's optimized integer FC / conv kernels requantize
         * some accumulators one step away from the reference. Differences are counted.
         */
        REQUANTIZATION,
        /**
         * float32 within {@link TfLiteOpDifferentialTest#FLOAT_TOLERANCE} × max(1, |expected|):
         * the same terms summed (or exponentiated) in a different order or by a different routine.
         */
        FLOAT_ROUNDING
    }
}
