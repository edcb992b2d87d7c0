package dev.tflm.writer;

import com.google.flatbuffers.FlexBuffersBuilder;
import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.AddOptionsT;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.CallOnceOptionsT;
import dev.tflm.schema.FullyConnectedOptionsT;
import dev.tflm.schema.IfOptionsT;
import dev.tflm.schema.UnidirectionalSequenceLSTMOptionsT;
import dev.tflm.schema.VarHandleOptionsT;
import dev.tflm.schema.WhileOptionsT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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
    private static final String BELOW = "TEST_BELOW";
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
        models.put("control_flow.tflite", controlFlow());
        models.put("while_recursive.tflite", whileRecursive());
        models.put("variables.tflite", variables());
        models.put("variable_misread.tflite", variableMisread());
        models.put("lstm_int8.tflite", lstmInt8());
        models.put("streaming.tflite", streaming());
        models.put("detection_postprocess.tflite", detectionPostprocess());
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

    /**
     * IF then WHILE with real kernels. Subgraph 0: inputs cond (BOOL [1]), i (INT32 [1]), x; {@code a = IF(cond,
     * x)} with then = 1 ({@code p + p}) and else = 2 ({@code p + 100}); {@code (j, y) = WHILE(i, a)} with cond = 3
     * ({@code n < 3}, TEST_BELOW) and body = 4 ({@code (n + 1, v + v)}); outputs y, j. So {@code y = a * 2^(3 -
     * i)} for i below 3. Subgraphs 5 (FLOAT32 [4]) and 6 (INT32 [2]) double their input and are called by no
     * one: the C tests point IF at them to see the mismatches refused.
     */
    static byte[] controlFlow() {
        TfliteWriter writer = new TfliteWriter().description("IF and WHILE");
        int ifOp = writer.addOperatorCode(BuiltinOperator.IF, 1);
        int whileOp = writer.addOperatorCode(BuiltinOperator.WHILE, 1);
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        int below = writer.addCustomOperatorCode(BELOW, 1);

        SubgraphBuilder main = writer.addSubgraph("main");
        int cond = main.addTensor(TensorDef.of("cond", TensorType.BOOL, 1));
        int i = main.addTensor(TensorDef.of("i", TensorType.INT32, 1));
        int x = main.addTensor(int32("x"));
        int a = main.addTensor(int32("a"));
        int j = main.addTensor(TensorDef.of("j", TensorType.INT32, 1));
        int y = main.addTensor(int32("y"));
        main.addOperator(ifOp, new int[] {cond, x}, new int[] {a}, ifOptions(1, 2));
        main.addOperator(whileOp, new int[] {i, a}, new int[] {j, y}, whileOptions(3, 4));
        main.inputs(cond, i, x).outputs(y, j);

        addDouble(writer, add, "double", TensorType.INT32, 4);
        SubgraphBuilder plus = writer.addSubgraph("plus_hundred");
        int p = plus.addTensor(int32("p"));
        int hundred = plus.addTensor(int32("hundred").withBuffer(writer.addBuffer(ints(100, 100, 100, 100))));
        int q = plus.addTensor(int32("q"));
        plus.addOperator(add, new int[] {p, hundred}, new int[] {q}, new AddOptionsT());
        plus.inputs(p).outputs(q);

        SubgraphBuilder below3 = writer.addSubgraph("below_three");
        int n = below3.addTensor(TensorDef.of("n", TensorType.INT32, 1));
        int v = below3.addTensor(int32("v"));
        int b = below3.addTensor(TensorDef.of("b", TensorType.BOOL, 1));
        below3.addOperator(new OperatorDef(below, new int[] {n}, new int[] {b}, null, ints(3)));
        below3.inputs(n, v).outputs(b);

        SubgraphBuilder step = writer.addSubgraph("step");
        int sn = step.addTensor(TensorDef.of("n", TensorType.INT32, 1));
        int sv = step.addTensor(int32("v"));
        int one = step.addTensor(TensorDef.of("one", TensorType.INT32, 1).withBuffer(writer.addBuffer(ints(1))));
        int n2 = step.addTensor(TensorDef.of("n2", TensorType.INT32, 1));
        int v2 = step.addTensor(int32("v2"));
        step.addOperator(add, new int[] {sn, one}, new int[] {n2}, new AddOptionsT());
        step.addOperator(add, new int[] {sv, sv}, new int[] {v2}, new AddOptionsT());
        step.inputs(sn, sv).outputs(n2, v2);

        addDouble(writer, add, "double_float", TensorType.FLOAT32, 4);
        addDouble(writer, add, "double_short", TensorType.INT32, 2);
        return writer.toByteArray();
    }

    /** A WHILE whose body (subgraph 2) holds the same WHILE: recursion, which create refuses. */
    static byte[] whileRecursive() {
        TfliteWriter writer = new TfliteWriter().description("a WHILE body calling itself");
        int whileOp = writer.addOperatorCode(BuiltinOperator.WHILE, 1);
        int below = writer.addCustomOperatorCode(BELOW, 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(int32("x"));
        int y = main.addTensor(int32("y"));
        main.addOperator(whileOp, new int[] {x}, new int[] {y}, whileOptions(1, 2));
        main.inputs(x).outputs(y);
        SubgraphBuilder cond = writer.addSubgraph("cond");
        int c = cond.addTensor(int32("c"));
        int b = cond.addTensor(TensorDef.of("b", TensorType.BOOL, 1));
        cond.addOperator(new OperatorDef(below, new int[] {c}, new int[] {b}, null, ints(10)));
        cond.inputs(c).outputs(b);
        SubgraphBuilder body = writer.addSubgraph("body");
        int v = body.addTensor(int32("v"));
        int w = body.addTensor(int32("w"));
        body.addOperator(whileOp, new int[] {v}, new int[] {w}, whileOptions(1, 2));
        body.inputs(v).outputs(w);
        return writer.toByteArray();
    }

    /**
     * Resource variables with real kernels. Subgraph 0: inputs x, x8 (INT8 [2], scale 0.5, zero point -3);
     * CALL_ONCE(1); h = VAR_HANDLE("acc"), r = READ_VARIABLE(h), s = r + x, ASSIGN_VARIABLE(h, s); h8 =
     * VAR_HANDLE("main", "q8"), r8 = READ_VARIABLE(h8), ASSIGN_VARIABLE(h8, x8); outputs s, r8. Subgraph 1
     * ("init"): ASSIGN_VARIABLE(VAR_HANDLE("acc"), [100, 200, 300, 400]). So s accumulates x from 100..400, and
     * r8 is the previous x8, the zero point -3 at first.
     */
    static byte[] variables() {
        TfliteWriter writer = new TfliteWriter().description("resource variables");
        int callOnce = writer.addOperatorCode(BuiltinOperator.CALL_ONCE, 1);
        int handleOp = writer.addOperatorCode(BuiltinOperator.VAR_HANDLE, 1);
        int read = writer.addOperatorCode(BuiltinOperator.READ_VARIABLE, 1);
        int assign = writer.addOperatorCode(BuiltinOperator.ASSIGN_VARIABLE, 1);
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        Quantization q8 = Quantization.perTensor(0.5f, -3);

        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(int32("x"));
        int x8 = main.addTensor(TensorDef.of("x8", TensorType.INT8, 2).withQuantization(q8));
        int h = main.addTensor(TensorDef.of("acc_handle", TensorType.RESOURCE));
        int r = main.addTensor(int32("r"));
        int s = main.addTensor(int32("s"));
        int h8 = main.addTensor(TensorDef.of("q8_handle", TensorType.RESOURCE));
        int r8 = main.addTensor(TensorDef.of("r8", TensorType.INT8, 2).withQuantization(q8));
        main.addOperator(callOnce, new int[0], new int[0], callOnceOptions(1));
        main.addOperator(handleOp, new int[0], new int[] {h}, varHandleOptions(null, "acc"));
        main.addOperator(read, new int[] {h}, new int[] {r}, null);
        main.addOperator(add, new int[] {r, x}, new int[] {s}, new AddOptionsT());
        main.addOperator(assign, new int[] {h, s}, new int[0], null);
        main.addOperator(handleOp, new int[0], new int[] {h8}, varHandleOptions("main", "q8"));
        main.addOperator(read, new int[] {h8}, new int[] {r8}, null);
        main.addOperator(assign, new int[] {h8, x8}, new int[0], null);
        main.inputs(x, x8).outputs(s, r8);

        SubgraphBuilder init = writer.addSubgraph("init");
        int ih = init.addTensor(TensorDef.of("acc_handle", TensorType.RESOURCE));
        int start = init.addTensor(int32("start").withBuffer(writer.addBuffer(ints(100, 200, 300, 400))));
        init.addOperator(handleOp, new int[0], new int[] {ih}, varHandleOptions(null, "acc"));
        init.addOperator(assign, new int[] {ih, start}, new int[0], null);
        return writer.toByteArray();
    }

    /** A variable of 16 bytes (ASSIGN_VARIABLE of x) read into INT32 [2]: invoke fails. */
    static byte[] variableMisread() {
        TfliteWriter writer = new TfliteWriter().description("a variable read into a tensor of another size");
        int handleOp = writer.addOperatorCode(BuiltinOperator.VAR_HANDLE, 1);
        int read = writer.addOperatorCode(BuiltinOperator.READ_VARIABLE, 1);
        int assign = writer.addOperatorCode(BuiltinOperator.ASSIGN_VARIABLE, 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(int32("x"));
        int h = main.addTensor(TensorDef.of("w_handle", TensorType.RESOURCE));
        int r = main.addTensor(TensorDef.of("r", TensorType.INT32, 2));
        main.addOperator(handleOp, new int[0], new int[] {h}, varHandleOptions(null, "w"));
        main.addOperator(assign, new int[] {h, x}, new int[0], null);
        main.addOperator(read, new int[] {h}, new int[] {r}, null);
        main.inputs(x).outputs(r);
        return writer.toByteArray();
    }

    /**
     * TFLM's int8 UNIDIRECTIONAL_SEQUENCE_LSTM test case (kernels/testdata/lstm_test_data.cc) as a model: input
     * [2, 3, 2] (scale 1/127.5), four gates of int8 weights and int32 biases quantized as TFLM's test does,
     * hidden state (scale 0.0047, zero point -21) and cell state (int16, scale 2^-12) as variable tensors, cell_clip
     * 6, tanh, batch-major; peephole, projection and layer norm inputs left out (-1).
     */
    static byte[] lstmInt8() {
        TfliteWriter writer = new TfliteWriter().description("TFLM's int8 LSTM test case");
        int lstm = writer.addOperatorCode(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, 4);
        SubgraphBuilder main = writer.addSubgraph("main");
        Quantization hidden = Quantization.perTensor(0.004705882165580988f, -21);
        int input = main.addTensor(TensorDef.of("input", TensorType.INT8, 2, 3, 2)
                .withQuantization(Quantization.perTensor(0.00784313725490196f, 0)));
        byte[][] weights = {{64, 64, 127, 127}, {-64, -64, -127, -127}, {127, 127, 127, 127}, {127, 127, 127, 127}};
        int[][] biases = {{-810, -1619}, {810, 1619}, {0, 0}, {0, 0}};
        float[] weightScales = {0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f,
            0.007874015748031496f};
        float[] biasScales = {0.0012351397251814111f, 0.0012351397251814111f, 6.175698625907056e-5f,
            6.175698625907056e-5f};
        String[] gates = {"input", "forget", "cell", "output"};
        int[] inputs = new int[24];
        Arrays.fill(inputs, NONE);
        inputs[0] = input;
        for (int g = 0; g < 4; g++) {
            Quantization w = Quantization.perTensor(weightScales[g], 0);
            inputs[1 + g] = main.addTensor(TensorDef.of("input_to_" + gates[g], TensorType.INT8, 2, 2)
                    .withQuantization(w).withBuffer(writer.addBuffer(weights[g])));
            inputs[5 + g] = main.addTensor(TensorDef.of("recurrent_to_" + gates[g], TensorType.INT8, 2, 2)
                    .withQuantization(w).withBuffer(writer.addBuffer(weights[g])));
            inputs[12 + g] = main.addTensor(TensorDef.of(gates[g] + "_bias", TensorType.INT32, 2)
                    .withQuantization(Quantization.perTensor(biasScales[g], 0))
                    .withBuffer(writer.addBuffer(ints(biases[g]))));
        }
        inputs[18] = main.addTensor(TensorDef.of("hidden_state", TensorType.INT8, 2, 2).withQuantization(hidden)
                .asVariable());
        inputs[19] = main.addTensor(TensorDef.of("cell_state", TensorType.INT16, 2, 2)
                .withQuantization(Quantization.perTensor(1f / 4096, 0)).asVariable());
        int output = main.addTensor(TensorDef.of("output", TensorType.INT8, 2, 3, 2).withQuantization(hidden));
        main.addOperator(lstm, inputs, new int[] {output}, lstmOptions(ActivationFunctionType.TANH, 6f, false));
        main.inputs(input).outputs(output);
        return writer.toByteArray();
    }

    /**
     * A strided streaming model, TFLM's CIRCULAR_BUFFER twice on x (INT8 [1, 1, 1, 2]): into p, a plain INT8
     * [1, 2, 1, 2] with cycles_max 1, then {@code z = CAST(p)} (INT32); into buf, a variable INT8 [1, 3, 1, 2] with
     * cycles_max 2, then {@code y = CAST(buf)}. The int8 tensors have zero point -5. Every other invoke stops after
     * the second buffer, so z changes on every invoke and y on every second.
     */
    static byte[] streaming() {
        TfliteWriter writer = new TfliteWriter().description("a streaming model: CIRCULAR_BUFFER");
        int circularBuffer = writer.addCustomOperatorCode("CIRCULAR_BUFFER", 1);
        int cast = writer.addOperatorCode(BuiltinOperator.CAST, 1);
        Quantization q = Quantization.perTensor(0.5f, -5);
        SubgraphBuilder main = writer.addSubgraph("main");
        int x = main.addTensor(TensorDef.of("x", TensorType.INT8, 1, 1, 1, 2).withQuantization(q));
        int p = main.addTensor(TensorDef.of("p", TensorType.INT8, 1, 2, 1, 2).withQuantization(q));
        int z = main.addTensor(TensorDef.of("z", TensorType.INT32, 1, 2, 1, 2));
        int buf = main.addTensor(TensorDef.of("buf", TensorType.INT8, 1, 3, 1, 2).withQuantization(q).asVariable());
        int y = main.addTensor(TensorDef.of("y", TensorType.INT32, 1, 3, 1, 2));
        main.addOperator(new OperatorDef(circularBuffer, new int[] {x}, new int[] {p}, null, cyclesMax(1)));
        main.addOperator(cast, new int[] {p}, new int[] {z}, null);
        main.addOperator(new OperatorDef(circularBuffer, new int[] {x}, new int[] {buf}, null, cyclesMax(2)));
        main.addOperator(cast, new int[] {buf}, new int[] {y}, null);
        main.inputs(x).outputs(y, z);
        return writer.toByteArray();
    }

    /**
     * TFLM's detection_postprocess_test.cc case as a model: TFLite_Detection_PostProcess of box encodings [1, 6, 4]
     * and class scores [1, 6, 3] (inputs) and its six anchors (a constant [6, 4]) into boxes [1, 3, 4], classes and
     * scores [1, 3] and num_detections [1], with TFLM's options (fast NMS, 3 detections).
     */
    static byte[] detectionPostprocess() {
        TfliteWriter writer = new TfliteWriter().description("TFLM's TFLite_Detection_PostProcess test case");
        int op = writer.addCustomOperatorCode("TFLite_Detection_PostProcess", 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int boxes = main.addTensor(TensorDef.of("box_encodings", TensorType.FLOAT32, 1, 6, 4));
        int scores = main.addTensor(TensorDef.of("class_predictions", TensorType.FLOAT32, 1, 6, 3));
        int anchors = main.addTensor(TensorDef.of("anchors", TensorType.FLOAT32, 6, 4).withBuffer(writer.addBuffer(
                floats(0.5f, 0.5f, 1f, 1f, 0.5f, 0.5f, 1f, 1f, 0.5f, 0.5f, 1f, 1f,
                        0.5f, 10.5f, 1f, 1f, 0.5f, 10.5f, 1f, 1f, 0.5f, 100.5f, 1f, 1f))));
        int detectionBoxes = main.addTensor(TensorDef.of("detection_boxes", TensorType.FLOAT32, 1, 3, 4));
        int classes = main.addTensor(TensorDef.of("detection_classes", TensorType.FLOAT32, 1, 3));
        int detectionScores = main.addTensor(TensorDef.of("detection_scores", TensorType.FLOAT32, 1, 3));
        int count = main.addTensor(TensorDef.of("num_detections", TensorType.FLOAT32, 1));
        FlexBuffersBuilder options = new FlexBuffersBuilder();
        int map = options.startMap();
        options.putInt("max_detections", 3);
        options.putInt("max_classes_per_detection", 1);
        options.putInt("detections_per_class", 1);
        options.putBoolean("use_regular_nms", false);
        options.putFloat("nms_score_threshold", 0.0f);
        options.putFloat("nms_iou_threshold", 0.5f);
        options.putInt("num_classes", 2);
        options.putFloat("y_scale", 10.0f);
        options.putFloat("x_scale", 10.0f);
        options.putFloat("h_scale", 5.0f);
        options.putFloat("w_scale", 5.0f);
        options.endMap(null, map);
        ByteBuffer bytes = options.finish();
        byte[] custom = new byte[bytes.remaining()];
        bytes.get(custom);
        main.addOperator(new OperatorDef(op, new int[] {boxes, scores, anchors},
                new int[] {detectionBoxes, classes, detectionScores, count}, null, custom));
        main.inputs(boxes, scores).outputs(detectionBoxes, classes, detectionScores, count);
        return writer.toByteArray();
    }

    /** CIRCULAR_BUFFER's options, the FlexBuffers map {cycles_max: value} TFLM's test writes (value below 128). */
    private static byte[] cyclesMax(int value) {
        byte[] map = {'c', 'y', 'c', 'l', 'e', 's', '_', 'm', 'a', 'x', 0, 1, 12, 1, 1, 1, 0, 4, 2, 0x24, 1};
        map[16] = (byte) value;
        return map;
    }

    /** A subgraph adding its input of {@code type} [{@code size}] to itself. */
    private static void addDouble(TfliteWriter writer, int add, String name, TensorType type, int size) {
        SubgraphBuilder sub = writer.addSubgraph(name);
        int p = sub.addTensor(TensorDef.of("p", type, size));
        int q = sub.addTensor(TensorDef.of("q", type, size));
        sub.addOperator(add, new int[] {p, p}, new int[] {q}, new AddOptionsT());
        sub.inputs(p).outputs(q);
    }

    private static UnidirectionalSequenceLSTMOptionsT lstmOptions(byte activation, float cellClip, boolean timeMajor) {
        UnidirectionalSequenceLSTMOptionsT options = new UnidirectionalSequenceLSTMOptionsT();
        options.setFusedActivationFunction(activation);
        options.setCellClip(cellClip);
        options.setTimeMajor(timeMajor);
        return options;
    }

    private static IfOptionsT ifOptions(int thenSubgraph, int elseSubgraph) {
        IfOptionsT options = new IfOptionsT();
        options.setThenSubgraphIndex(thenSubgraph);
        options.setElseSubgraphIndex(elseSubgraph);
        return options;
    }

    private static WhileOptionsT whileOptions(int condSubgraph, int bodySubgraph) {
        WhileOptionsT options = new WhileOptionsT();
        options.setCondSubgraphIndex(condSubgraph);
        options.setBodySubgraphIndex(bodySubgraph);
        return options;
    }

    private static CallOnceOptionsT callOnceOptions(int initSubgraph) {
        CallOnceOptionsT options = new CallOnceOptionsT();
        options.setInitSubgraphIndex(initSubgraph);
        return options;
    }

    /** A {@code null} container is left out, as converters do. */
    private static VarHandleOptionsT varHandleOptions(String container, String sharedName) {
        VarHandleOptionsT options = new VarHandleOptionsT();
        options.setContainer(container);
        options.setSharedName(sharedName);
        return options;
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
