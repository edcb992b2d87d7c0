package dev.tflm.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tflm.KernelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engines the benchmarks measure do what they claim, without timing anything. */
class EnginesTest {

    /** A shared model, as the runtime's tests find them (-Dtflm.shared=DIR); skips the test without them. */
    private static byte[] shared(String name) throws IOException {
        Path dir = Path.of(System.getProperty("tflm.shared",
                Path.of(System.getProperty("tflm.repo", ".."), "..", "shared").toString()));
        assumeTrue(Files.isDirectory(dir), "skipped: shared data directory " + dir + " not found (set -Dtflm.shared=DIR)");
        return Files.readAllBytes(dir.resolve("models").resolve(name + ".tflite"));
    }

    @Test
    void theEmptyModelHandsItsInputBack() {
        try (TflmEngine engine = new TflmEngine(BenchModels.empty(), KernelSet.OPTIMIZED)) {
            assertEquals(InputBytes.of(4, true, 0)[0], engine.infer());
        }
    }

    @Test
    void tfLiteRunsAgainAndAgainOnTheSameBuffers() throws IOException {
        try (TfLiteEngine engine = new TfLiteEngine(shared("hello_world_int8"), false)) {
            byte first = engine.infer();
            // Without rewinding, the second run would find the buffers used up.
            for (int i = 0; i < 3; i++) {
                assertEquals(first, engine.infer());
            }
        }
    }

    @Test
    void tfLiteRejectsPersonDetectOnly() throws IOException {
        assertTrue(TfLiteEngine.rejects(shared("person_detect")).orElseThrow().contains("TensorFlow Lite 2.6.2"));
        assertTrue(TfLiteEngine.rejects(shared("vww_96_int8")).isEmpty());
    }
}
