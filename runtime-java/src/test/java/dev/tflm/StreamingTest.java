package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.writer.NativeTestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A streaming model (NativeTestModels' streaming.tflite): its second CIRCULAR_BUFFER stops every other invoke
 * (TFLM's kTfLiteAbort, the C API's TFLM_STOPPED_EARLY), which {@link Interpreter#invoke()} reports as false,
 * not as an exception.
 */
class StreamingTest {

    @Test
    void invokeReturnsFalseWhenTheModelStopsEarly() {
        try (Model model = Model.fromBytes(NativeTestModels.all().get("streaming.tflite"));
             Interpreter interpreter = new Interpreter(model)) {
            assertFalse(run(interpreter, 1, 2));
            assertArrayEquals(new int[] {-5, -5, 1, 2}, ints(interpreter.output(1)));
            assertTrue(run(interpreter, 3, 4));
            assertArrayEquals(new int[] {-5, -5, 1, 2, 3, 4}, ints(interpreter.output(0)));
            assertFalse(run(interpreter, 5, 6));
            assertTrue(run(interpreter, 7, 8));
            assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8}, ints(interpreter.output(0)));

            interpreter.resetState();
            assertFalse(run(interpreter, 9, 10));
            assertTrue(interpreter.invokeOperator(0));
            assertTrue(interpreter.invokeOperator(1));
            assertTrue(interpreter.invokeOperator(2));
            assertTrue(interpreter.invokeOperator(3));
            assertArrayEquals(new int[] {-5, -5, 9, 10, 9, 10}, ints(interpreter.output(0)));
            assertEquals(7, Status.STOPPED_EARLY.code());
        }
    }

    private static boolean run(Interpreter interpreter, int x0, int x1) {
        interpreter.input(0).copyFrom(new byte[] {(byte) x0, (byte) x1});
        return interpreter.invoke();
    }

    private static int[] ints(Tensor tensor) {
        ByteBuffer bytes = ByteBuffer.wrap(tensor.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int[] values = new int[bytes.remaining() / Integer.BYTES];
        bytes.asIntBuffer().get(values);
        return values;
    }
}
