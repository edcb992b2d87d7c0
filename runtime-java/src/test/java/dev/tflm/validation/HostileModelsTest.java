package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.SharedData;
import dev.tflm.Status;
import dev.tflm.Tensor;
import dev.tflm.TflmException;
import dev.tflm.schema.BuiltinOperator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Damaged models and misuse. Every mutation of a real model (truncations, bit flips, offsets
 * overwritten with huge or negative values) must either load and run, or fail with a
 * {@link TflmException} carrying a one-line message: never another exception, never a crash
 * (a crash kills the test JVM, so this class finishing is the proof). Mutations come from fixed
 * seeds.
 */
class HostileModelsTest {
    /** Models up to this size get every truncation length and more flips. */
    private static final int SMALL_MODEL = 20_000;
    /** Values written over offsets: past the end, negative, the largest, off by one. */
    private static final int[] HOSTILE_WORDS = {0x7fff_ffff, 0x8000_0000, -1, -4, -8, 1, 0x0001_0000};

    @TestFactory
    Stream<DynamicTest> damagedModelsFailCleanly() {
        return SharedData.modelNamesExcept(Set.of()).stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> mutate(name)));
    }

    @Test
    void emptyAndForeignFilesFailCleanly() {
        Outcomes outcomes = new Outcomes();
        outcomes.attempt(new byte[0], "an empty array");
        outcomes.attempt("this is not a flatbuffer, just text".getBytes(StandardCharsets.US_ASCII), "text");
        byte[] pretender = new byte[64];
        pretender[4] = 'T';
        pretender[5] = 'F';
        pretender[6] = 'L';
        pretender[7] = '3';
        outcomes.attempt(pretender, "zeros with a TFL3 identifier");
        outcomes.attempt(new byte[] {'B', 'M', 0, 0}, "four bytes");
        System.out.println("empty and foreign files: " + outcomes);
        outcomes.assertClean();
        assertEquals(0, outcomes.accepted, "none of these is a model");
    }

    private static void mutate(String name) {
        byte[] model = SharedData.modelBytes(name);
        boolean small = model.length <= SMALL_MODEL;
        Random random = new Random(name.hashCode());
        Outcomes outcomes = new Outcomes();

        if (small) {
            for (int length = 0; length < model.length; length++) {
                outcomes.attempt(Arrays.copyOf(model, length), name + " truncated to " + length);
            }
        } else {
            for (int i = 0; i < 150; i++) {
                int length = i < 50 ? i * 8 : i < 60 ? model.length - (i - 49) : random.nextInt(model.length);
                outcomes.attempt(Arrays.copyOf(model, length), name + " truncated to " + length);
            }
        }

        int flips = small ? 1500 : 300;
        for (int i = 0; i < flips; i++) {
            int bits = i % 3 == 0 ? 2 + random.nextInt(7) : 1;
            byte[] damaged = model.clone();
            StringBuilder where = new StringBuilder();
            for (int b = 0; b < bits; b++) {
                int bit = random.nextInt(model.length * 8);
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                where.append(' ').append(bit);
            }
            outcomes.attempt(damaged, name + " with bits flipped:" + where);
        }

        List<Integer> offsets = TfliteOffsets.of(model);
        int offsetCases = small ? offsets.size() * HOSTILE_WORDS.length : 600;
        for (int i = 0; i < offsetCases; i++) {
            int position = small ? offsets.get(i / HOSTILE_WORDS.length) : offsets.get(random.nextInt(offsets.size()));
            int value = small ? HOSTILE_WORDS[i % HOSTILE_WORDS.length] : hostileWord(random, model.length);
            outcomes.attempt(withWord(model, position, value),
                    name + " with offset at " + position + " set to " + value);
        }
        for (int i = 0; i < (small ? 500 : 200); i++) {
            int position = random.nextInt(model.length / 4) * 4;
            int value = hostileWord(random, model.length);
            outcomes.attempt(withWord(model, position, value), name + " with word at " + position + " set to " + value);
        }
        System.out.println(name + " (" + model.length + " bytes, " + offsets.size() + " offsets): " + outcomes);
        outcomes.assertClean();
    }

    private static int hostileWord(Random random, int modelLength) {
        return switch (random.nextInt(4)) {
            case 0 -> HOSTILE_WORDS[random.nextInt(HOSTILE_WORDS.length)];
            case 1 -> modelLength - random.nextInt(16);
            case 2 -> -random.nextInt(modelLength);
            default -> random.nextInt();
        };
    }

    private static byte[] withWord(byte[] model, int position, int value) {
        byte[] damaged = model.clone();
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(position, value);
        return damaged;
    }

    /**
     * Tallies what damaged models did. Anything but success or a clean TflmException is kept (the
     * first few in full) rather than thrown, so that one Java-side bug does not hide the rest of
     * the mutations from the native code; {@link #assertClean()} fails on them at the end.
     */
    private static final class Outcomes {
        private static final int EXAMPLES = 5;
        int accepted;
        final Map<Status, Integer> rejected = new EnumMap<>(Status.class);
        final Map<String, Integer> unclean = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        void attempt(byte[] bytes, String what) {
            try (Model model = Model.fromBytes(bytes); Interpreter interpreter = new Interpreter(model)) {
                // what loads must also run: zeros are a valid input for every tensor type
                for (int i = 0; i < interpreter.inputCount(); i++) {
                    interpreter.input(i).copyFrom(new byte[Math.toIntExact(interpreter.input(i).byteSize())]);
                }
                interpreter.invoke();
                accepted++;
            } catch (TflmException e) {
                String message = e.getMessage();
                if (message == null || message.isBlank() || message.contains("\n") || message.contains("\r")) {
                    record(what, "TflmException without a one-line message: \"" + message + "\"");
                } else {
                    rejected.merge(e.status(), 1, Integer::sum);
                }
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                StackTraceElement origin = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                record(what, e + " at " + origin);
            }
        }

        private void record(String what, String failure) {
            unclean.merge(failure.replaceAll(":.*? at ", " at "), 1, Integer::sum);
            if (examples.size() < EXAMPLES) {
                examples.add(what + ": " + failure);
            }
        }

        void assertClean() {
            if (!unclean.isEmpty()) {
                fail(unclean.values().stream().mapToInt(Integer::intValue).sum() + " damaged models failed "
                        + "with something other than a TflmException: " + unclean + "; for example:\n  "
                        + String.join("\n  ", examples));
            }
        }

        @Override
        public String toString() {
            return accepted + " loaded and ran, rejected " + rejected + ", other failures " + unclean;
        }
    }

    @Test
    void inputOfTheWrongSizeNamesBothSizes() {
        try (Model model = Model.fromBytes(SharedData.modelBytes("vww_96_int8"));
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            int size = Math.toIntExact(input.byteSize());
            for (int wrong : new int[] {0, size - 1, size + 1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> input.copyFrom(new byte[wrong]));
                assertTrue(e.getMessage().contains(String.valueOf(size))
                        && e.getMessage().contains(String.valueOf(wrong)), e.getMessage());
            }
        }
        try (Model model = Model.fromBytes(SharedData.modelBytes(SharedData.HELLO_WORLD_FLOAT));
             Interpreter interpreter = new Interpreter(model)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> interpreter.input(0).writeFloats(new float[3]));
            assertTrue(e.getMessage().contains("1") && e.getMessage().contains("3"), e.getMessage());
        }
    }

    /**
     * Every arena from 1 byte to one short of what hello_world_int8 needs fails with
     * ARENA_TOO_SMALL and a message stating the needed bytes (design.md: "says so in the error"),
     * and that many bytes work. (0 bytes cannot be asked for: the options refuse it, 0 meaning
     * automatic sizing.)
     */
    @Test
    void everyArenaBelowTheRequirementIsTooSmallAndSaysWhatIsNeeded() {
        byte[] model = SharedData.modelBytes(SharedData.HELLO_WORLD_INT8);
        long required = requiredArena(model);
        ArenaReports reports = new ArenaReports(SharedData.HELLO_WORLD_INT8, required);
        for (long size = 1; size < required; size++) {
            reports.tooSmall(model, size);
        }
        assertThrows(IllegalArgumentException.class, () -> Interpreter.Options.builder().arenaBytes(0));
        assertRuns(model, required);
        reports.assertAllExact();
    }

    @TestFactory
    Stream<DynamicTest> sampledArenasBelowTheRequirementAreTooSmall() {
        return SharedData.modelNamesExcept(Set.of(SharedData.AUDIO_PREPROCESSOR, SharedData.HELLO_WORLD_INT8))
                .stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    byte[] model = SharedData.modelBytes(name);
                    long required = requiredArena(model);
                    Random random = new Random(name.hashCode());
                    TreeSet<Long> sizes = new TreeSet<>();
                    for (long size : new long[] {1, 16, 1024, required / 2, required - 16, required - 1}) {
                        sizes.add(Math.max(1, size));
                    }
                    for (int i = 0; i < 40; i++) {
                        sizes.add(1 + (long) (random.nextDouble() * (required - 1)));
                    }
                    ArenaReports reports = new ArenaReports(name, required);
                    for (long size : sizes) {
                        reports.tooSmall(model, size);
                    }
                    assertRuns(model, required);
                    reports.assertAllExact();
                }));
    }

    /** The bytes an automatically sized interpreter settles on. */
    private static long requiredArena(byte[] model) {
        try (Model loaded = Model.fromBytes(model); Interpreter interpreter = new Interpreter(loaded)) {
            return interpreter.arenaBytes();
        }
    }

    /** What ARENA_TOO_SMALL messages said: the exact need, or only a lower bound. */
    private static final class ArenaReports {
        private static final Pattern NEEDS = Pattern.compile("needs (at least )?(\\d+) bytes");
        private final String model;
        private final long required;
        private long exact;
        private final List<String> lowerBounds = new ArrayList<>();

        ArenaReports(String model, long required) {
            this.model = model;
            this.required = required;
        }

        /** Fails unless {@code size} bytes are too small and the message names a size between them and the need. */
        void tooSmall(byte[] bytes, long size) {
            try (Model loaded = Model.fromBytes(bytes)) {
                TflmException e = assertThrows(TflmException.class, () -> new Interpreter(loaded,
                        Interpreter.Options.builder().arenaBytes(size).build()), model + " in " + size + " bytes");
                assertEquals(Status.ARENA_TOO_SMALL, e.status(), e.getMessage());
                Matcher needs = NEEDS.matcher(e.getMessage());
                assertTrue(needs.find(), "no needed size in: " + e.getMessage());
                long stated = Long.parseLong(needs.group(2));
                assertTrue(stated > size && stated <= required, model + " in " + size + " bytes (needs " + required
                        + "): " + e.getMessage());
                if (needs.group(1) == null) {
                    assertEquals(required, stated, e.getMessage());
                    exact++;
                } else {
                    lowerBounds.add(size + " → \"" + e.getMessage() + "\"");
                }
            }
        }

        void assertAllExact() {
            System.out.println(model + " (needs " + required + " bytes): " + exact + " arenas told the exact need, "
                    + lowerBounds.size() + " only a lower bound");
            if (!lowerBounds.isEmpty()) {
                fail(model + " needs " + required + " bytes, but " + lowerBounds.size() + " of "
                        + (exact + lowerBounds.size()) + " too-small arenas were only told a lower bound, from "
                        + lowerBounds.get(0) + " to " + lowerBounds.get(lowerBounds.size() - 1));
            }
        }
    }

    private static void assertRuns(byte[] model, long arenaBytes) {
        try (Model loaded = Model.fromBytes(model);
             Interpreter interpreter = new Interpreter(loaded,
                     Interpreter.Options.builder().arenaBytes(arenaBytes).build())) {
            interpreter.invoke();
            assertEquals(arenaBytes, interpreter.arenaBytes());
        }
    }

    @Test
    void useAfterCloseIsIllegalState() {
        Model model = Model.fromBytes(SharedData.modelBytes(SharedData.HELLO_WORLD_INT8));
        Interpreter interpreter = new Interpreter(model);
        Tensor input = interpreter.input(0);
        Tensor output = interpreter.output(0);
        assertThrows(IllegalStateException.class, model::close, "a model in use by an interpreter");

        interpreter.close();
        interpreter.close(); // idempotent
        assertThrows(IllegalStateException.class, interpreter::invoke);
        assertThrows(IllegalStateException.class, () -> interpreter.input(0));
        assertThrows(IllegalStateException.class, () -> interpreter.output(0));
        assertThrows(IllegalStateException.class, interpreter::arenaBytes);
        assertThrows(IllegalStateException.class, () -> input.copyFrom(new byte[1]));
        assertThrows(IllegalStateException.class, output::toByteArray);
        assertThrows(IllegalStateException.class, output::dequantize);

        model.close();
        model.close(); // idempotent
        assertThrows(IllegalStateException.class, model::operators);
        assertThrows(IllegalStateException.class, model::byteSize);
        assertThrows(IllegalStateException.class, () -> new Interpreter(model));
    }

    @Test
    void unsupportedOpIsNamed() {
        // LSH_PROJECTION: a builtin that neither TFLM nor this runtime has a kernel for.
        SingleOpModel lsh = new SingleOpModel();
        int input = lsh.tensor("input", dev.tflm.TensorType.FLOAT32, null, 1, 4);
        int output = lsh.tensor("output", dev.tflm.TensorType.FLOAT32, null, 1, 4);
        byte[] bytes = lsh.build(BuiltinOperator.LSH_PROJECTION, 1, new int[] {input}, output, null, input);

        try (Model model = Model.fromBytes(bytes)) {
            assertEquals(List.of("LSH_PROJECTION"), model.unsupportedOps());
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertEquals(Status.UNSUPPORTED, e.status(), e.getMessage());
            assertTrue(e.getMessage().contains("LSH_PROJECTION"), e.getMessage());
        }
    }
}
