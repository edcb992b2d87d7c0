package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public way into the native runtime works as a JVM's first native call. The generated
 * bindings find libtflm's symbols only once {@code NativeLibrary.load()} has run, so each entry
 * point must load it itself. Each runs in a fresh JVM: in this one, earlier tests have loaded it.
 */
class FirstNativeCallTest {

    /** Runs the entry point the argument names; a failure exits non-zero with its stack trace. */
    public static void main(String[] args) {
        switch (args[0]) {
            case "interpreter" -> {
                try (Model model = Model.fromBytes(modelWithoutOperators());
                     Interpreter interpreter = new Interpreter(model)) {
                    interpreter.invoke();
                }
            }
            case "unsupported-ops" -> {
                try (Model model = Model.fromBytes(modelWithoutOperators())) {
                    model.unsupportedOps();
                }
            }
            case "cpu-isa" -> Interpreter.cpuIsa();
            case "isa-label" -> Isa.SCALAR.label();
            default -> throw new IllegalArgumentException("unknown entry point " + args[0]);
        }
    }

    /** The quickest model to build: its one input is its output. */
    private static byte[] modelWithoutOperators() {
        TfliteWriter writer = new TfliteWriter();
        SubgraphBuilder graph = writer.addSubgraph("main");
        int tensor = graph.addTensor(TensorDef.of("x", TensorType.FLOAT32, 1));
        graph.inputs(tensor).outputs(tensor);
        return writer.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "unsupported-ops", "cpu-isa", "isa-label"})
    void worksAsTheFirstNativeCall(String entryPoint) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FirstNativeCallTest.class.getName(), entryPoint)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), entryPoint + " did not finish");
        assertEquals(0, process.exitValue(), entryPoint + ":\n" + output);
    }
}
