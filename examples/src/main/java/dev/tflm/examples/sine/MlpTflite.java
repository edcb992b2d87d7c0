package dev.tflm.examples.sine;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.FullyConnectedOptionsT;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes an MLP as a {@code .tflite} model: one FULLY_CONNECTED per layer (inputs: activation,
 * weights {@code [out, in]}, bias {@code [out]}), ReLU fused into the hidden layers, batch size 1.
 * Operator versions and min_runtime_version are what TensorFlow Lite's converter writes for the
 * same network (FULLY_CONNECTED 1 and "1.5.0" for float32, 4 and "1.14.0" for int8).
 */
public final class MlpTflite {
    private MlpTflite() {
    }

    /** The float32 model. */
    public static byte[] writeFloat(Mlp network, String description) {
        TfliteWriter writer = new TfliteWriter().description(description);
        int fc = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 1);
        SubgraphBuilder graph = writer.addSubgraph("main");
        int input = graph.addTensor(TensorDef.of("input", TensorType.FLOAT32, 1, network.inputSize(0)));
        int activation = input;
        for (int l = 0; l < network.layerCount(); l++) {
            String layer = "dense_" + (l + 1);
            int in = network.inputSize(l);
            int out = network.outputSize(l);
            int weights = graph.addTensor(TensorDef.of(layer + "/weights", TensorType.FLOAT32, out, in)
                    .withBuffer(writer.addBuffer(littleEndian(network.weights(l)))));
            int bias = graph.addTensor(TensorDef.of(layer + "/bias", TensorType.FLOAT32, out)
                    .withBuffer(writer.addBuffer(littleEndian(network.bias(l)))));
            int output = graph.addTensor(TensorDef.of(outputName(network.layerCount(), l), TensorType.FLOAT32, 1, out));
            graph.addOperator(fc, new int[] {activation, weights, bias}, new int[] {output},
                    options(network.hasRelu(l)));
            activation = output;
        }
        graph.inputs(input).outputs(activation);
        writer.minRuntimeVersion("1.5.0");
        return writer.toByteArray();
    }

    /** The int8 full-integer model. */
    public static byte[] writeInt8(Int8Mlp network, String description) {
        TfliteWriter writer = new TfliteWriter().description(description);
        int fc = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 4);
        SubgraphBuilder graph = writer.addSubgraph("main");
        int input = graph.addTensor(TensorDef.of("input", TensorType.INT8, 1, network.layer(0).inputSize())
                .withQuantization(quantization(network.input())));
        int activation = input;
        for (int l = 0; l < network.layerCount(); l++) {
            Int8Mlp.Layer layer = network.layer(l);
            String name = "dense_" + (l + 1);
            int weights = graph.addTensor(TensorDef.of(name + "/weights", TensorType.INT8, layer.outputSize(), layer.inputSize())
                    .withBuffer(writer.addBuffer(layer.weights()))
                    .withQuantization(quantization(layer.weightParams())));
            int bias = graph.addTensor(TensorDef.of(name + "/bias", TensorType.INT32, layer.outputSize())
                    .withBuffer(writer.addBuffer(littleEndian(layer.bias())))
                    .withQuantization(quantization(layer.biasParams())));
            int output = graph.addTensor(TensorDef.of(outputName(network.layerCount(), l), TensorType.INT8, 1, layer.outputSize())
                    .withQuantization(quantization(layer.outputParams())));
            graph.addOperator(fc, new int[] {activation, weights, bias}, new int[] {output},
                    options(layer.relu()));
            activation = output;
        }
        graph.inputs(input).outputs(activation);
        writer.minRuntimeVersion("1.14.0");
        return writer.toByteArray();
    }

    private static FullyConnectedOptionsT options(boolean relu) {
        FullyConnectedOptionsT options = new FullyConnectedOptionsT();
        options.setFusedActivationFunction(relu ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
        return options;
    }

    private static String outputName(int layerCount, int layer) {
        return layer == layerCount - 1 ? "output" : "dense_" + (layer + 1) + "/relu";
    }

    private static Quantization quantization(Int8Quantization.Params params) {
        return Quantization.perTensor(params.scale(), params.zeroPoint());
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    private static byte[] littleEndian(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return bytes.array();
    }
}
