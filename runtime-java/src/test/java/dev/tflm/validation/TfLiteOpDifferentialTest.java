package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.oracle.TfLiteOracle;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Randomized single-op models (built with the project's writer from a fixed seed per op family,
 * for every kernel of the library: {@link RandomOpFamilies}) run on our runtime and on TF Lite
 * 2.6.2 (builtin kernels, one thread), outputs compared:
 * <ul>
 *   <li>int8 FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D: within one step. TF Lite's optimized
 *       integer kernels requantize the int32 accumulator with their own fixed-point sequence,
 *       which sometimes lands one step from the reference {@code MultiplyByQuantizedMultiplier}
 *       (golden/README.md). How often it happens is printed per op.</li>
 *   <li>float32 FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, SOFTMAX, SVDF: within
 *       {@value #FLOAT_TOLERANCE} × max(1, |expected|). The terms are the same but TF Lite sums
 *       them in another order (blocked GEMM, vectorized lanes) and SOFTMAX uses another exp: each
 *       of the at most 150 additions of values of magnitude ≲ 10 may round differently by half an
 *       ulp of the partial sum (≤ 2^-24 × 16), far below the bound.</li>
 *   <li>Everything else exact: int8 pooling, ADD and MUL (with broadcasting), SOFTMAX, SVDF
 *       (int16 weights_time and state; TF Lite takes it with a RELU activation only, which
 *       neither applies to int8 outputs), QUANTIZE, requantization and DEQUANTIZE follow the same
 *       integer or single-rounding arithmetic in both; float ADD and MUL are one rounding;
 *       MAX_POOL and RESHAPE only move values.</li>
 * </ul>
 * The families of the new kernels (issue 9: element-wise, comparisons, data movement, reductions,
 * BATCH_MATMUL, TRANSPOSE_CONV, 16x8 FULLY_CONNECTED and CONV_2D) say per generator how they compare
 * and which TF Lite deviations they avoid or allow, as measured (RandomElementwiseCases,
 * RandomShapeCases, RandomMatMulCases, RandomOpFamilies). float32 NaN equals any NaN, infinities
 * must be equal. Each family prints its seed and case count.
 * A configuration TF Lite rejects is skipped with its message printed; an op family where TF Lite
 * rejected every case fails. Ops TF Lite 2.6.2 lacks (SIGN, RELU_0_TO_1, BROADCAST_ARGS,
 * DYNAMIC_UPDATE_SLICE, REDUCE_ALL) are compared with their definitions, which their generators
 * compute (RandomDefinedCases).
 */
class TfLiteOpDifferentialTest {
    static final double FLOAT_TOLERANCE = 1e-5;
    private static final int CASES_PER_OP = 40;
    private static final long SEED = 0x7f1e_2026L;

    @TestFactory
    Stream<DynamicTest> opsAgreeWithTfLite() {
        return RandomOpFamilies.tests(SEED, TfLiteOpDifferentialTest::checkOp);
    }

    private static void checkOp(RandomOpFamilies.Family op, long seed) {
        RandomOpCases cases = new RandomOpCases(seed);
        Deviation deviation = Deviation.NONE;
        double worstFloat = 0;
        int skipped = 0;
        for (int n = 0; n < CASES_PER_OP; n++) {
            OpCase c = op.generator().apply(cases);
            String what = op.name() + " case " + n + ": " + c.description();
            List<byte[]> expected;
            if (c.expected() != null) {
                expected = c.expected(); // an op TF Lite 2.6.2 lacks: its definition
            } else {
                try {
                    expected = TfLiteOracle.run(c.model(), c.inputs(), TfLiteOracle.Options.defaults()).outputData();
                } catch (TfLiteOracle.ModelRejectedException e) {
                    skipped++;
                    System.out.println("skipped " + what + ": " + e.getMessage());
                    continue;
                }
            }
            List<byte[]> outputs = OurRuntime.run(c.model(), c.inputs());
            assertEquals(expected.size(), outputs.size(), what + ": output count");
            for (int o = 0; o < outputs.size(); o++) {
                byte[] want = expected.get(o);
                byte[] got = outputs.get(o);
                String where = outputs.size() == 1 ? what : what + ", output " + o;
                switch (c.tolerance()) {
                    case EXACT -> assertArrayEquals(want, got, where);
                    case REQUANTIZATION -> {
                        Deviation.assertInt8Within(want, got, 1, () -> where);
                        deviation = deviation.plus(Deviation.int8(want, got));
                    }
                    case FLOAT_ROUNDING -> worstFloat = Math.max(worstFloat,
                            Deviation.assertFloat32Within(want, got, FLOAT_TOLERANCE, () -> where));
                }
            }
        }
        System.out.printf("%s (seed %#x): %d cases, %d skipped (rejected by TF Lite)%s%n", op.name(), seed,
                CASES_PER_OP, skipped,
                switch (op.generator().apply(new RandomOpCases(seed)).tolerance()) {
                    case EXACT -> ", all outputs equal";
                    case REQUANTIZATION -> ", " + deviation;
                    case FLOAT_ROUNDING -> String.format(", largest |diff| / max(1, |expected|) %.3g", worstFloat);
                });
        assertTrue(skipped < CASES_PER_OP, op.name() + ": TF Lite rejected every case");
    }
}
