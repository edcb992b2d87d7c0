package dev.tflm.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.oracle.TfLiteOracle;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.AddOptions;
import dev.tflm.schema.AddOptionsT;
import dev.tflm.schema.Buffer;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.BuiltinOptions;
import dev.tflm.schema.BuiltinOptions2;
import dev.tflm.schema.FullyConnectedOptionsT;
import dev.tflm.schema.Metadata;
import dev.tflm.schema.Model;
import dev.tflm.schema.Operator;
import dev.tflm.schema.OperatorCode;
import dev.tflm.schema.QuantizationParameters;
import dev.tflm.schema.StablehloPadOptions;
import dev.tflm.schema.StablehloPadOptionsT;
import dev.tflm.schema.SubGraph;
import dev.tflm.schema.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TfliteWriterTest {

    /** A float32 model computing {@code relu(a + b)} for two [1, 4] inputs. */
    private static byte[] addModel() {
        TfliteWriter writer = new TfliteWriter().description("add");
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        SubgraphBuilder graph = writer.addSubgraph("main");
        int a = graph.addTensor(TensorDef.of("a", TensorType.FLOAT32, 1, 4));
        int b = graph.addTensor(TensorDef.of("b", TensorType.FLOAT32, 1, 4));
        int sum = graph.addTensor(TensorDef.of("sum", TensorType.FLOAT32, 1, 4));
        AddOptionsT options = new AddOptionsT();
        options.setFusedActivationFunction(ActivationFunctionType.RELU);
        graph.addOperator(add, new int[] {a, b}, new int[] {sum}, options);
        graph.inputs(a, b).outputs(sum);
        return writer.toByteArray();
    }

    @Test
    void writesTheModelHeaderAsTheConverterDoes() {
        byte[] file = addModel();
        Model model = root(file);

        assertEquals("TFL3", new String(file, 4, 4, StandardCharsets.US_ASCII));
        assertEquals(3, model.version());
        assertEquals("add", model.description());
        assertEquals(1, model.buffersLength());
        assertEquals(0, model.buffers(0).dataLength(), "buffer 0 is the empty sentinel");
        assertNull(model.buffers(0).dataAsByteBuffer());
        SubGraph graph = model.subgraphs(0);
        assertEquals("main", graph.name());
        assertEquals(3, graph.tensorsLength());
        assertEquals(2, graph.inputsLength());
        assertEquals(2, graph.outputs(0));
        Operator op = graph.operators(0);
        assertEquals(0, op.opcodeIndex());
        assertEquals(BuiltinOptions.AddOptions, op.builtinOptionsType());
        assertEquals(11, op.builtinOptionsType(), "AddOptions is union member 11");
        AddOptions options = (AddOptions) op.builtinOptions(new AddOptions());
        assertEquals(ActivationFunctionType.RELU, options.fusedActivationFunction());
    }

    @Test
    void writesBuiltinCodesInBothFieldsAndCustomCodes() {
        TfliteWriter writer = new TfliteWriter();
        writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 4);
        writer.addOperatorCode(150, 1); // GELU: beyond the deprecated byte field
        writer.addCustomOperatorCode("SIGNAL_FFT", 1);
        writer.addSubgraph("main");
        Model model = root(writer.toByteArray());

        OperatorCode fc = model.operatorCodes(0);
        assertEquals(9, fc.deprecatedBuiltinCode());
        assertEquals(9, fc.builtinCode());
        assertEquals(4, fc.version());
        OperatorCode gelu = model.operatorCodes(1);
        assertEquals(127, gelu.deprecatedBuiltinCode());
        assertEquals(150, gelu.builtinCode());
        OperatorCode custom = model.operatorCodes(2);
        assertEquals(32, custom.builtinCode());
        assertEquals("SIGNAL_FFT", custom.customCode());
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
        Model model = root(file);

        assertEquals(16, model.buffersLength());
        for (int i = 1; i < 15; i++) {
            Buffer buffer = model.buffers(i);
            int start = buffer.dataAsByteBuffer().position();
            assertEquals(0, start % TfliteWriter.BUFFER_ALIGNMENT, "buffer " + i + " starts at " + start);
            int size = buffer.dataLength();
            assertEquals(1 + 3 * (i - 1), size);
            assertEquals((byte) size, file[start + size - 1]);
        }
        Metadata metadata = model.metadata(0);
        assertEquals("min_runtime_version", metadata.name());
        int start = model.buffers((int) metadata.buffer()).dataAsByteBuffer().position();
        byte[] padded = Arrays.copyOfRange(file, start, start + 16);
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
            Model model = root(writer.toByteArray());
            for (int i = 1; i < model.buffersLength(); i++) {
                int start = model.buffers(i).dataAsByteBuffer().position();
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
        SubGraph tensors = root(writer.toByteArray()).subgraphs(0);

        Tensor x = tensors.tensors(0);
        assertEquals("x", x.name());
        assertEquals(TensorType.INT8.code(), x.type());
        assertEquals(0, x.buffer());
        assertEquals(3, x.shape(1));
        QuantizationParameters xq = x.quantization();
        assertEquals(0.5f, xq.scale(0));
        assertEquals(-3L, xq.zeroPoint(0));

        Tensor w = tensors.tensors(1);
        assertEquals(weights, w.buffer());
        QuantizationParameters wq = w.quantization();
        assertEquals(2, wq.scaleLength());
        assertEquals(0.125f, wq.scale(1));
        assertEquals(2, wq.zeroPointLength());
        assertEquals(0, wq.quantizedDimension());

        Tensor state = tensors.tensors(2);
        assertTrue(state.isVariable());
        assertNull(state.quantization());
    }

    @Test
    void writesTheOptionsOfAnyUnionMemberAndCustomOptions() {
        TfliteWriter writer = new TfliteWriter();
        int pad = writer.addOperatorCode(BuiltinOperator.STABLEHLO_PAD, 1);
        int custom = writer.addCustomOperatorCode("SIGNAL_WINDOW", 1);
        SubgraphBuilder graph = writer.addSubgraph("main");
        StablehloPadOptionsT padOptions = new StablehloPadOptionsT();
        padOptions.setEdgePaddingLow(new long[] {1, 2});
        graph.addOperator(pad, new int[] {0}, new int[] {1}, padOptions);
        graph.addCustomOperator(custom, new int[] {0}, new int[] {1}, new byte[] {7, 8, 9});
        Model model = root(writer.toByteArray());

        Operator stablehlo = model.subgraphs(0).operators(0);
        assertEquals(BuiltinOptions.NONE, stablehlo.builtinOptionsType());
        assertEquals(BuiltinOptions2.StablehloPadOptions, stablehlo.builtinOptions2Type());
        assertEquals(2, ((StablehloPadOptions) stablehlo.builtinOptions2(new StablehloPadOptions())).edgePaddingLow(1));
        Operator signal = model.subgraphs(0).operators(1);
        assertEquals(3, signal.customOptionsLength());
        assertEquals(9, signal.customOptions(2));
        assertThrows(IllegalArgumentException.class, () -> graph.addOperator(pad, new int[0], new int[0], "options"));
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
        graph.addOperator(fc, new int[] {in, w, -1}, new int[] {out}, new FullyConnectedOptionsT());
        graph.inputs(in).outputs(out);

        TfLiteOracle.Result result = TfLiteOracle.run(writer.toByteArray(), new byte[][] {{5, -6}}, TfLiteOracle.Options.defaults());

        assertArrayEquals(new byte[] {5 - 12, -15 - 24}, result.output(0));
        assertTrue(result.outputs().get(0).scale() == 1f);
    }

    private static Model root(byte[] file) {
        return Model.getRootAsModel(ByteBuffer.wrap(file));
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
