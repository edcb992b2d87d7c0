package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.BatchMatMulOptionsT;
import dev.tflm.schema.BuiltinOperator;
import java.util.Arrays;

/**
 * Random BATCH_MATMUL cases from a {@link RandomOpCases}' seed: rank 2–4 operands whose batch
 * dimensions broadcast, either operand transposed (adj_x, adj_y), both operands model inputs.
 * int8 is exact: TF Lite 2.6.2's int8 BATCH_MATMUL requantizes with the reference
 * {@code MultiplyByQuantizedMultiplier} (measured: 0 of 1059 elements differed over 40 cases).
 */
final class RandomMatMulCases {
    private RandomMatMulCases() {
    }

    /** float32, or int8 with independent zero points (extremes included) and an output scale fit to depth K. */
    static OpCase batchMatMul(RandomOpCases r, TensorType type) {
        int rank = r.between(2, 4);
        int[] batch = r.shape(rank - 2, 3);
        int[] lhsBatch = batch.clone();
        int[] rhsBatch = batch.clone();
        for (int i = 0; i < batch.length; i++) {
            if (r.random.nextInt(3) == 0) {
                (r.random.nextBoolean() ? lhsBatch : rhsBatch)[i] = 1;
            }
        }
        int rows = r.between(1, 6);
        int depth = r.between(1, 16);
        int cols = r.between(1, 6);
        boolean adjX = r.random.nextBoolean();
        boolean adjY = r.random.nextBoolean();
        int[] lhs = concat(lhsBatch, adjX ? new int[] {depth, rows} : new int[] {rows, depth});
        int[] rhs = concat(rhsBatch, adjY ? new int[] {cols, depth} : new int[] {depth, cols});
        int[] out = concat(batch, new int[] {rows, cols});
        boolean float32 = type == TensorType.FLOAT32;
        float lhsScale = r.scale();
        float rhsScale = r.scale();
        Quantization lq = float32 ? null : Quantization.perTensor(lhsScale, r.zeroPoint());
        Quantization rq = float32 ? null : Quantization.perTensor(rhsScale, r.zeroPoint());
        Quantization oq = float32 ? null : Quantization.perTensor(r.outputScale(lhsScale, rhsScale, depth), r.zeroPoint());
        BatchMatMulOptionsT options = new BatchMatMulOptionsT();
        options.setAdjX(adjX);
        options.setAdjY(adjY);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int a = m.tensor("lhs", type, lq, lhs);
        int b = m.tensor("rhs", type, rq, rhs);
        int output = m.tensor("output", type, oq, out);
        byte[] model = m.build(BuiltinOperator.BATCH_MATMUL, float32 ? 1 : 2, new int[] {a, b}, output, options, a, b);
        return new OpCase("BATCH_MATMUL " + type + " " + Arrays.toString(lhs) + (adjX ? "ᵀ" : "") + " × "
                + Arrays.toString(rhs) + (adjY ? "ᵀ" : "") + (float32 ? "" : " " + lq + " × " + rq + " → " + oq), model,
                new byte[][] {float32 ? r.floats(RandomOpCases.count(lhs), 1) : r.bytes(RandomOpCases.count(lhs)),
                    float32 ? r.floats(RandomOpCases.count(rhs), 1) : r.bytes(RandomOpCases.count(rhs))},
                float32 ? FLOAT_ROUNDING : EXACT);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
