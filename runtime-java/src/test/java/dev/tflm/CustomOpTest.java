package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlexBuffersBuilder;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Custom ops implemented in Java, called by the native interpreter through FFM upcalls. */
class CustomOpTest {

    private static final String SCALE = "JavaScale";
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;
    private static final float[] CONSTANT = {10, 20, 30, 40};

    /** output = input * options["factor"] (float32, any shape), as a C kernel would check and compute it. */
    static final class Scale implements CustomOp {
        @Override
        public String name() {
            return SCALE;
        }

        @Override
        public void prepare(OpContext context) {
            OpTensor in = context.input(0);
            OpTensor out = context.output(0);
            if (in.type() != TensorType.FLOAT32 || out.type() != TensorType.FLOAT32) {
                throw new IllegalArgumentException("JavaScale takes float32, got " + in.type());
            }
            if (in.elementCount() != out.elementCount()) {
                throw new IllegalArgumentException("JavaScale: output shape differs from input's");
            }
        }

        @Override
        public void invoke(OpContext context) {
            float factor = context.options().getFloat("factor", 1f);
            MemorySegment in = context.input(0).data();
            MemorySegment out = context.output(0).data();
            for (long i = 0; i < in.byteSize() / Float.BYTES; i++) {
                out.setAtIndex(FLOAT, i, factor * in.getAtIndex(FLOAT, i));
            }
        }
    }

    @Test
    void aJavaOpRunsBetweenTheInputAndABuiltinOp() {
        byte[] bytes = model(SCALE, false, 1, options(b -> b.putFloat("factor", 2.5f)));
        try (Model model = Model.fromBytes(bytes);
             Interpreter interpreter = new Interpreter(model, withOps(new Scale()))) {
            assertEquals(List.of(SCALE, "RELU"), List.of(interpreter.operatorName(0), interpreter.operatorName(1)));
            interpreter.input(0).writeFloats(new float[] {-1, 0.5f, 2, -3});
            interpreter.invoke();
            assertArrayEquals(new float[] {0, 1.25f, 5, 0}, interpreter.output(0).readFloats());
            interpreter.input(0).writeFloats(new float[] {4, -4, 0, 1});
            interpreter.invoke();
            assertArrayEquals(new float[] {10, 0, 0, 2.5f}, interpreter.output(0).readFloats());
            // One operator at a time runs the Java op the same way (the planner may give y x's bytes: write x again).
            interpreter.input(0).writeFloats(new float[] {4, -4, 0, 1});
            interpreter.invokeOperator(0);
            assertArrayEquals(new float[] {10, -10, 0, 2.5f}, interpreter.tensor(1).readFloats());
        }
    }

    @Test
    void eachNodeReadsItsOwnOptionsAndOneOpServesSeveralInterpreters() {
        byte[] bytes = model(SCALE, false, 2, options(b -> b.putFloat("factor", 2f)),
                options(b -> b.putInt("factor", 3)));
        Scale scale = new Scale();
        try (Model model = Model.fromBytes(bytes);
             Interpreter first = new Interpreter(model, withOps(scale));
             Interpreter second = new Interpreter(model, withOps(scale))) {
            first.input(0).writeFloats(new float[] {1, 2, -1, 0});
            second.input(0).writeFloats(new float[] {0.5f, 0, 0, 0});
            first.invoke();
            second.invoke();
            assertArrayEquals(new float[] {6, 12, 0, 0}, first.output(0).readFloats());
            assertArrayEquals(new float[] {3, 0, 0, 0}, second.output(0).readFloats());
        }
    }

    @Test
    void tensorDataIsTheArenaItself() {
        // The op writes into its input: a copy would leave the interpreter's input tensor unchanged.
        CustomOp doubler = CustomOp.of(SCALE, context -> {
            MemorySegment in = context.input(0).data();
            for (long i = 0; i < 4; i++) {
                in.setAtIndex(FLOAT, i, 2 * in.getAtIndex(FLOAT, i));
            }
            MemorySegment.copy(in, 0, context.output(0).data(), 0, in.byteSize());
        });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(doubler))) {
            interpreter.input(0).writeFloats(new float[] {1, 2, 3, 4});
            interpreter.invoke();
            assertArrayEquals(new float[] {2, 4, 6, 8}, interpreter.input(0).readFloats());
            assertArrayEquals(new float[] {2, 4, 6, 8}, interpreter.output(0).readFloats());
        }
    }

    @Test
    void prepareSeesShapesTypesAndConstantDataButNoPlannedData() {
        List<String> seen = new ArrayList<>();
        CustomOp op = CustomOp.of(SCALE, context -> {
            assertTrue(context.isPreparing());
            assertEquals(SCALE, context.opName());
            assertEquals(2, context.inputCount());
            assertEquals(1, context.outputCount());
            OpTensor in = context.input(0);
            OpTensor constant = context.input(1);
            seen.add(in.type() + " " + java.util.Arrays.toString(in.shape()) + " " + in.byteSize()
                    + " constant=" + in.isConstant());
            assertTrue(constant.isConstant());
            assertFalse(constant.isVariable());
            assertArrayEquals(CONSTANT, constant.data().toArray(FLOAT));
            // Constant data lies in the model: read only.
            assertTrue(constant.data().isReadOnly());
            IllegalStateException unplanned = assertThrows(IllegalStateException.class, in::data);
            assertTrue(unplanned.getMessage().contains("input 0 has no data during prepare"), unplanned.getMessage());
            assertEquals(Quantization.NONE, in.quantization());
            assertTrue(context.options().isEmpty());
        }, context -> {
            assertFalse(context.isPreparing());
            MemorySegment in = context.input(0).data();
            MemorySegment constant = context.input(1).data();
            MemorySegment out = context.output(0).data();
            for (long i = 0; i < 4; i++) {
                out.setAtIndex(FLOAT, i, in.getAtIndex(FLOAT, i) + constant.getAtIndex(FLOAT, i));
            }
        });
        try (Model model = Model.fromBytes(model(SCALE, true, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            assertEquals("FLOAT32 [1, 4] 16 constant=false", seen.getFirst());
            interpreter.input(0).writeFloats(new float[] {1, -100, 3, -4});
            interpreter.invoke();
            assertArrayEquals(new float[] {11, 0, 33, 36}, interpreter.output(0).readFloats());
        }
    }

    @Test
    void optionsOfEveryKindReadThroughTheRuntimesReader() {
        byte[] options = options(b -> {
            b.putFloat("factor", 2.5);
            b.putInt("count", 7);
            b.putInt("huge", 1L << 40);
            b.putBoolean("enabled", true);
            b.putString("mode", "fast");
            int axes = b.startVector();
            b.putInt(1);
            b.putInt(-2);
            b.putInt(3);
            b.endVector("axes", axes, true, false);
            int weights = b.startVector();
            b.putFloat(0.5f);
            b.putFloat(1.5f);
            b.endVector("weights", weights, true, false);
        });
        AtomicReference<String> read = new AtomicReference<>();
        CustomOp op = CustomOp.of(SCALE, context -> {
            CustomOptions o = context.options();
            assertFalse(o.isEmpty());
            assertEquals(options.length, o.bytes().byteSize());
            assertTrue(o.bytes().isReadOnly());
            assertTrue(o.contains("mode"));
            assertFalse(o.contains("absent"));
            assertEquals(2.5f, o.getFloat("factor"));
            assertEquals(2.5, o.getDouble("factor"));
            assertEquals(2, o.getInt("factor")); // a float read as an int truncates, as FlexBuffers does
            assertEquals(7, o.getInt("count"));
            assertEquals(7L, o.getLong("count"));
            assertEquals(7f, o.getFloat("count"));
            assertEquals(1L << 40, o.getLong("huge"));
            assertTrue(o.getBoolean("enabled"));
            assertEquals("fast", o.getString("mode"));
            assertArrayEquals(new int[] {1, -2, 3}, o.getInts("axes"));
            assertArrayEquals(new float[] {0.5f, 1.5f}, o.getFloats("weights"));
            assertEquals(9, o.getInt("absent", 9));
            assertEquals("slow", o.getString("absent", "slow"));
            assertFalse(o.getBoolean("absent", false));
            assertEquals(-1.0, o.getDouble("absent", -1.0));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> o.getInt("absent"));
            assertEquals("JavaScale: no custom option \"absent\"", missing.getMessage());
            IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> o.getInt("mode"));
            assertTrue(kind.getMessage().startsWith("JavaScale: custom option \"mode\" is not a number"),
                    kind.getMessage());
            assertThrows(IllegalArgumentException.class, () -> o.getString("count"));
            assertThrows(IllegalArgumentException.class, () -> o.getInts("count"));
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> o.getInt("huge"));
            assertTrue(range.getMessage().contains("does not fit an int"), range.getMessage());
            read.set("ok");
        }, context -> { });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, options));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            assertEquals("ok", read.get());
        }
    }

    @Test
    void optionsThatAreNotAMapFailWhenRead() {
        FlexBuffersBuilder vector = new FlexBuffersBuilder();
        int start = vector.startVector();
        vector.putInt(1);
        vector.endVector(null, start, true, false);
        for (byte[] options : List.of(bytesOf(vector.finish()), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})) {
            CustomOp op = CustomOp.of(SCALE, context -> context.options().getInt("factor", 1), context -> { });
            try (Model model = Model.fromBytes(model(SCALE, false, 1, options))) {
                TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, withOps(op)));
                assertTrue(e.getMessage().startsWith("operator 0 (JavaScale): java.lang.IllegalArgumentException: "
                        + "JavaScale: custom options are not"), e.getMessage());
            }
        }
    }

    @Test
    void anExceptionInInvokeIsAnInterpreterErrorWithTheExceptionAsCause() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom at call 2");
        CustomOp op = CustomOp.of(SCALE, context -> {
            if (calls.incrementAndGet() == 2) {
                throw boom;
            }
            MemorySegment.copy(context.input(0).data(), 0, context.output(0).data(), 0, 16);
        });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            interpreter.input(0).writeFloats(new float[] {1, 2, 3, 4});
            interpreter.invoke();
            TflmException e = assertThrows(TflmException.class, interpreter::invoke);
            assertEquals(Status.KERNEL, e.status());
            assertEquals("operator 0 (JavaScale): java.lang.IllegalStateException: boom at call 2", e.getMessage());
            assertSame(boom, e.getCause());
            // The interpreter goes on: the next invoke runs, and a later failure-free call has no stale cause.
            interpreter.input(0).writeFloats(new float[] {-1, 5, 6, 7});
            interpreter.invoke();
            assertArrayEquals(new float[] {0, 5, 6, 7}, interpreter.output(0).readFloats());
        }
    }

    @Test
    void anyThrowableIsCaughtAndLongMessagesAreCut() {
        String longMessage = "x".repeat(400);
        CustomOp op = CustomOp.of(SCALE, context -> {
            throw new AssertionError(longMessage);
        });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            TflmException e = assertThrows(TflmException.class, interpreter::invoke);
            assertTrue(e.getMessage().startsWith("operator 0 (JavaScale): java.lang.AssertionError: xxx"),
                    e.getMessage());
            assertTrue(e.getMessage().length() < 160, "cut to the native message capacity: " + e.getMessage().length());
            assertEquals(longMessage, e.getCause().getMessage());
        }
    }

    @Test
    void aCheckedExceptionInPrepareFailsTheInterpretersCreation() throws Exception {
        CustomOp op = CustomOp.of(SCALE, context -> {
            throw new java.io.IOException("table missing");
        }, context -> { });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null))) {
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, withOps(op)));
            assertEquals(Status.KERNEL, e.status());
            assertEquals("operator 0 (JavaScale): java.io.IOException: table missing", e.getMessage());
            assertTrue(e.getCause() instanceof java.io.IOException);
            // Prepare refuses float32 here as Scale's would: the message names the operator.
            byte[] int8 = model(SCALE, false, 1, null, TensorType.INT8);
            try (Model other = Model.fromBytes(int8)) {
                TflmException refused = assertThrows(TflmException.class,
                        () -> new Interpreter(other, withOps(new Scale())));
                assertEquals("operator 0 (JavaScale): java.lang.IllegalArgumentException: "
                        + "JavaScale takes float32, got INT8", refused.getMessage());
            }
        }
        // No interpreter stayed attached to the model: it closed.
    }

    @Test
    void aTflmExceptionThrownByTheOpKeepsItsStatusAndMessage() {
        CustomOp op = CustomOp.of(SCALE, context -> {
            throw new TflmException(Status.UNSUPPORTED, "JavaScale has no int8 path");
        }, context -> { });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null))) {
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, withOps(op)));
            assertEquals(Status.UNSUPPORTED, e.status());
            assertEquals("operator 0 (JavaScale): JavaScale has no int8 path", e.getMessage());
        }
    }

    @Test
    void anUnregisteredCustomOpIsTheUsualError() {
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null))) {
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertEquals(Status.UNSUPPORTED, e.status());
            assertTrue(e.getMessage().contains("operator 0: no kernel registered for custom op JavaScale"),
                    e.getMessage());
            CustomOp other = CustomOp.of("OtherOp", context -> { });
            TflmException stillMissing = assertThrows(TflmException.class,
                    () -> new Interpreter(model, withOps(other)));
            assertTrue(stillMissing.getMessage().contains("no kernel registered for custom op JavaScale"),
                    stillMissing.getMessage());
        }
    }

    @Test
    void theModelListsItsCustomOps() {
        try (Model model = Model.fromBytes(chain(SCALE, false, 2, new byte[0][], TensorType.FLOAT32))) {
            assertEquals(java.util.Map.of(SCALE, 2), model.customOps());
            assertEquals(List.of(SCALE), model.unsupportedOps());
        }
    }

    @Test
    void contextsTensorsAndSegmentsAreUnusableAfterTheCall() {
        AtomicReference<OpContext> keptContext = new AtomicReference<>();
        AtomicReference<OpTensor> keptTensor = new AtomicReference<>();
        AtomicReference<MemorySegment> keptData = new AtomicReference<>();
        AtomicReference<CustomOptions> keptOptions = new AtomicReference<>();
        CustomOp op = CustomOp.of(SCALE, context -> {
            keptContext.set(context);
            keptTensor.set(context.output(0));
            keptData.set(context.output(0).data());
            keptOptions.set(context.options());
            keptData.get().fill((byte) 0);
        });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, options(b -> b.putInt("factor", 2))));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            interpreter.invoke();
            assertThrows(IllegalStateException.class, () -> keptData.get().get(FLOAT, 0));
            assertThrows(IllegalStateException.class, () -> keptData.get().set(FLOAT, 0, 1f));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> keptContext.get().input(0));
            assertEquals("JavaScale: the op context is only valid during the call it was given to", e.getMessage());
            assertThrows(IllegalStateException.class, () -> keptTensor.get().data());
            assertThrows(IllegalStateException.class, () -> keptTensor.get().shape());
            assertThrows(IllegalStateException.class, () -> keptOptions.get().getInt("factor"));
            // The interpreter's own view of the same bytes is unaffected.
            assertArrayEquals(new float[] {0, 0, 0, 0}, interpreter.output(0).readFloats());
        }
    }

    @Test
    void persistentMemoryLivesFromPrepareThroughEveryInvoke() {
        // A per-node invocation counter, as a C kernel would keep it in tflm_alloc_persistent memory.
        CustomOp counter = CustomOp.of(SCALE, context -> {
            MemorySegment memory = context.allocatePersistent(64);
            assertEquals(64, memory.byteSize());
            assertEquals(0, memory.address() % 16);
            assertEquals(0L, memory.get(ValueLayout.JAVA_LONG, 0), "zeroed");
            memory.set(ValueLayout.JAVA_LONG, 0, 100);
            assertThrows(IllegalStateException.class, () -> context.allocatePersistent(8));
        }, context -> {
            MemorySegment memory = context.persistentData();
            long count = memory.get(ValueLayout.JAVA_LONG, 0) + 1;
            memory.set(ValueLayout.JAVA_LONG, 0, count);
            context.output(0).data().fill((byte) 0);
            context.output(0).data().set(FLOAT, 0, count);
            assertThrows(IllegalStateException.class, () -> context.allocatePersistent(8));
        });
        long plain;
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null))) {
            try (Interpreter interpreter = new Interpreter(model, withOps(CustomOp.of(SCALE, context -> { })))) {
                plain = interpreter.arenaBytes();
            }
            try (Interpreter interpreter = new Interpreter(model, withOps(counter))) {
                assertEquals(plain + 64, interpreter.arenaBytes());
                interpreter.invoke();
                interpreter.invoke();
                interpreter.invoke();
                assertEquals(103f, interpreter.output(0).readFloats()[0]);
            }
        }
    }

    @Test
    void persistentMemoryLargerThanTheFirstArenaIsFoundByAutomaticSizing() {
        int bytes = 4 << 20;
        CustomOp big = CustomOp.of(SCALE, context -> context.allocatePersistent(bytes), context -> { });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null))) {
            assertTrue(Interpreter.initialArenaBound(model) < bytes);
            try (Interpreter interpreter = new Interpreter(model, withOps(big))) {
                assertTrue(interpreter.arenaBytes() > bytes, "arena " + interpreter.arenaBytes());
            }
            Interpreter.Options tooSmall = Interpreter.Options.builder().arenaBytes(1 << 20).customOp(big).build();
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, tooSmall));
            assertEquals(Status.ARENA_TOO_SMALL, e.status());
            assertTrue(e.getMessage().matches("arena too small: model needs \\d+ bytes, 1048576 given"),
                    e.getMessage());
        }
    }

    @Test
    void persistentDataWithoutAllocationIsAnError() {
        CustomOp op = CustomOp.of(SCALE, OpContext::persistentData);
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            TflmException e = assertThrows(TflmException.class, interpreter::invoke);
            assertEquals("operator 0 (JavaScale): java.lang.IllegalStateException: "
                    + "JavaScale: no persistent memory: allocate it in prepare", e.getMessage());
        }
    }

    @Test
    void anOpCannotInvokeOrCloseTheInterpreterRunningIt() {
        AtomicReference<Interpreter> self = new AtomicReference<>();
        AtomicReference<String> action = new AtomicReference<>("invoke");
        CustomOp op = CustomOp.of(SCALE, context -> {
            if (action.get().equals("invoke")) {
                self.get().invoke();
            } else {
                self.get().close();
            }
        });
        try (Model model = Model.fromBytes(model(SCALE, false, 1, null));
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            self.set(interpreter);
            for (String what : List.of("invoke", "close")) {
                action.set(what);
                TflmException e = assertThrows(TflmException.class, interpreter::invoke);
                assertTrue(e.getCause() instanceof IllegalStateException, what);
                assertTrue(e.getCause().getMessage().contains("cannot invoke or close the interpreter that runs it"),
                        e.getCause().getMessage());
                assertFalse(interpreter.isClosed());
            }
        }
    }

    @Test
    void anOmittedOptionalInputIsAbsent() {
        TfliteWriter writer = new TfliteWriter();
        int code = writer.addCustomOperatorCode(SCALE, 1);
        SubgraphBuilder g = writer.addSubgraph("main");
        int x = g.addTensor(TensorDef.of("x", TensorType.FLOAT32, 4));
        int y = g.addTensor(TensorDef.of("y", TensorType.FLOAT32, 4));
        g.addCustomOperator(code, new int[] {x, -1}, new int[] {y}, null);
        g.inputs(x).outputs(y);
        AtomicReference<String> seen = new AtomicReference<>();
        CustomOp op = CustomOp.of(SCALE, context -> {
            assertEquals(2, context.inputCount());
            assertTrue(context.hasInput(0));
            assertFalse(context.hasInput(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> context.input(1));
            seen.set(e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> context.input(2));
        }, context -> { });
        try (Model model = Model.fromBytes(writer.toByteArray());
             Interpreter interpreter = new Interpreter(model, withOps(op))) {
            assertEquals("JavaScale: input 1 is omitted (an optional input)", seen.get());
        }
    }

    @Test
    void quantizationParametersAreTheModels() {
        TfliteWriter writer = new TfliteWriter();
        int code = writer.addCustomOperatorCode(SCALE, 1);
        SubgraphBuilder g = writer.addSubgraph("main");
        int x = g.addTensor(TensorDef.of("x", TensorType.INT8, 1, 4).withQuantization(Quantization.perTensor(0.5f, -3)));
        int y = g.addTensor(TensorDef.of("y", TensorType.INT8, 1, 4).withQuantization(Quantization.perTensor(0.25f, 7)));
        g.addCustomOperator(code, new int[] {x}, new int[] {y}, null);
        g.inputs(x).outputs(y);
        // Requantizes: real = 0.5 (q + 3) into y's scale and zero point.
        CustomOp requantize = CustomOp.of(SCALE, context -> {
            Quantization in = context.input(0).quantization();
            Quantization out = context.output(0).quantization();
            MemorySegment from = context.input(0).data();
            MemorySegment to = context.output(0).data();
            for (long i = 0; i < from.byteSize(); i++) {
                float real = in.scales().getFirst() * (from.get(ValueLayout.JAVA_BYTE, i) - in.zeroPoints().getFirst());
                to.set(ValueLayout.JAVA_BYTE, i, (byte) (Math.round(real / out.scales().getFirst())
                        + out.zeroPoints().getFirst()));
            }
        });
        try (Model model = Model.fromBytes(writer.toByteArray());
             Interpreter interpreter = new Interpreter(model, withOps(requantize))) {
            interpreter.input(0).writeInt8(new byte[] {-3, -1, 1, 10});
            interpreter.invoke();
            assertArrayEquals(new byte[] {7, 11, 15, 33}, interpreter.output(0).readInt8());
        }
    }

    @Test
    void optionsRejectDuplicateAndMalformedNames() {
        Interpreter.Options.Builder builder = Interpreter.Options.builder().customOp(new Scale());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.customOp(new Scale()));
        assertEquals("custom op JavaScale is already registered", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.customOp(CustomOp.of("", c -> { })));
        assertThrows(IllegalArgumentException.class, () -> builder.customOp(CustomOp.of("a\0b", c -> { })));
        assertThrows(NullPointerException.class, () -> builder.customOp(null));
        Interpreter.Options options = builder.customOps(List.of(CustomOp.of("Other", c -> { }))).build();
        assertEquals(List.of(SCALE, "Other"), options.customOps().stream().map(CustomOp::name).toList());
        assertEquals(List.of(), Interpreter.Options.defaults().customOps());
    }

    @Test
    void aSharedArenaInterpreterRunsItsJavaOpOnAnotherThread() throws Exception {
        byte[] bytes = model(SCALE, false, 1, options(b -> b.putFloat("factor", -1f)));
        Interpreter.Options shared = Interpreter.Options.builder().sharedArena(true).customOp(new Scale()).build();
        try (Model model = Model.fromBytes(bytes); Interpreter interpreter = new Interpreter(model, shared)) {
            interpreter.input(0).writeFloats(new float[] {-1, -2, 3, 4});
            Thread thread = new Thread(interpreter::invoke);
            thread.start();
            thread.join();
            assertArrayEquals(new float[] {1, 2, 0, 0}, interpreter.output(0).readFloats());
        }
    }

    private static Interpreter.Options withOps(CustomOp... ops) {
        return Interpreter.Options.builder().customOps(List.of(ops)).build();
    }

    /** FlexBuffers map built by the writer given. */
    static byte[] options(Consumer<FlexBuffersBuilder> entries) {
        FlexBuffersBuilder builder = new FlexBuffersBuilder();
        int map = builder.startMap();
        entries.accept(builder);
        builder.endMap(null, map);
        return bytesOf(builder.finish());
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] model(String opName, boolean constantInput, int nodes, byte[] options) {
        return model(opName, constantInput, nodes, options, TensorType.FLOAT32);
    }

    private static byte[] model(String opName, boolean constantInput, int nodes, byte[] first, byte[] second) {
        return chain(opName, constantInput, nodes, new byte[][] {first, second}, TensorType.FLOAT32);
    }

    private static byte[] model(String opName, boolean constantInput, int nodes, byte[] options, TensorType type) {
        return chain(opName, constantInput, nodes, new byte[][] {options}, type);
    }

    /**
     * x [1, 4] → {@code nodes} CUSTOM operators named opName in a row (the first one also reading a
     * constant [4] when constantInput), node i with options[i] → RELU → y. Tensors: x 0, the
     * custom ops' outputs 1.., the constant after them, y last.
     */
    private static byte[] chain(String opName, boolean constantInput, int nodes, byte[][] options, TensorType type) {
        TfliteWriter writer = new TfliteWriter().description("custom op test");
        int custom = writer.addCustomOperatorCode(opName, 1);
        int relu = writer.addOperatorCode(BuiltinOperator.RELU, 1);
        SubgraphBuilder g = writer.addSubgraph("main");
        int x = g.addTensor(TensorDef.of("x", type, 1, 4));
        int[] outputs = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            outputs[i] = g.addTensor(TensorDef.of("t" + i, type, 1, 4));
        }
        int constant = -1;
        if (constantInput) {
            ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : CONSTANT) {
                data.putFloat(value);
            }
            constant = g.addTensor(TensorDef.of("c", type, 4).withBuffer(writer.addBuffer(data.array())));
        }
        int y = g.addTensor(TensorDef.of("y", type, 1, 4));
        int previous = x;
        for (int i = 0; i < nodes; i++) {
            int[] inputs = i == 0 && constantInput ? new int[] {previous, constant} : new int[] {previous};
            byte[] nodeOptions = i < options.length ? options[i] : null;
            g.addCustomOperator(custom, inputs, new int[] {outputs[i]}, nodeOptions);
            previous = outputs[i];
        }
        g.addOperator(relu, new int[] {previous}, new int[] {y}, null);
        g.inputs(x).outputs(y);
        return writer.toByteArray();
    }
}
