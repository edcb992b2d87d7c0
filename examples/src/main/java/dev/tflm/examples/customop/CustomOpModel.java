package dev.tflm.examples.customop;

import com.google.flatbuffers.FlexBuffersBuilder;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.FullyConnectedOptionsT;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model of the firmware example {@code examples/firmware/custom_op}: a user's own op,
 * {@code SpikeFilter} (its C kernel is {@code examples/firmware/custom_op/user_op.c}), in front of
 * two of the library's builtin ops:
 *
 * <pre>
 * frame [1,3] → CUSTOM SpikeFilter {window: 5, threshold: 0.5} → filtered [1,3]
 *             → FULLY_CONNECTED (weights [2,3], bias [2]) → RELU → scores [1,2]
 * </pre>
 *
 * <p>Outputs: 0 scores, 1 filtered. Everything is float32; the weights are fixed multiples of 1/8
 * so the example's expected values can be worked out by hand. The custom op's options are a
 * FlexBuffers map, as TensorFlow's converter writes them for custom ops. Every build gives the
 * same bytes.
 *
 * <pre>java dev.tflm.examples.customop.CustomOpModel custom_op.tflite</pre>
 */
public final class CustomOpModel {
    /** The op's {@code custom_code}: the name the C kernel registers under. */
    public static final String OP_NAME = "SpikeFilter";
    /** Option "window": frames the median covers. */
    public static final int WINDOW = 5;
    /** Option "threshold": the largest distance from the median a value keeps. */
    public static final float THRESHOLD = 0.5f;
    /** FULLY_CONNECTED's weights, [outputs][inputs]. */
    public static final float[][] WEIGHTS = {{0.5f, -0.25f, 1.0f}, {-1.0f, 0.75f, 0.5f}};
    /** FULLY_CONNECTED's bias. */
    public static final float[] BIAS = {0.125f, -0.25f};

    private static final String DESCRIPTION = "custom op example: SpikeFilter -> FULLY_CONNECTED -> RELU";

    private CustomOpModel() {
    }

    /** The custom op's options: the FlexBuffers map {@code {threshold: 0.5, window: 5}}. */
    public static byte[] options() {
        FlexBuffersBuilder flex = new FlexBuffersBuilder();
        int map = flex.startMap();
        flex.putInt("window", WINDOW);
        flex.putFloat("threshold", THRESHOLD);
        flex.endMap(null, map);
        ByteBuffer bytes = flex.finish();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    /** The model's bytes. */
    public static byte[] build() {
        int outputs = WEIGHTS.length;
        int inputs = WEIGHTS[0].length;
        TfliteWriter writer = new TfliteWriter().description(DESCRIPTION);
        int spikeFilter = writer.addCustomOperatorCode(OP_NAME, 1);
        int fullyConnected = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 1);
        int relu = writer.addOperatorCode(BuiltinOperator.RELU, 1);

        SubgraphBuilder graph = writer.addSubgraph("main");
        int frame = graph.addTensor(TensorDef.of("frame", TensorType.FLOAT32, 1, inputs));
        int filtered = graph.addTensor(TensorDef.of("filtered", TensorType.FLOAT32, 1, inputs));
        int weights = graph.addTensor(TensorDef.of("dense/weights", TensorType.FLOAT32, outputs, inputs)
                .withBuffer(writer.addBuffer(littleEndian(flatten(WEIGHTS)))));
        int bias = graph.addTensor(TensorDef.of("dense/bias", TensorType.FLOAT32, outputs)
                .withBuffer(writer.addBuffer(littleEndian(BIAS))));
        int dense = graph.addTensor(TensorDef.of("dense", TensorType.FLOAT32, 1, outputs));
        int scores = graph.addTensor(TensorDef.of("scores", TensorType.FLOAT32, 1, outputs));

        graph.addCustomOperator(spikeFilter, new int[] {frame}, new int[] {filtered}, options());
        FullyConnectedOptionsT fcOptions = new FullyConnectedOptionsT();
        fcOptions.setFusedActivationFunction(ActivationFunctionType.NONE);
        graph.addOperator(fullyConnected, new int[] {filtered, weights, bias}, new int[] {dense}, fcOptions);
        graph.addOperator(relu, new int[] {dense}, new int[] {scores}, null);
        graph.inputs(frame).outputs(scores, filtered);
        return writer.toByteArray();
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * rows[r].length, rows[r].length);
        }
        return out;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CustomOpModel <model path>");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), build());
    }
}
