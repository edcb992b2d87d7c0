package dev.tflm.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.oracle.TfLiteOracle;
import dev.tflm.schema.BuiltinOperator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TfliteWriterTest {
    // field indices from schema.fbs
    private static final int MODEL_VERSION = 0, MODEL_OPERATOR_CODES = 1, MODEL_SUBGRAPHS = 2,
            MODEL_DESCRIPTION = 3, MODEL_BUFFERS = 4, MODEL_METADATA = 6;
    private static final int SUBGRAPH_TENSORS = 0, SUBGRAPH_INPUTS = 1, SUBGRAPH_OUTPUTS = 2,
            SUBGRAPH_OPERATORS = 3, SUBGRAPH_NAME = 4;
    private static final int TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3,
            TENSOR_QUANTIZATION = 4, TENSOR_IS_VARIABLE = 5;
    private static final int QUANT_SCALE = 2, QUANT_ZERO_POINT = 3, QUANT_DIMENSION = 6;
    private static final int OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_VERSION = 2, OPCODE_BUILTIN = 3;
    private static final int OPERATOR_OPCODE = 0, OPERATOR_INPUTS = 1, OPERATOR_OPTIONS_TYPE = 3, OPERATOR_OPTIONS = 4;
    private static final int BUFFER_DATA = 0;

    /** A float32 model computing {@code relu(a + b)} for two [1, 4] inputs. */
    private static byte[] addModel() {
        TfliteWriter writer = new TfliteWriter().description("add");
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        SubgraphBuilder graph = writer.addSubgraph("main");
        int a = graph.addTensor(TensorDef.of("a", TensorType.FLOAT32, 1, 4));
        int b = graph.addTensor(TensorDef.of("b", TensorType.FLOAT32, 1, 4));
        int sum = graph.addTensor(TensorDef.of("sum", TensorType.FLOAT32, 1, 4));
        graph.addOperator(add, new int[] {a, b}, new int[] {sum}, new BuiltinOptions.Add(ActivationFunction.RELU));
        graph.inputs(a, b).outputs(sum);
        return writer.toByteArray();
    }

    @Test
    void writesTheModelHeaderAsTheConverterDoes() {
        byte[] file = addModel();
        FlatTable model = FlatTable.root(file);

        assertEquals("TFL3", new String(file, 4, 4, StandardCharsets.US_ASCII));
        assertEquals(3, model.intField(MODEL_VERSION, 0));
        assertEquals("add", model.string(MODEL_DESCRIPTION));
        assertEquals(1, model.length(MODEL_BUFFERS));
        assertFalse(model.tableAt(MODEL_BUFFERS, 0).has(BUFFER_DATA), "buffer 0 is the empty sentinel");
        FlatTable graph = model.tableAt(MODEL_SUBGRAPHS, 0);
        assertEquals("main", graph.string(SUBGRAPH_NAME));
        assertEquals(3, graph.length(SUBGRAPH_TENSORS));
        assertEquals(2, graph.length(SUBGRAPH_INPUTS));
        assertEquals(2, graph.intAt(SUBGRAPH_OUTPUTS, 0));
        FlatTable op = graph.tableAt(SUBGRAPH_OPERATORS, 0);
        assertEquals(0, op.intField(OPERATOR_OPCODE, 0));
        assertEquals(11, op.byteField(OPERATOR_OPTIONS_TYPE, 0), "AddOptions is union member 11");
        assertEquals(ActivationFunction.RELU.code(), op.table(OPERATOR_OPTIONS).byteField(0, 0));
    }

    @Test
    void writesBuiltinCodesInBothFieldsAndCustomCodes() {
        TfliteWriter writer = new TfliteWriter();
        writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 4);
        writer.addOperatorCode(150, 1); // GELU: beyond the deprecated byte field
        writer.addCustomOperatorCode("SIGNAL_FFT", 1);
        writer.addSubgraph("main");
        FlatTable model = FlatTable.root(writer.toByteArray());

        FlatTable fc = model.tableAt(MODEL_OPERATOR_CODES, 0);
        assertEquals(9, fc.byteField(OPCODE_DEPRECATED_BUILTIN, 0));
        assertEquals(9, fc.intField(OPCODE_BUILTIN, 0));
        assertEquals(4, fc.intField(OPCODE_VERSION, 1));
        FlatTable gelu = model.tableAt(MODEL_OPERATOR_CODES, 1);
        assertEquals(127, gelu.byteField(OPCODE_DEPRECATED_BUILTIN, 0));
        assertEquals(150, gelu.intField(OPCODE_BUILTIN, 0));
        FlatTable custom = model.tableAt(MODEL_OPERATOR_CODES, 2);
        assertEquals(32, custom.intField(OPCODE_BUILTIN, 0));
        assertEquals("SIGNAL_FFT", custom.string(OPCODE_CUSTOM));
    }

    @Test
    void alignsEveryBufferTo16BytesOfTheFile() {
        TfliteWriter writer = new TfliteWriter();
        for (int size = 1; size <= 40; size += 3) {
            byte[] data = new byte[size];
            Arrays.fill(data, (byte) size);
            writer.addBuffer(data);
        }
        writer.minRuntimeVersion("1.14.0");
        writer.addSubgraph("main");
        byte[] file = writer.toByteArray();
        FlatTable model = FlatTable.root(file);

        assertEquals(16, model.length(MODEL_BUFFERS));
        for (int i = 1; i < 15; i++) {
            FlatTable buffer = model.tableAt(MODEL_BUFFERS, i);
            int start = buffer.vectorStart(BUFFER_DATA);
            assertEquals(0, start % TfliteWriter.BUFFER_ALIGNMENT, "buffer " + i + " starts at " + start);
            int size = buffer.length(BUFFER_DATA);
            assertEquals(1 + 3 * (i - 1), size);
            assertEquals((byte) size, file[start + size - 1]);
        }
        FlatTable metadata = model.tableAt(MODEL_METADATA, 0);
        assertEquals("min_runtime_version", metadata.string(0));
        FlatTable version = model.tableAt(MODEL_BUFFERS, metadata.intField(1, 0));
        byte[] padded = Arrays.copyOfRange(file, version.vectorStart(BUFFER_DATA), version.vectorStart(BUFFER_DATA) + 16);
        assertArrayEquals(Arrays.copyOf("1.14.0".getBytes(StandardCharsets.US_ASCII), 16), padded);
    }

    @Test
    void placesBuffersOffTheBoundaryOnRequest() {
        for (int offset : new int[] {4, 8, 12}) {
            TfliteWriter writer = new TfliteWriter().constantDataOffset(offset);
            for (int size = 1; size <= 40; size += 3) {
                writer.addBuffer(new byte[size]);
            }
            writer.addSubgraph("main");
            FlatTable model = FlatTable.root(writer.toByteArray());
            for (int i = 1; i < model.length(MODEL_BUFFERS); i++) {
                int start = model.tableAt(MODEL_BUFFERS, i).vectorStart(BUFFER_DATA);
                assertEquals(offset, start % TfliteWriter.BUFFER_ALIGNMENT, "buffer " + i + " starts at " + start);
            }
        }
        for (int offset : new int[] {-4, 2, 16}) {
            assertThrows(IllegalArgumentException.class, () -> new TfliteWriter().constantDataOffset(offset));
        }
    }

    @Test
    void writesTensorsWithPerTensorAndPerChannelQuantization() {
        TfliteWriter writer = new TfliteWriter();
        SubgraphBuilder graph = writer.addSubgraph("main");
        int weights = writer.addBuffer(new byte[] {1, 2, 3, 4, 5, 6});
        graph.addTensor(TensorDef.of("x", TensorType.INT8, 1, 3).withQuantization(Quantization.perTensor(0.5f, -3)));
        graph.addTensor(TensorDef.of("w", TensorType.INT8, 2, 3).withBuffer(weights)
                .withQuantization(Quantization.perChannel(new float[] {0.25f, 0.125f}, new long[] {0, 0}, 0)));
        graph.addTensor(TensorDef.of("state", TensorType.INT16, 1, 8).asVariable());
        FlatTable tensors = FlatTable.root(writer.toByteArray()).tableAt(MODEL_SUBGRAPHS, 0);

        FlatTable x = tensors.tableAt(SUBGRAPH_TENSORS, 0);
        assertEquals("x", x.string(TENSOR_NAME));
        assertEquals(TensorType.INT8.code(), x.byteField(TENSOR_TYPE, 0));
        assertEquals(0, x.intField(TENSOR_BUFFER, 0));
        assertEquals(3, x.intAt(TENSOR_SHAPE, 1));
        FlatTable xq = x.table(TENSOR_QUANTIZATION);
        assertEquals(0.5f, xq.floatAt(QUANT_SCALE, 0));
        assertEquals(-3L, xq.longAt(QUANT_ZERO_POINT, 0));

        FlatTable w = tensors.tableAt(SUBGRAPH_TENSORS, 1);
        assertEquals(weights, w.intField(TENSOR_BUFFER, 0));
        FlatTable wq = w.table(TENSOR_QUANTIZATION);
        assertEquals(2, wq.length(QUANT_SCALE));
        assertEquals(0.125f, wq.floatAt(QUANT_SCALE, 1));
        assertEquals(2, wq.length(QUANT_ZERO_POINT));
        assertEquals(0, wq.intField(QUANT_DIMENSION, 0));

        FlatTable state = tensors.tableAt(SUBGRAPH_TENSORS, 2);
        assertEquals(1, state.byteField(TENSOR_IS_VARIABLE, 0));
        assertFalse(state.has(TENSOR_QUANTIZATION));
    }

    @Test
    void sameCallsGiveSameBytes() {
        assertArrayEquals(addModel(), addModel());
    }

    @Test
    void tfLiteRunsAWrittenModel() {
        byte[] a = floats(1, -2, 3.5f, -4);
        byte[] b = floats(0.5f, 1, -1, 10);

        TfLiteOracle.Result result = TfLiteOracle.run(addModel(), new byte[][] {a, b}, TfLiteOracle.Options.defaults());

        assertArrayEquals(floats(1.5f, 0, 2.5f, 6), result.output(0), "relu(a + b)");
        assertEquals("FLOAT32", result.outputs().get(0).type());
        assertArrayEquals(new int[] {1, 4}, result.outputs().get(0).shape());
    }

    @Test
    void tfLiteRunsAWrittenInt8FullyConnectedWithOptionalBiasOmitted() {
        TfliteWriter writer = new TfliteWriter();
        int fc = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 4);
        SubgraphBuilder graph = writer.addSubgraph("main");
        int in = graph.addTensor(TensorDef.of("in", TensorType.INT8, 1, 2).withQuantization(Quantization.perTensor(1f, 0)));
        int w = graph.addTensor(TensorDef.of("w", TensorType.INT8, 2, 2).withBuffer(writer.addBuffer(new byte[] {1, 2, -3, 4}))
                .withQuantization(Quantization.perTensor(1f, 0)));
        int out = graph.addTensor(TensorDef.of("out", TensorType.INT8, 1, 2).withQuantization(Quantization.perTensor(1f, 0)));
        graph.addOperator(fc, new int[] {in, w, -1}, new int[] {out}, new BuiltinOptions.FullyConnected(ActivationFunction.NONE));
        graph.inputs(in).outputs(out);

        TfLiteOracle.Result result = TfLiteOracle.run(writer.toByteArray(), new byte[][] {{5, -6}}, TfLiteOracle.Options.defaults());

        assertArrayEquals(new byte[] {5 - 12, -15 - 24}, result.output(0));
        assertTrue(result.outputs().get(0).scale() == 1f);
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
