package dev.tflm.validation;

import java.util.List;

/**
 * One randomized single-op model, its inputs, and how its output may differ from TF Lite's.
 *
 * @param description what was generated (shapes, window, quantization), for failure messages
 * @param expected the outputs by the op's definition, computed by the generator, for ops TF Lite
 *     2.6.2 lacks; null where TF Lite is the oracle
 */
record OpCase(String description, byte[] model, byte[][] inputs, Tolerance tolerance, List<byte[]> expected) {

    OpCase(String description, byte[] model, byte[][] inputs, Tolerance tolerance) {
        this(description, model, inputs, tolerance, null);
    }

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
