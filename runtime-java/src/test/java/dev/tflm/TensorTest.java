package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void readsAndWritesFloats() throws IOException {
        try (Model model = Model.load(SharedData.model("hello_world_float.tflite"));
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            input.writeFloats(new float[] {1.5f});
            assertArrayEquals(new float[] {1.5f}, input.readFloats());
            assertArrayEquals(new byte[] {0, 0, (byte) 0xc0, 0x3f}, input.toByteArray(), "little-endian 1.5f");
            interpreter.invoke();
            assertEquals(Math.sin(1.5), interpreter.output(0).readFloats()[0], 0.05);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> input.writeFloats(new float[2]));
            assertTrue(e.getMessage().contains("takes 1 floats, got 2"), e.getMessage());
            IllegalStateException notInt8 = assertThrows(IllegalStateException.class, input::readInt8);
            assertTrue(notInt8.getMessage().contains("holds FLOAT32, not INT8"), notInt8.getMessage());
            assertThrows(IllegalStateException.class, () -> input.quantize(new float[1]));
        }
    }

    @Test
    void quantizesWithTheTensorsScaleAndZeroPoint() throws IOException {
        try (Model model = Model.load(SharedData.model("hello_world_int8.tflite"));
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            input.quantize(new float[] {1.0f});
            // 1.0 / 0.0244801 = 40.85 -> 41, plus zero point -128.
            assertArrayEquals(new byte[] {-87}, input.readInt8());
            assertEquals(1.0f, input.dequantize()[0], input.scale() / 2);
            input.quantize(new float[] {100f});
            assertArrayEquals(new byte[] {127}, input.readInt8(), "clamped to the int8 range");
            input.writeInt8(new byte[] {-128});
            assertEquals(0f, input.dequantize()[0]);
        }
    }

    @Test
    void readsAndWritesInt16() throws IOException {
        try (Model model = Model.load(SharedData.model("keyword_scrambled.tflite"));
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            assertEquals(TensorType.INT16, input.type());
            short[] values = new short[(int) input.elementCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) (i * 300 - 10_000);
            }
            input.writeInt16(values);
            assertArrayEquals(values, input.readInt16());
            assertEquals(values.length * 2L, input.byteSize());
        }
    }

    @Test
    void resetStateForgetsWhatPreviousInvokesLeft() throws IOException {
        try (Model model = Model.load(SharedData.model("keyword_scrambled.tflite"));
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            short[] values = new short[(int) input.elementCount()];
            java.util.Arrays.fill(values, (short) 1234);
            input.writeInt16(values);
            interpreter.invoke();
            byte[] fresh = interpreter.output(0).toByteArray();
            interpreter.invoke();
            interpreter.invoke();
            interpreter.resetState();
            interpreter.invoke();
            assertArrayEquals(fresh, interpreter.output(0).toByteArray());
        }
    }
}
