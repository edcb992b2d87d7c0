package dev.tflm.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.KernelSet;
import dev.tflm.SharedData;
import org.junit.jupiter.api.Test;

/** The engines the benchmarks measure do what they claim, without timing anything. */
class EnginesTest {

    @Test
    void theEmptyModelHandsItsInputBack() {
        try (TflmEngine engine = new TflmEngine(BenchModels.empty(), KernelSet.OPTIMIZED)) {
            assertEquals(InputBytes.of(4, true, 0)[0], engine.infer());
        }
    }

    @Test
    void tfLiteRunsAgainAndAgainOnTheSameBuffers() {
        try (TfLiteEngine engine = new TfLiteEngine(SharedData.modelBytes(SharedData.HELLO_WORLD_INT8), false)) {
            byte first = engine.infer();
            // Without rewinding, the second run would find the buffers used up.
            for (int i = 0; i < 3; i++) {
                assertEquals(first, engine.infer());
            }
        }
    }

    @Test
    void tfLiteRejectsPersonDetectOnly() {
        assertTrue(TfLiteEngine.rejects(SharedData.modelBytes(SharedData.PERSON_DETECT)).orElseThrow()
                .contains("TensorFlow Lite 2.6.2"));
        assertTrue(TfLiteEngine.rejects(SharedData.modelBytes("vww_96_int8")).isEmpty());
    }
}
