package dev.tflm.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TfLiteOracleTest {

    @Test
    void runsTensorFlowLite262() {
        assertEquals("2.6.2", TfLiteOracle.runtimeVersion());
    }

    @Test
    void helloWorldInt8MatchesTflmGolden() {
        byte[] model = SharedData.modelBytes(SharedData.HELLO_WORLD_INT8);
        GoldenFile golden = GoldenFile.outputsOf(SharedData.HELLO_WORLD_INT8);
        byte[][] inputs = GoldenFile.inputsOf(SharedData.HELLO_WORLD_INT8).inputBytes();

        TfLiteOracle.Result result = TfLiteOracle.run(model, inputs, TfLiteOracle.Options.defaults());

        assertEquals(1, result.outputs().size());
        assertEquals("INT8", result.outputs().get(0).type());
        assertArrayEquals(golden.outputs().get(0).shape(), result.outputs().get(0).shape());
        assertArrayEquals(golden.outputs().get(0).data(), result.output(0));
        TfLiteOracle.TensorInfo input = result.inputs().get(0);
        assertEquals(-128, input.zeroPoint());
        assertEquals(0.0244801f, input.scale(), 1e-7f);
    }

    @Test
    void helloWorldFloatMatchesTflmGoldenWithAndWithoutXnnpack() {
        byte[] model = SharedData.modelBytes(SharedData.HELLO_WORLD_FLOAT);
        byte[][] inputs = GoldenFile.inputsOf(SharedData.HELLO_WORLD_FLOAT).inputBytes();
        float expected = firstFloat(GoldenFile.outputsOf(SharedData.HELLO_WORLD_FLOAT)
                .outputs().get(0).data());

        for (TfLiteOracle.Options options : new TfLiteOracle.Options[] {
                TfLiteOracle.Options.defaults(), TfLiteOracle.Options.xnnpack()}) {
            float actual = firstFloat(TfLiteOracle.run(model, inputs, options).output(0));
            assertEquals(expected, actual, 1e-4f * Math.max(1, Math.abs(expected)), options.toString());
        }
    }

    @Test
    void rejectsPersonDetectWithTfLitesMessage() {
        byte[] model = SharedData.modelBytes(SharedData.PERSON_DETECT);
        byte[][] inputs = {new byte[96 * 96]};

        TfLiteOracle.ModelRejectedException e = assertThrows(TfLiteOracle.ModelRejectedException.class,
                () -> TfLiteOracle.run(model, inputs, TfLiteOracle.Options.defaults()));

        assertTrue(e.getMessage().startsWith("TensorFlow Lite 2.6.2 rejected the model: "), e.getMessage());
        // TF Lite 2.6.2 only accepts per-channel quantization along axis 0; person_detect uses axis 3
        assertTrue(e.getMessage().contains("quantized_dimension"), e.getMessage());
    }

    @Test
    void rejectsGarbageAsAModel() {
        byte[] notAModel = "definitely not a flatbuffer".getBytes();

        assertThrows(TfLiteOracle.ModelRejectedException.class,
                () -> TfLiteOracle.run(notAModel, new byte[][] {{0}}, TfLiteOracle.Options.defaults()));
    }

    @Test
    void refusesInputsOfTheWrongSize() {
        byte[] model = SharedData.modelBytes(SharedData.HELLO_WORLD_INT8);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfLiteOracle.run(model, new byte[][] {{1, 2}}, TfLiteOracle.Options.defaults()));
        assertTrue(e.getMessage().contains("takes 1 bytes, got 2"), e.getMessage());
    }

    private static float firstFloat(byte[] littleEndian) {
        return ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }
}
