package dev.tflm.examples.customop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflm.CustomOp;
import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.OperatorInfo;
import dev.tflm.TensorType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The model of the firmware example custom_op: its layout, its options as the runtime's FlexBuffers
 * reader sees them, and its builtin part's values (the C op itself is tested by
 * native/tests/test_custom_op_example.c and by the firmware's own check).
 */
class CustomOpModelTest {

    @Test
    void buildsTheSameBytesEveryTime() {
        assertArrayEquals(CustomOpModel.build(), CustomOpModel.build());
    }

    @Test
    void spikeFilterFeedsFullyConnectedThenRelu() {
        try (Model model = Model.fromBytes(CustomOpModel.build())) {
            List<OperatorInfo> operators = model.operators();
            assertEquals(List.of("SpikeFilter", "FULLY_CONNECTED", "RELU"),
                    operators.stream().map(OperatorInfo::opName).toList());
            assertEquals(Map.of("SpikeFilter", 1), model.customOps());
            assertEquals(List.of("SpikeFilter"), model.unsupportedOps()); // the user's, not the library's
            int frame = model.inputs().getFirst();
            int filtered = operators.get(0).outputs().getFirst();
            assertEquals(List.of(frame), operators.get(0).inputs());
            assertEquals(filtered, operators.get(1).inputs().getFirst());
            assertEquals(List.of(operators.get(2).outputs().getFirst(), filtered), model.outputs());
            for (int tensor : List.of(frame, filtered)) {
                assertEquals(TensorType.FLOAT32, model.tensors().get(tensor).type());
                assertEquals(List.of(1, 3), model.tensors().get(tensor).shape());
            }
        }
    }

    /** The options through the runtime's reader; the op passes frames through unfiltered. */
    @Test
    void optionsReadBackAndScoresAreReluOfTheDenseLayer() {
        AtomicReference<String> options = new AtomicReference<>();
        CustomOp passThrough = CustomOp.of(CustomOpModel.OP_NAME,
                context -> options.set(context.options().getInt("window") + " "
                        + context.options().getFloat("threshold")),
                context -> MemorySegment.copy(context.input(0).data(), 0, context.output(0).data(), 0,
                        context.input(0).byteSize()));
        try (Model model = Model.fromBytes(CustomOpModel.build());
             Interpreter interpreter = new Interpreter(model,
                     Interpreter.Options.builder().customOp(passThrough).build())) {
            assertEquals("5 0.5", options.get());
            float[] frame = {0.5f, 3.0f, -2.0f};
            interpreter.input(0).writeFloats(frame);
            interpreter.invoke();
            assertArrayEquals(frame, interpreter.output(1).readFloats());
            // relu(0.25 - 0.75 - 2 + 0.125) = 0, relu(-0.5 + 2.25 - 1 - 0.25) = 0.5
            assertArrayEquals(new float[] {0.0f, 0.5f}, interpreter.output(0).readFloats());
        }
    }
}
