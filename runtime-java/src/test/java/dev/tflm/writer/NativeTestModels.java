package dev.tflm.writer;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.FullyConnectedOptionsT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hand-built models of the C tests and the fuzz target, in {@code native/tests/models}: written by this
 * writer, since the C tests run before any Java is compiled, and kept current by {@link NativeTestModelsTest}.
 * Their custom ops are the test kernels of {@code native/tests/subgraph_kernels.h}; tensors are int32 [4]
 * unless said otherwise.
 */
public final class NativeTestModels {
    /** Where the files live, from the repository root. */
    public static final Path DIRECTORY = Path.of("native", "tests", "models");

    private static final String VAR_HANDLE = "TEST_VAR_HANDLE";
    private static final String CALL = "TEST_CALL";
    private static final String ADD_INT64 = "TEST_ADD_INT64";
    private static final int NONE = -1;

    private NativeTestModels() {
    }

    /** Every model by file name. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> models = new LinkedHashMap<>();
        models.put("subgraph_calls.tflite", subgraphCalls());
        models.put("subgraph_chain.tflite", subgraphChain());
        models.put("constants_aligned.tflite", constants(0));
        models.put("constants_misaligned.tflite", constants(4));
        return models;
    }

    /**
     * Three subgraphs and a resource variable. Subgraph 0: a handle to variable "acc" (container "test"), then
     * {@code a = TEST_CALL(x, handle)} calling subgraph 1, which accumulates subgraph 1's result in the
     * variable, then {@code y = TEST_CALL(a)} calling subgraph 2. Subgraph 1 ("plus_two") calls subgraph 2 and
     * adds one; subgraph 2 ("plus_one") adds one. So after n invokes on x, {@code y = n (x + 2) + 1}; subgraph 2
     * runs from two places, one of them nested.
     */
    static byte[] subgraphCalls() {
        TfliteWriter writer = new TfliteWriter().description("subgraph calls and a resource variable");
        int handleOp = writer.addCustomOperatorCode(VAR_HANDLE, 1);
        int call = writer.addCustomOperatorCode(CALL, 1);

        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(int32("x"));
        int handle = main.addTensor(TensorDef.of("acc_handle", TensorType.RESOURCE));
        int a = main.addTensor(int32("a"));
        int y = main.addTensor(int32("y"));
        main.addOperator(new OperatorDef(handleOp, new int[0], new int[] {handle}, null, varHandle("test", "acc")));
        main.addOperator(new OperatorDef(call, new int[] {x, handle}, new int[] {a}, null, callOptions(1)));
        main.addOperator(new OperatorDef(call, new int[] {a, NONE}, new int[] {y}, null, callOptions(2)));
        main.inputs(x).outputs(y);

        SubgraphBuilder plusTwo = writer.addSubgraph("plus_two");
        int p = plusTwo.addTensor(int32("p"));
        int m = plusTwo.addTensor(int32("m"));
        int q = plusTwo.addTensor(int32("q"));
        plusTwo.addOperator(new OperatorDef(call, new int[] {p, NONE}, new int[] {m}, null, callOptions(2)));
        plusTwo.addOperator(new OperatorDef(call, new int[] {m, NONE}, new int[] {q}, null, callOptions(NONE)));
        plusTwo.inputs(p).outputs(q);

        addPlusOne(writer, call, "plus_one");
        return writer.toByteArray();
    }

    /**
     * Ten subgraphs whose calls nest nine deep, one more than the runtime allows. Subgraph 0 calls subgraph 5
     * first, then subgraph 1; subgraph i calls i + 1 (1 ≤ i ≤ 8); subgraph 9 adds one. The walk meets subgraphs
     * 5..9 at depth 1..5 first, so only their height tells that 0, 1, ..., 9 nests too deep.
     */
    static byte[] subgraphChain() {
        TfliteWriter writer = new TfliteWriter().description("subgraph calls nested too deep");
        int call = writer.addCustomOperatorCode(CALL, 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(int32("x"));
        int t = main.addTensor(int32("t"));
        int y = main.addTensor(int32("y"));
        main.addOperator(new OperatorDef(call, new int[] {x, NONE}, new int[] {t}, null, callOptions(5)));
        main.addOperator(new OperatorDef(call, new int[] {t, NONE}, new int[] {y}, null, callOptions(1)));
        main.inputs(x).outputs(y);
        for (int i = 1; i <= 8; i++) {
            SubgraphBuilder link = writer.addSubgraph("link_" + i);
            int in = link.addTensor(int32("in"));
            int out = link.addTensor(int32("out"));
            link.addOperator(new OperatorDef(call, new int[] {in, NONE}, new int[] {out}, null, callOptions(i + 1)));
            link.inputs(in).outputs(out);
        }
        addPlusOne(writer, call, "plus_one");
        return writer.toByteArray();
    }

    /**
     * Constants of every width, their data {@code offset} bytes past 16-byte boundaries of the file (4: the
     * int64 data is misaligned, as in TFLM's int16 models). Inputs: int8 [1, 8], float32 [1, 6], int64 [4];
     * outputs: FULLY_CONNECTED int8 (int32 bias), FULLY_CONNECTED float32, TEST_ADD_INT64 with an int64
     * constant.
     */
    static byte[] constants(int offset) {
        TfliteWriter writer = new TfliteWriter().description("constants " + offset + " bytes off 16")
                .constantDataOffset(offset);
        int fc = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 4);
        int addInt64 = writer.addCustomOperatorCode(ADD_INT64, 1);
        SubgraphBuilder main = writer.addSubgraph("main");

        byte[] weights = new byte[4 * 8];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 37 % 255 - 127);
        }
        int in8 = main.addTensor(TensorDef.of("in8", TensorType.INT8, 1, 8)
                .withQuantization(Quantization.perTensor(0.5f, 3)));
        int w8 = main.addTensor(TensorDef.of("w8", TensorType.INT8, 4, 8)
                .withQuantization(Quantization.perTensor(0.25f, 0)).withBuffer(writer.addBuffer(weights)));
        int b32 = main.addTensor(TensorDef.of("b32", TensorType.INT32, 4)
                .withQuantization(Quantization.perTensor(0.125f, 0))
                .withBuffer(writer.addBuffer(ints(-700, 1300, 9, -42))));
        int out8 = main.addTensor(TensorDef.of("out8", TensorType.INT8, 1, 4)
                .withQuantization(Quantization.perTensor(2.0f, -5)));
        main.addOperator(fc, new int[] {in8, w8, b32}, new int[] {out8},
                fullyConnected(ActivationFunctionType.NONE));

        int inF = main.addTensor(TensorDef.of("in_f", TensorType.FLOAT32, 1, 6));
        int wF = main.addTensor(TensorDef.of("w_f", TensorType.FLOAT32, 3, 6).withBuffer(writer.addBuffer(
                floats(0.5f, -1.25f, 2f, 0.125f, -0.75f, 1f, 3f, 0.25f, -2f, 1.5f, 0.0625f, -0.5f,
                        -1f, 0.75f, 0.5f, -3f, 2.5f, 0.375f))));
        int bF = main.addTensor(TensorDef.of("b_f", TensorType.FLOAT32, 3)
                .withBuffer(writer.addBuffer(floats(0.25f, -0.5f, 1f))));
        int outF = main.addTensor(TensorDef.of("out_f", TensorType.FLOAT32, 1, 3));
        main.addOperator(fc, new int[] {inF, wF, bF}, new int[] {outF},
                fullyConnected(ActivationFunctionType.RELU));

        int in64 = main.addTensor(TensorDef.of("in64", TensorType.INT64, 4));
        int c64 = main.addTensor(TensorDef.of("c64", TensorType.INT64, 4).withBuffer(writer.addBuffer(
                longs(1L << 40, -3, 0x0102030405060708L, Long.MIN_VALUE + 1))));
        int out64 = main.addTensor(TensorDef.of("out64", TensorType.INT64, 4));
        main.addOperator(new OperatorDef(addInt64, new int[] {in64, c64}, new int[] {out64}, null, null));

        main.inputs(in8, inF, in64).outputs(out8, outF, out64);
        return writer.toByteArray();
    }

    /** A subgraph adding one to its int32 [4] input. */
    private static void addPlusOne(TfliteWriter writer, int call, String name) {
        SubgraphBuilder plusOne = writer.addSubgraph(name);
        int u = plusOne.addTensor(int32("u"));
        int v = plusOne.addTensor(int32("v"));
        plusOne.addOperator(new OperatorDef(call, new int[] {u, NONE}, new int[] {v}, null, callOptions(NONE)));
        plusOne.inputs(u).outputs(v);
    }

    private static TensorDef int32(String name) {
        return TensorDef.of(name, TensorType.INT32, 4);
    }

    /** TEST_CALL's options: the subgraph to call, -1 for none. */
    private static byte[] callOptions(int subgraph) {
        return ints(subgraph);
    }

    /** TEST_VAR_HANDLE's options: the container's length, the container, the shared name. */
    private static byte[] varHandle(String container, String sharedName) {
        byte[] c = container.getBytes(StandardCharsets.US_ASCII);
        byte[] n = sharedName.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + c.length + n.length).put((byte) c.length).put(c).put(n).array();
    }

    private static byte[] ints(int... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return bytes.array();
    }

    private static byte[] longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    private static FullyConnectedOptionsT fullyConnected(byte activation) {
        FullyConnectedOptionsT options = new FullyConnectedOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }
}
