package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Several threads, one interpreter each, over one shared model: results in input order, equal
 * byte for byte to one interpreter's, for a stateless model and for one with state (SVDF), and
 * bad input refused without losing the workers.
 */
class ParallelInferenceTest {

    /** count input sets of random bytes for every input of the model. */
    private static List<List<byte[]>> randomInputs(Interpreter interpreter, int count, long seed) {
        Random random = new Random(seed);
        List<List<byte[]>> sets = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<byte[]> set = new ArrayList<>();
            for (int i = 0; i < interpreter.inputCount(); i++) {
                byte[] bytes = new byte[Math.toIntExact(interpreter.input(i).byteSize())];
                random.nextBytes(bytes);
                set.add(bytes);
            }
            sets.add(set);
        }
        return sets;
    }

    /** The parallel run of count random sets against one interpreter's, set by set. */
    private static void assertSameAsOneInterpreter(String modelFile, int threads, int count) throws IOException {
        try (Model model = Model.load(SharedData.model(modelFile));
             Interpreter single = new Interpreter(model);
             ParallelInference parallel = new ParallelInference(model, Interpreter.Options.defaults(), threads)) {
            assertEquals(threads, parallel.threads());
            List<List<byte[]>> inputs = randomInputs(single, count, modelFile.hashCode());
            List<ParallelInference.Result> results = parallel.run(inputs);
            assertEquals(count, results.size());
            for (int s = 0; s < count; s++) {
                ParallelInference.Result expected = ParallelInference.runOne(single, inputs.get(s));
                ParallelInference.Result actual = results.get(s);
                assertTrue(actual.completed());
                assertEquals(expected.outputs().size(), actual.outputs().size());
                for (int o = 0; o < expected.outputs().size(); o++) {
                    assertArrayEquals(expected.outputs().get(o), actual.outputs().get(o),
                            modelFile + ": set " + s + ", output " + o);
                }
            }
        }
    }

    @Test
    void outputsEqualOneInterpreters() throws IOException {
        assertSameAsOneInterpreter("ad01_int8.tflite", 3, 40);
    }

    @Test
    void statefulModelStartsEveryInferenceFromItsInitialState() throws IOException {
        // keyword_scrambled keeps SVDF state between invokes; each inference resets it, so the
        // thread and order an input set runs in do not matter
        assertSameAsOneInterpreter("keyword_scrambled.tflite", 4, 30);
    }

    @Test
    void badInputIsRefusedAndTheWorkersStayUsable() throws IOException {
        try (Model model = Model.load(SharedData.model("ad01_int8.tflite"));
             Interpreter single = new Interpreter(model);
             ParallelInference parallel = new ParallelInference(model, Interpreter.Options.defaults(), 2)) {
            List<List<byte[]>> good = randomInputs(single, 6, 7);
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> parallel.run(List.of(List.of(), List.of())));
            assertTrue(count.getMessage().contains("input set 0 has 0 inputs"), count.getMessage());
            List<List<byte[]>> wrongSize = new ArrayList<>(good);
            wrongSize.set(3, List.of(new byte[3]));
            assertThrows(IllegalArgumentException.class, () -> parallel.run(wrongSize));
            List<ParallelInference.Result> results = parallel.run(good);
            assertArrayEquals(ParallelInference.runOne(single, good.get(5)).outputs().get(0),
                    results.get(5).outputs().get(0));
        }
    }

    @Test
    void argumentsAndLifecycle() throws IOException {
        try (Model model = Model.load(SharedData.model("hello_world_int8.tflite"))) {
            assertThrows(IllegalArgumentException.class,
                    () -> new ParallelInference(model, Interpreter.Options.defaults(), 0));
            Interpreter.Options tooSmall = Interpreter.Options.builder().arenaBytes(64).build();
            TflmException failure = assertThrows(TflmException.class,
                    () -> new ParallelInference(model, tooSmall, 2));
            assertTrue(failure.getMessage().contains("arena"), failure.getMessage());
            ParallelInference parallel = new ParallelInference(model, Interpreter.Options.defaults(), 2);
            assertEquals(List.of(), parallel.run(List.of()));
            parallel.close();
            parallel.close();
            assertThrows(IllegalStateException.class, () -> parallel.run(List.of()));
        }
    }
}
