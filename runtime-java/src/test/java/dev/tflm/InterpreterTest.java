package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private Model model;

    @BeforeEach
    void loadModel() throws IOException {
        model = Model.load(SharedData.model("hello_world_int8.tflite"));
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void sizesTheArenaToWhatTheModelNeeds() {
        long needed;
        try (Interpreter interpreter = new Interpreter(model)) {
            needed = interpreter.arenaBytes();
            assertTrue(needed > 0 && needed < Interpreter.initialArenaBound(model), "arena " + needed);
            assertEquals(1, interpreter.inputCount());
            assertEquals(1, interpreter.outputCount());
        }
        Interpreter.Options exact = Interpreter.Options.builder().arenaBytes(needed).build();
        try (Interpreter interpreter = new Interpreter(model, exact)) {
            assertEquals(needed, interpreter.arenaBytes());
        }
        Interpreter.Options smaller = Interpreter.Options.builder().arenaBytes(needed - 16).build();
        TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, smaller));
        assertEquals(Status.ARENA_TOO_SMALL, e.status());
    }

    @Test
    void aTooSmallExplicitArenaFailsWithTheNativeMessage() {
        Interpreter.Options tiny = Interpreter.Options.builder().arenaBytes(64).build();
        TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, tiny));
        assertEquals(Status.ARENA_TOO_SMALL, e.status());
        assertFalse(e.nativeMessage().isBlank());
        assertEquals(e.nativeMessage(), e.getMessage());
        assertTrue(e.nativeMessage().contains("arena"), e.nativeMessage());
    }

    @Test
    void anIsaLevelOfTheOtherFamilyIsAnInvalidArgument() {
        // Hosts know SCALAR and their own family's levels; the Arm ones are Cortex-M builds'.
        Interpreter.Options arm = Interpreter.Options.builder().maxIsa(Isa.ARM_DSP).build();
        TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model, arm));
        assertEquals(Status.INVALID_ARGUMENT, e.status());
    }

    @Test
    void isaLevelsIncludeTheLowerOnesOfTheirFamily() {
        assertTrue(Isa.AVX512_VNNI.includes(Isa.AVX2));
        assertTrue(Isa.ARM_MVE.includes(Isa.ARM_DSP));
        assertTrue(Isa.ARM_DSP.includes(Isa.SCALAR));
        assertFalse(Isa.AVX2.includes(Isa.AVX512));
        assertFalse(Isa.ARM_MVE.includes(Isa.AVX2));
        assertFalse(Isa.SCALAR.includes(Isa.ARM_DSP));
        assertTrue(Isa.BEST.includes(Isa.ARM_MVE));
        for (Isa isa : Isa.values()) {
            assertEquals(isa, Isa.ofLabel(isa.label()));
        }
        assertEquals("arm-dsp", Isa.ARM_DSP.label());
    }

    @Test
    void describesItsTensors() {
        try (Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            assertEquals(0, input.index());
            assertEquals("serving_default_dense_input:0", input.name());
            assertEquals(TensorType.INT8, input.type());
            assertArrayEquals(new int[] {1, 1}, input.shape());
            assertEquals(1, input.byteSize());
            assertEquals(0.0244801f, input.scale(), 1e-7);
            assertEquals(-128, input.zeroPoint());
            assertEquals(9, interpreter.output(0).index());
            assertEquals(model.tensors().size(), interpreter.tensorCount());
            Tensor weights = interpreter.tensor(4);
            assertTrue(weights.isConstant());
            assertEquals(256, weights.byteSize());
            assertThrows(IllegalStateException.class, () -> weights.copyFrom(new byte[256]));
            assertThrows(IndexOutOfBoundsException.class, () -> interpreter.input(1));
        }
    }

    @Test
    void predictsTheSine() {
        try (Interpreter interpreter = new Interpreter(model)) {
            // The points TFLM's hello_world test checks.
            for (float x : new float[] {0, 1, 3, 5}) {
                interpreter.input(0).quantize(new float[] {x});
                interpreter.invoke();
                float y = interpreter.output(0).dequantize()[0];
                assertEquals(Math.sin(x), y, 0.05, "sin " + x);
            }
        }
    }

    @Test
    void runningEveryOperatorInOrderIsOneInvoke() {
        try (Interpreter whole = new Interpreter(model); Interpreter stepped = new Interpreter(model)) {
            assertEquals(model.operators().size(), stepped.operatorCount());
            for (int i = 0; i < stepped.operatorCount(); i++) {
                assertEquals(model.operators().get(i).opName(), stepped.operatorName(i));
            }
            whole.input(0).quantize(new float[] {2.0f});
            stepped.input(0).quantize(new float[] {2.0f});
            whole.invoke();
            for (int i = 0; i < stepped.operatorCount(); i++) {
                stepped.invokeOperator(i);
            }
            assertArrayEquals(whole.output(0).toByteArray(), stepped.output(0).toByteArray());
            assertThrows(IndexOutOfBoundsException.class, () -> stepped.invokeOperator(stepped.operatorCount()));
            assertThrows(IndexOutOfBoundsException.class, () -> stepped.operatorName(-1));
        }
    }

    @Test
    void rejectsInputOfTheWrongSize() {
        try (Interpreter interpreter = new Interpreter(model)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> interpreter.input(0).copyFrom(new byte[3]));
            assertTrue(e.getMessage().contains("takes 1 bytes, got 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> interpreter.input(0).quantize(new float[2]));
            assertThrows(IllegalStateException.class, () -> interpreter.input(0).writeFloats(new float[1]));
        }
    }

    @Test
    void useAfterCloseIsAnIllegalStateException() {
        Interpreter interpreter = new Interpreter(model);
        Tensor input = interpreter.input(0);
        interpreter.close();
        interpreter.close();
        assertTrue(interpreter.isClosed());
        for (Runnable use : new Runnable[] {interpreter::invoke, interpreter::resetState, interpreter::arenaBytes,
                interpreter::operatorCount, () -> interpreter.invokeOperator(0), () -> interpreter.operatorName(0),
                () -> interpreter.input(0), () -> input.toByteArray(), () -> input.copyFrom(new byte[1])}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
            assertEquals("interpreter is closed", e.getMessage());
        }
    }

    @Test
    void aConfinedInterpreterStaysOnItsThread() throws Exception {
        try (Interpreter interpreter = new Interpreter(model);
             ExecutorService other = Executors.newSingleThreadExecutor()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> other.submit(interpreter::invoke).get());
            assertTrue(e.getCause() instanceof WrongThreadException, e.getCause().toString());
        }
    }

    @Test
    void aSharedArenaInterpreterRunsOnAnotherThread() throws Exception {
        Interpreter.Options shared = Interpreter.Options.builder().sharedArena(true).build();
        try (Interpreter interpreter = new Interpreter(model, shared);
             ExecutorService other = Executors.newSingleThreadExecutor()) {
            other.submit(interpreter::invoke).get();
        }
    }

    @Test
    void interpretersOfOneModelAreIndependent() {
        try (Interpreter a = new Interpreter(model); Interpreter b = new Interpreter(model)) {
            a.input(0).quantize(new float[] {1.5f});
            b.input(0).quantize(new float[] {4.5f});
            a.invoke();
            b.invoke();
            assertTrue(a.output(0).dequantize()[0] > 0.9f);
            assertTrue(b.output(0).dequantize()[0] < -0.9f);
        }
    }

    @Test
    void referenceKernelsRunScalarAndAgreeWithTheOptimizedOnes() throws IOException {
        Interpreter.Options reference = Interpreter.Options.builder().kernels(KernelSet.REFERENCE).build();
        try (Model vww = Model.load(SharedData.model("vww_96_int8.tflite"));
             Interpreter optimized = new Interpreter(vww);
             Interpreter scalar = new Interpreter(vww, reference)) {
            assertEquals(Isa.SCALAR, scalar.isa());
            assertTrue(Interpreter.cpuIsa().includes(optimized.isa()));
            byte[] image = new byte[Math.toIntExact(optimized.input(0).byteSize())];
            for (int i = 0; i < image.length; i++) {
                image[i] = (byte) (i * 31 + 7);
            }
            optimized.input(0).copyFrom(image);
            scalar.input(0).copyFrom(image);
            optimized.invoke();
            scalar.invoke();
            assertArrayEquals(scalar.output(0).toByteArray(), optimized.output(0).toByteArray());
        }
    }
}
