package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.CastOptionsT;
import dev.tflm.schema.ShapeOptionsT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Random cases of ops that make, convert or combine values outside the arithmetic families:
 * LOGICAL_AND / LOGICAL_OR / LOGICAL_NOT, SELECT, CAST, PRELU, BROADCAST_TO, FILL, SHAPE, ADD_N,
 * EMBEDDING_LOOKUP, POW and int8 LOGISTIC.
 */
final class RandomValueCases {
    private RandomValueCases() {
    }

    /** LOGICAL_AND or LOGICAL_OR of two broadcast BOOL inputs. */
    static OpCase logicalBinary(RandomOpCases r, int builtin) {
        int[][] shapes = r.broadcastShapes();
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int a = m.tensor("a", TensorType.BOOL, null, shapes[0]);
        int b = m.tensor("b", TensorType.BOOL, null, shapes[1]);
        int output = m.tensor("output", TensorType.BOOL, null, shapes[2]);
        byte[] model = m.build(builtin, 1, new int[] {a, b}, output, null, a, b);
        return new OpCase(BuiltinOperator.name(builtin) + " " + Arrays.toString(shapes[0]) + ", "
                + Arrays.toString(shapes[1]), model,
                new byte[][] {r.bools(RandomOpCases.count(shapes[0])), r.bools(RandomOpCases.count(shapes[1]))},
                EXACT);
    }

    /** LOGICAL_NOT of a BOOL input of rank 1–5. */
    static OpCase logicalNot(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 5), 4);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.BOOL, null, shape);
        int output = m.tensor("output", TensorType.BOOL, null, shape);
        byte[] model = m.build(BuiltinOperator.LOGICAL_NOT, 1, new int[] {input}, output, null, input);
        return new OpCase("LOGICAL_NOT " + Arrays.toString(shape), model,
                new byte[][] {r.bools(RandomOpCases.count(shape))}, EXACT);
    }

    /**
     * SELECT (version 1): a BOOL condition shaped like the values, or a vector over their first
     * dimension, which picks whole rows.
     */
    static OpCase select(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int[] condition = r.random.nextBoolean() ? shape : new int[] {shape[0]};
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int c = m.tensor("condition", TensorType.BOOL, null, condition);
        int a = m.tensor("a", type, q, shape);
        int b = m.tensor("b", type, q, shape);
        int output = m.tensor("output", type, q, shape);
        byte[] model = m.build(BuiltinOperator.SELECT, type == TensorType.FLOAT32 ? 1 : 2, new int[] {c, a, b},
                output, null, c, a, b);
        int count = RandomOpCases.count(shape);
        return new OpCase("SELECT " + type + " " + Arrays.toString(shape) + " condition "
                + Arrays.toString(condition), model, new byte[][] {r.bools(RandomOpCases.count(condition)),
                    RandomShapeCases.values(r, type, count), RandomShapeCases.values(r, type, count)}, EXACT);
    }

    /** CAST between FLOAT32 and INT32 (truncation toward zero, as C converts). */
    static OpCase cast(RandomOpCases r, TensorType from, TensorType to) {
        int[] shape = r.shape(r.between(1, 4), 4);
        CastOptionsT options = new CastOptionsT();
        options.setInDataType((byte) from.code());
        options.setOutDataType((byte) to.code());
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", from, null, shape);
        int output = m.tensor("output", to, null, shape);
        byte[] model = m.build(BuiltinOperator.CAST, 1, new int[] {input}, output, options, input);
        int count = RandomOpCases.count(shape);
        byte[] values = from == TensorType.FLOAT32 ? r.floats(count, 100) : ints(r, count);
        return new OpCase("CAST " + from + " → " + to + " " + Arrays.toString(shape), model, new byte[][] {values},
                EXACT);
    }

    /** PRELU of a float32 NHWC input with alpha over channels, or a broadcastable alpha. */
    static OpCase prelu(RandomOpCases r) {
        int[] shape = r.shape(4, 4);
        int[] alpha = r.random.nextBoolean() ? new int[] {shape[3]} : new int[] {1, 1, shape[3]};
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, shape);
        int a = m.constant("alpha", TensorType.FLOAT32, null, r.floats(shape[3], 1), alpha);
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(BuiltinOperator.PRELU, 1, new int[] {input, a}, output, null, input);
        return new OpCase("PRELU float32 " + Arrays.toString(shape) + " alpha " + Arrays.toString(alpha), model,
                new byte[][] {r.floats(RandomOpCases.count(shape), 4)}, EXACT);
    }

    /** BROADCAST_TO of a broadcastable input to a rank 1–4 shape. */
    static OpCase broadcastTo(RandomOpCases r, TensorType type) {
        int[][] shapes = r.broadcastShapes();
        int[] target = shapes[2];
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shapes[0]);
        int s = m.constant("shape", TensorType.INT32, null, SingleOpModel.ints(target), target.length);
        int output = m.tensor("output", type, q, target);
        byte[] model = m.build(BuiltinOperator.BROADCAST_TO, type == TensorType.FLOAT32 ? 2 : 3,
                new int[] {input, s}, output, null, input);
        return new OpCase("BROADCAST_TO " + type + " " + Arrays.toString(shapes[0]) + " → "
                + Arrays.toString(target), model,
                new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shapes[0]))}, EXACT);
    }

    /** FILL of a constant rank 1–4 shape with a run-time float32 scalar. */
    static OpCase fill(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 4), 4);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int dims = m.constant("dims", TensorType.INT32, null, SingleOpModel.ints(shape), shape.length);
        int value = m.tensor("value", TensorType.FLOAT32, null);
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(BuiltinOperator.FILL, 1, new int[] {dims, value}, output, null, value);
        return new OpCase("FILL float32 " + Arrays.toString(shape), model, new byte[][] {r.floats(1, 100)}, EXACT);
    }

    /** SHAPE of a rank 1–5 float32 input, as INT32. */
    static OpCase shape(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 5), 4);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, shape);
        int output = m.tensor("output", TensorType.INT32, null, shape.length);
        ShapeOptionsT options = new ShapeOptionsT();
        options.setOutType((byte) TensorType.INT32.code());
        byte[] model = m.build(BuiltinOperator.SHAPE, 1, new int[] {input}, output, options, input);
        return new OpCase("SHAPE " + Arrays.toString(shape), model,
                new byte[][] {r.floats(RandomOpCases.count(shape), 1)}, EXACT);
    }

    /** ADD_N of 2–4 float32 inputs of one shape. */
    static OpCase addN(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int n = r.between(2, 4);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int[] inputs = new int[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = m.tensor("input" + i, TensorType.FLOAT32, null, shape);
            values[i] = r.floats(RandomOpCases.count(shape), 4);
        }
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(BuiltinOperator.ADD_N, 1, inputs, output, null, inputs);
        return new OpCase("ADD_N float32 " + n + " x " + Arrays.toString(shape), model, values, FLOAT_ROUNDING);
    }

    /** EMBEDDING_LOOKUP of float32 rows of a constant table by run-time INT32 ids (all in range). */
    static OpCase embeddingLookup(RandomOpCases r) {
        int rows = r.between(1, 6);
        int[] row = r.shape(r.between(1, 3), 4);
        int[] table = new int[row.length + 1];
        table[0] = rows;
        System.arraycopy(row, 0, table, 1, row.length);
        int lookups = r.between(1, 5);
        int[] ids = new int[lookups];
        Arrays.setAll(ids, i -> r.random.nextInt(rows));
        int[] out = table.clone();
        out[0] = lookups;
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int id = m.tensor("ids", TensorType.INT32, null, lookups);
        int values = m.constant("table", TensorType.FLOAT32, null, r.floats(RandomOpCases.count(table), 4), table);
        int output = m.tensor("output", TensorType.FLOAT32, null, out);
        byte[] model = m.build(BuiltinOperator.EMBEDDING_LOOKUP, 1, new int[] {id, values}, output, null, id);
        return new OpCase("EMBEDDING_LOOKUP float32 " + Arrays.toString(table) + " ids " + Arrays.toString(ids),
                model, new byte[][] {SingleOpModel.ints(ids)}, EXACT);
    }

    /** POW of broadcast float32 inputs: positive bases, exponents in [-3, 3]. */
    static OpCase pow(RandomOpCases r) {
        int[][] shapes = r.broadcastShapes();
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int a = m.tensor("base", TensorType.FLOAT32, null, shapes[0]);
        int b = m.tensor("exponent", TensorType.FLOAT32, null, shapes[1]);
        int output = m.tensor("output", TensorType.FLOAT32, null, shapes[2]);
        byte[] model = m.build(BuiltinOperator.POW, 1, new int[] {a, b}, output, null, a, b);
        float[] bases = new float[RandomOpCases.count(shapes[0])];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = (float) (0.05 + 4 * r.random.nextDouble());
        }
        return new OpCase("POW float32 " + Arrays.toString(shapes[0]) + ", " + Arrays.toString(shapes[1]), model,
                new byte[][] {SingleOpModel.floats(bases), r.floats(RandomOpCases.count(shapes[1]), 3)},
                FLOAT_ROUNDING);
    }

    /** int8 LOGISTIC of a rank 1–5 input, into the output quantization both runtimes require (1/256, −128). */
    static OpCase logisticInt8(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 5), 4);
        Quantization in = Quantization.perTensor(r.scale() * 10, r.zeroPoint());
        Quantization out = Quantization.perTensor(1.0f / 256, -128);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, shape);
        int output = m.tensor("output", TensorType.INT8, out, shape);
        byte[] model = m.build(BuiltinOperator.LOGISTIC, 2, new int[] {input}, output, null, input);
        return new OpCase("LOGISTIC int8 " + Arrays.toString(shape) + " " + in, model,
                new byte[][] {r.bytes(RandomOpCases.count(shape))}, EXACT);
    }


    private static byte[] ints(RandomOpCases r, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putInt(r.random.nextInt(-1000, 1001));
        }
        return bytes.array();
    }
}
