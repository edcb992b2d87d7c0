package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.schema.AddOptionsT;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.writer.NativeTestModels;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models of several subgraphs through the Java API: the runtime verifies, builds and prepares every
 * subgraph, runs subgraph 0, and reports what any subgraph lacks. (The calls between subgraphs and the
 * resource variables are the C tests' part: test_subgraphs runs native/tests/models with test kernels,
 * which Java cannot register.)
 */
class SubgraphModelTest {

    /**
     * Subgraph 0: {@code sum = a + b} (float32 [1, 4]); subgraph 1, which nothing calls: {@code op} on its own
     * tensors, whose input tensor index is {@code secondInput}.
     */
    private static byte[] twoSubgraphs(int op, Object options, int secondInput) {
        TfliteWriter writer = new TfliteWriter().description("two subgraphs");
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        int other = writer.addOperatorCode(op, 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int a = main.addTensor(TensorDef.of("a", TensorType.FLOAT32, 1, 4));
        int b = main.addTensor(TensorDef.of("b", TensorType.FLOAT32, 1, 4));
        int sum = main.addTensor(TensorDef.of("sum", TensorType.FLOAT32, 1, 4));
        main.addOperator(add, new int[] {a, b}, new int[] {sum}, new AddOptionsT());
        main.inputs(a, b).outputs(sum);
        SubgraphBuilder branch = writer.addSubgraph("branch");
        int x = branch.addTensor(TensorDef.of("x", TensorType.FLOAT32, 1, 4));
        int y = branch.addTensor(TensorDef.of("y", TensorType.FLOAT32, 1, 4));
        branch.addOperator(other, new int[] {secondInput, x}, new int[] {y}, options);
        branch.inputs(x).outputs(y);
        return writer.toByteArray();
    }

    @Test
    void runsSubgraph0OfATwoSubgraphModel() {
        byte[] bytes = twoSubgraphs(BuiltinOperator.MUL, null, 0);
        try (Model model = Model.fromBytes(bytes); Interpreter interpreter = new Interpreter(model)) {
            assertEquals(2, model.subgraphCount());
            assertEquals(List.of(), model.unsupportedOps());
            assertEquals(2, interpreter.subgraphCount());
            assertEquals(1, interpreter.operatorCount());
            assertEquals("ADD", interpreter.operatorName(0));
            interpreter.input(0).writeFloats(new float[] {1, 2, 3, 4});
            interpreter.input(1).writeFloats(new float[] {0.5f, -2, 10, 0});
            interpreter.invoke();
            assertArrayEquals(new float[] {1.5f, 0, 13, 4}, interpreter.output(0).readFloats());
        }
    }

    @Test
    void everySubgraphNeedsKernelsForItsOps() {
        byte[] bytes = twoSubgraphs(BuiltinOperator.LSH_PROJECTION, null, 0); // no kernel anywhere
        try (Model model = Model.fromBytes(bytes)) {
            assertEquals(List.of("LSH_PROJECTION"), model.unsupportedOps());
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertEquals(Status.UNSUPPORTED, e.status());
            assertEquals("subgraph 1 operator 0: no kernel registered for LSH_PROJECTION", e.nativeMessage());
        }
    }

    @Test
    void listsEveryRefusedOperatorWhereCreateStopsAtTheFirst() {
        TfliteWriter writer = new TfliteWriter().description("three refusals");
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        int lsh = writer.addOperatorCode(BuiltinOperator.LSH_PROJECTION, 1);
        SubgraphBuilder main = writer.addSubgraph("main");
        int a = main.addTensor(TensorDef.of("a", TensorType.FLOAT32, 1, 4));
        int wrongType = main.addTensor(TensorDef.of("wrong_type", TensorType.INT32, 1, 4));
        int hashed = main.addTensor(TensorDef.of("hashed", TensorType.FLOAT32, 1, 4));
        int sum = main.addTensor(TensorDef.of("sum", TensorType.FLOAT32, 1, 4));
        main.addOperator(add, new int[] {a, a}, new int[] {wrongType}, new AddOptionsT());
        main.addOperator(lsh, new int[] {a}, new int[] {hashed}, null);
        main.addOperator(add, new int[] {a, a}, new int[] {sum}, new AddOptionsT());
        main.inputs(a).outputs(wrongType, hashed, sum);
        SubgraphBuilder branch = writer.addSubgraph("branch");
        int x = branch.addTensor(TensorDef.of("x", TensorType.FLOAT32, 1, 4));
        int y = branch.addTensor(TensorDef.of("y", TensorType.FLOAT32, 1, 4));
        branch.addOperator(lsh, new int[] {x}, new int[] {y}, null);
        branch.inputs(x).outputs(y);
        try (Model model = Model.fromBytes(writer.toByteArray())) {
            // Kernels first (as create looks them up), then each refusal of a kernel's prepare.
            assertEquals(List.of(
                    "operator 1: no kernel registered for LSH_PROJECTION",
                    "subgraph 1 operator 0: no kernel registered for LSH_PROJECTION",
                    "operator 0 (ADD): output type INT32 differs from input type FLOAT32"),
                    model.operatorProblems());
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertEquals(model.operatorProblems().getFirst(), e.nativeMessage());
        }
        try (Model model = Model.fromBytes(twoSubgraphs(BuiltinOperator.MUL, null, 0))) {
            assertEquals(List.of(), model.operatorProblems());
        }
    }

    @Test
    void everySubgraphIsVerified() {
        byte[] bytes = twoSubgraphs(BuiltinOperator.MUL, null, 9);
        try (Model model = Model.fromBytes(bytes)) {
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertEquals(Status.MALFORMED_MODEL, e.status());
            assertEquals("subgraph 1 operator 0 input 0: tensor index 9 out of range (model has 2 tensors)",
                    e.nativeMessage());
        }
    }

    @Test
    void inspectsTheHandBuiltModelsOfTheCTests() throws IOException {
        Path file = Path.of(System.getProperty("tflm.repo", "..")).resolve(NativeTestModels.DIRECTORY)
                .resolve("subgraph_calls.tflite");
        try (Model model = Model.load(file)) {
            assertEquals(3, model.subgraphCount());
            assertEquals(List.of("TEST_VAR_HANDLE", "TEST_CALL", "TEST_CALL"),
                    model.operators().stream().map(OperatorInfo::opName).toList());
            assertEquals(TensorType.RESOURCE, model.tensors().get(1).type());
            assertEquals(List.of("TEST_VAR_HANDLE", "TEST_CALL"), model.unsupportedOps());
            TflmException e = assertThrows(TflmException.class, () -> new Interpreter(model));
            assertTrue(e.nativeMessage().contains("operator 0: no kernel registered for custom op TEST_VAR_HANDLE"),
                    e.nativeMessage());
        }
    }
}
