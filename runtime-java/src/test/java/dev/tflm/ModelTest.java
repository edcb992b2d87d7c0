package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void inspectsHelloWorldInt8() throws IOException {
        try (Model model = Model.load(SharedData.model("hello_world_int8.tflite"))) {
            assertEquals(3, model.version());
            assertEquals(2704, model.byteSize());
            assertEquals(1, model.subgraphCount());
            assertEquals(Map.of("FULLY_CONNECTED", 3), model.opCounts());
            OperatorInfo first = model.operators().getFirst();
            assertEquals(0, first.index());
            assertEquals("FULLY_CONNECTED", first.opName());
            assertEquals(List.of(0, 6, 5), first.inputs());
            assertEquals(List.of(7), first.outputs());
            assertEquals(List.of(0), model.inputs());
            assertEquals(List.of(9), model.outputs());
            assertEquals(10, model.tensors().size());

            TensorInfo input = model.tensors().getFirst();
            assertEquals("serving_default_dense_input:0", input.name());
            assertEquals(TensorType.INT8, input.type());
            assertEquals(List.of(1, 1), input.shape());
            assertEquals(0.0244801f, input.quantization().scales().getFirst(), 1e-7);
            assertEquals(List.of(-128L), input.quantization().zeroPoints());
            assertFalse(input.constant());

            TensorInfo weights = model.tensors().get(4);
            assertEquals(List.of(16, 16), weights.shape());
            assertEquals(256, weights.bufferBytes());
            assertTrue(weights.constant());
            // 16 + 256 + 16 int8 weights, 4 + 64 + 64 bytes of int32 bias.
            assertEquals(420, model.weightBytes());
            assertEquals(List.of(), model.unsupportedOps());
        }
    }

    @Test
    void readsPerChannelQuantization() throws IOException {
        try (Model model = Model.load(SharedData.model("person_detect.tflite"))) {
            TensorInfo filter = model.tensors().stream()
                    .filter(t -> t.constant() && t.quantization().isPerChannel()).findFirst().orElseThrow();
            Quantization q = filter.quantization();
            assertEquals(q.scales().size(), q.zeroPoints().size());
            int dimension = q.quantizedDimension();
            assertEquals(q.scales().size(), filter.shape().get(dimension), "one scale per channel of dim " + dimension);
        }
    }

    @Test
    void marksVariableTensors() throws IOException {
        try (Model model = Model.load(SharedData.model("keyword_scrambled.tflite"))) {
            assertTrue(model.opCounts().containsKey("SVDF"));
            assertTrue(model.tensors().stream().anyMatch(t -> t.variable() && !t.constant()));
        }
    }

    @Test
    void namesCustomOpsAndFindsTheSignalKernels() throws IOException {
        try (Model model = Model.load(SharedData.model("audio_preprocessor_int8.tflite"))) {
            assertTrue(model.operators().stream().anyMatch(op -> op.isCustom() && op.opName().equals("SignalWindow")));
            assertEquals(List.of(), model.unsupportedOps());
        }
    }

    @Test
    void everySharedModelLoadsAndCountsItsOps() throws IOException {
        Path models = SharedData.model("");
        try (Stream<Path> files = Files.list(models)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tflite")).toList()) {
                try (Model model = Model.load(file)) {
                    int counted = model.opCounts().values().stream().mapToInt(Integer::intValue).sum();
                    assertEquals(model.operators().size(), counted, file.toString());
                    assertFalse(model.inputs().isEmpty(), file.toString());
                    assertTrue(model.weightBytes() > 0, file.toString());
                }
            }
        }
    }

    @Test
    void fromBytesDescribesTheSameModelAsLoad() throws IOException {
        Path file = SharedData.model("micro_speech_quantized.tflite");
        try (Model mapped = Model.load(file); Model copied = Model.fromBytes(Files.readAllBytes(file))) {
            assertEquals(mapped.operators(), copied.operators());
            assertEquals(mapped.tensors(), copied.tensors());
            assertEquals(mapped.weightBytes(), copied.weightBytes());
        }
    }

    @Test
    void rejectsBytesThatAreNotAModel() {
        TflmException e = assertThrows(TflmException.class, () -> Model.fromBytes(new byte[] {1, 2, 3}));
        assertEquals(Status.MALFORMED_MODEL, e.status());
        assertTrue(e.getMessage().contains("TFL3"), e.getMessage());
    }

    @Test
    void rejectsATruncatedModel() throws IOException {
        byte[] model = SharedData.modelBytes("hello_world_int8");
        byte[] truncated = java.util.Arrays.copyOf(model, 64);
        TflmException e = assertThrows(TflmException.class, () -> Model.fromBytes(truncated));
        assertEquals(Status.MALFORMED_MODEL, e.status());
    }

    /** Lengths and offsets overwritten with huge or negative values must not reach an allocation. */
    @Test
    void hostileWordsAnywhereAreMalformedNeverAnotherException() throws IOException {
        byte[] model = SharedData.modelBytes("hello_world_int8");
        int accepted = 0;
        for (int position = 0; position + 4 <= model.length; position += 4) {
            for (int word : new int[] {0x7fff_ffff, 0x8000_0000, -4, 0x0100_0000}) {
                byte[] damaged = model.clone();
                java.nio.ByteBuffer.wrap(damaged).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(position, word);
                try (Model parsed = Model.fromBytes(damaged)) {
                    parsed.tensors();
                    accepted++;
                } catch (TflmException e) {
                    assertEquals(Status.MALFORMED_MODEL, e.status(), "word " + word + " at " + position);
                }
            }
        }
        assertTrue(accepted > 0, "some words (data, not structure) change nothing the reader checks");
    }

    @Test
    void cannotBeClosedWhileAnInterpreterUsesIt() throws IOException {
        Model model = Model.load(SharedData.model("hello_world_int8.tflite"));
        Interpreter interpreter = new Interpreter(model);
        IllegalStateException e = assertThrows(IllegalStateException.class, model::close);
        assertTrue(e.getMessage().contains("1 open interpreter"), e.getMessage());
        interpreter.close();
        model.close();
        model.close();
    }

    @Test
    void useAfterCloseIsAnIllegalStateException() throws IOException {
        Model model = Model.fromBytes(SharedData.modelBytes("hello_world_int8"));
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, model::operators);
        assertEquals("model is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Interpreter(model));
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(IOException.class, () -> Model.load(Path.of("does-not-exist.tflite")));
    }

    @Test
    void copiedModelsAreAligned() throws IOException {
        try (Model model = Model.fromBytes(SharedData.modelBytes("hello_world_int8"))) {
            assertEquals(0, model.segment().address() % 16);
            assertArrayEquals(SharedData.modelBytes("hello_world_int8"),
                    model.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
    }
}
