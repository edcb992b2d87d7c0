package dev.tflm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.SharedData;
import dev.tflm.Tensor;
import dev.tflm.TensorType;
import dev.tflm.examples.sine.Mlp;
import dev.tflm.examples.sine.SineModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the javadoc of {@link Model} and {@link Interpreter} promises threads: a model is
 * shared, each thread runs its own interpreter of it. 8 threads each run 1,000 inferences
 * on every model at once; every output must equal the serial run's on the same input.
 * Inputs cycle through {@link #INPUTS} deterministic patterns, each thread from its own
 * start, with the state reset before each invoke so an output depends on its input alone.
 */
class ModelThreadsTest {

    private static final int THREADS = 8;
    private static final int INFERENCES = 1000;
    private static final int INPUTS = 16;
    /** Its outputs do not depend on its input (TFLM's golden output too: two halves). */
    private static final Set<String> CONSTANT_OUTPUTS = Set.of("keyword_scrambled");
    /** Interpreters each thread creates while the model is being closed. */
    private static final int CLOSE_RACE_ROUNDS = 200;
    /** How long threads wait for each other before the test fails instead of hanging. */
    private static final long WAIT_SECONDS = 60;

    private static byte[] sineInt8;
    private static byte[] sineFloat;

    @BeforeAll
    static void buildSineModels() {
        Mlp network = SineModel.train();
        sineInt8 = SineModel.int8(network);
        sineFloat = SineModel.float32(network);
    }

    @Test
    void theSineModelsRunOnEightThreadsAsSerially() throws Exception {
        runOnThreads(Map.of("sine_int8", sineInt8, "sine_float", sineFloat));
    }

    @Test
    void theSharedModelsRunOnEightThreadsAsSerially() throws Exception {
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (String name : SharedData.modelNamesExcept(Set.of(SharedData.AUDIO_PREPROCESSOR))) {
            models.put(name, SharedData.modelBytes(name));
        }
        runOnThreads(models);
    }

    @Test
    void closingAModelThatOtherThreadsUseThrowsAndNeverFreesItUnderThem(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("sine_int8.tflite");
        Files.write(file, sineInt8);
        // Memory-mapped: unmapping it under the native runtime would crash the JVM.
        Model model = Model.load(file);
        CountDownLatch allOpen = new CountDownLatch(THREADS);
        CountDownLatch closeRefused = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(pool.submit(() -> {
                    try (Interpreter interpreter = new Interpreter(model)) {
                        interpreter.invoke();
                        allOpen.countDown();
                        assertTrue(closeRefused.await(WAIT_SECONDS, TimeUnit.SECONDS));
                    }
                    createAndInvokeUntilClosed(model);
                    return null;
                }));
            }
            try {
                assertTrue(allOpen.await(WAIT_SECONDS, TimeUnit.SECONDS));
                IllegalStateException e = assertThrows(IllegalStateException.class, model::close);
                assertEquals("model is used by 8 open interpreter(s): close them before the model",
                        e.getMessage());
            } finally {
                closeRefused.countDown();
            }
            // Now the threads create, invoke and close interpreters while this one closes the
            // model: each close fails while an interpreter is open, and succeeds at the latest
            // when the threads are done.
            while (!tryClose(model)) {
                Thread.onSpinWait();
            }
            for (Future<?> thread : threads) {
                thread.get(); // ran its rounds or ended on "model is closed", nothing else
            }
        }
        IllegalStateException closed =
                assertThrows(IllegalStateException.class, () -> new Interpreter(model));
        assertEquals("model is closed", closed.getMessage());
    }

    /**
     * {@link #CLOSE_RACE_ROUNDS} interpreters created, invoked and closed one after another,
     * or fewer when creating one fails because the model is closed.
     */
    private static void createAndInvokeUntilClosed(Model model) {
        for (int round = 0; round < CLOSE_RACE_ROUNDS; round++) {
            try (Interpreter interpreter = new Interpreter(model)) {
                interpreter.input(0).copyFrom(new byte[] {(byte) round});
                interpreter.invoke();
            } catch (IllegalStateException e) {
                assertEquals("model is closed", e.getMessage());
                return;
            }
        }
    }

    private static boolean tryClose(Model model) {
        try {
            model.close();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void runOnThreads(Map<String, byte[]> modelBytes) throws Exception {
        List<String> names = List.copyOf(modelBytes.keySet());
        List<Model> models = new ArrayList<>();
        try {
            for (String name : names) {
                models.add(Model.fromBytes(modelBytes.get(name)));
            }
            byte[][][] expected = new byte[models.size()][][];
            for (int m = 0; m < models.size(); m++) {
                expected[m] = serialOutputs(models.get(m));
                boolean varies = false;
                for (byte[] output : expected[m]) {
                    varies |= !Arrays.equals(output, expected[m][0]);
                }
                // A thread that mixed up inputs or outputs shows only where outputs vary.
                assertEquals(!CONSTANT_OUTPUTS.contains(names.get(m)), varies, names.get(m));
            }
            CyclicBarrier start = new CyclicBarrier(THREADS);
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<List<String>>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    threads.add(pool.submit(() -> runThread(thread, names, models, expected, start)));
                }
                for (Future<List<String>> thread : threads) {
                    assertEquals(List.of(), thread.get());
                }
            }
        } finally {
            models.forEach(Model::close);
        }
    }

    /** One thread's interpreters, one per model; returns what differed from the serial run. */
    private static List<String> runThread(int thread, List<String> names, List<Model> models,
                                          byte[][][] expected, CyclicBarrier start) throws Exception {
        List<Interpreter> interpreters = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        try {
            for (Model model : models) {
                interpreters.add(new Interpreter(model));
            }
            start.await(WAIT_SECONDS, TimeUnit.SECONDS);
            for (int i = 0; i < INFERENCES; i++) {
                int pattern = (thread * 5 + i) % INPUTS;
                for (int m = 0; m < models.size(); m++) {
                    if (!Arrays.equals(expected[m][pattern], run(interpreters.get(m), pattern))) {
                        mismatches.add(names.get(m) + " thread " + thread + " inference " + i);
                    }
                }
            }
        } finally {
            interpreters.forEach(Interpreter::close);
        }
        return mismatches;
    }

    private static byte[][] serialOutputs(Model model) {
        byte[][] outputs = new byte[INPUTS][];
        try (Interpreter interpreter = new Interpreter(model)) {
            for (int pattern = 0; pattern < INPUTS; pattern++) {
                outputs[pattern] = run(interpreter, pattern);
            }
        }
        return outputs;
    }

    /** Input pattern {@code pattern} in, state reset, one invoke; every output's bytes out. */
    private static byte[] run(Interpreter interpreter, int pattern) {
        Random random = new Random(pattern);
        for (int i = 0; i < interpreter.inputCount(); i++) {
            Tensor input = interpreter.input(i);
            if (input.type() == TensorType.FLOAT32) {
                // Random bytes would make NaNs.
                float[] values = new float[Math.toIntExact(input.elementCount())];
                for (int j = 0; j < values.length; j++) {
                    values[j] = random.nextFloat(-16, 16);
                }
                input.writeFloats(values);
            } else {
                byte[] bytes = new byte[Math.toIntExact(input.byteSize())];
                random.nextBytes(bytes);
                input.copyFrom(bytes);
            }
        }
        interpreter.resetState();
        interpreter.invoke();
        ByteArrayOutputStream outputs = new ByteArrayOutputStream();
        for (int i = 0; i < interpreter.outputCount(); i++) {
            outputs.writeBytes(interpreter.output(i).toByteArray());
        }
        assertFalse(outputs.size() == 0);
        return outputs.toByteArray();
    }
}
