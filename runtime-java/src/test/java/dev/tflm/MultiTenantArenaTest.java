package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TFLM micro_speech's pair in one arena: the audio front end (state kept from frame to frame) and
 * the keyword model, against the same two in arenas of their own, with the keyword model run
 * between the front end's frames so that it overwrites the planned part both use.
 */
class MultiTenantArenaTest {

    private static final int WINDOW = 480;
    private static final int FRAMES = 49;

    private Model frontEnd;
    private Model keywords;

    @BeforeEach
    void loadModels() throws IOException {
        frontEnd = Model.load(SharedData.model(SharedData.AUDIO_PREPROCESSOR + ".tflite"));
        keywords = Model.load(SharedData.model("micro_speech_quantized.tflite"));
    }

    @AfterEach
    void closeModels() {
        frontEnd.close();
        keywords.close();
    }

    /** A deterministic noisy tone for frame {@code frame}. */
    private static short[] window(int frame) {
        short[] samples = new short[WINDOW];
        long state = 2654435761L * (frame + 1);
        for (int i = 0; i < WINDOW; i++) {
            state = (state * 1664525L + 1013904223L) & 0xffffffffL;
            int tone = ((i * (frame + 3)) & 63) < 32 ? 2000 : -2000;
            samples[i] = (short) (tone + (state >>> 20) - 2048);
        }
        return samples;
    }

    /** The 49 feature frames, then the keyword scores, appended; with clobber, the keyword model
     * also runs after every frame. */
    private static byte[] featuresAndScores(Interpreter frontEnd, Interpreter keywords, boolean clobber) {
        ByteArrayOutputStream features = new ByteArrayOutputStream();
        for (int frame = 0; frame < FRAMES; frame++) {
            frontEnd.input(0).writeInt16(window(frame));
            assertTrue(frontEnd.invoke());
            features.writeBytes(frontEnd.output(0).readInt8());
            if (clobber) {
                assertTrue(keywords.invoke());
            }
        }
        keywords.input(0).copyFrom(features.toByteArray());
        assertTrue(keywords.invoke());
        features.writeBytes(keywords.output(0).readInt8());
        return features.toByteArray();
    }

    @Test
    void twoModelsShareOneArenaWithTheOutputsTheyHaveApart() {
        byte[] apart;
        long apartBytes;
        try (Interpreter alone = new Interpreter(frontEnd); Interpreter other = new Interpreter(keywords)) {
            apart = featuresAndScores(alone, other, false);
            apartBytes = alone.arenaBytes() + other.arenaBytes();
        }
        try (MultiTenantArena shared = MultiTenantArena.create(List.of(frontEnd, keywords))) {
            assertArrayEquals(apart, featuresAndScores(shared.interpreter(0), shared.interpreter(1), true));
            long bytes = shared.arenaBytes();
            assertEquals(shared.plannedBytes() + shared.persistentBytes(), bytes);
            assertTrue(bytes < apartBytes, bytes + " shared, " + apartBytes + " apart");

            // Exactly sized: the same bytes hold both again, 16 fewer do not.
            Interpreter.Options exact = Interpreter.Options.builder().arenaBytes(bytes).build();
            try (MultiTenantArena again = MultiTenantArena.create(List.of(frontEnd, keywords), exact)) {
                assertEquals(bytes, again.arenaBytes());
            }
            Interpreter.Options smaller = Interpreter.Options.builder().arenaBytes(bytes - 16).build();
            TflmException e = assertThrows(TflmException.class,
                    () -> MultiTenantArena.create(List.of(frontEnd, keywords), smaller));
            assertEquals(Status.ARENA_TOO_SMALL, e.status());
            assertTrue(e.nativeMessage().contains("shared arena"), e.nativeMessage());
        }
    }

    @Test
    void closingTheArenaClosesItsInterpretersAndFreesTheModels() {
        MultiTenantArena shared = MultiTenantArena.create(List.of(frontEnd, keywords));
        Interpreter first = shared.interpreter(0);
        first.close();
        assertTrue(first.isClosed());
        assertTrue(shared.interpreter(1).invoke(), "the other tenant still runs");
        shared.close();
        assertTrue(shared.isClosed());
        assertThrows(IllegalStateException.class, shared::arenaBytes);
        assertThrows(IllegalStateException.class, shared::interpreters);
        assertThrows(IllegalStateException.class, () -> shared.interpreter(1).invoke());
        // Detached from both: the models close.
        frontEnd.close();
        keywords.close();
    }

    @Test
    void needsAModel() {
        assertThrows(IllegalArgumentException.class, () -> MultiTenantArena.create(List.of()));
    }
}
