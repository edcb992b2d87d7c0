package dev.tflm.cli;

import static dev.tflm.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in-process, its stdout and stderr captured. */
class MainTest {

    @TempDir
    Path dir;

    private static String helloWorld() {
        return SharedData.model("hello_world_int8.tflite").toString();
    }

    @Test
    void usageErrorsExitWith2AndPrintTheUsage() {
        for (String[] args : List.of(new String[0], new String[] {"frobnicate"}, new String[] {"inspect"},
                new String[] {"inspect", "a.tflite", "--bogus"}, new String[] {"run", "m.tflite", "--input", "0"},
                new String[] {"run", "m.tflite", "--input", "x=f.bin"}, new String[] {"run", "m.tflite", "--arena", "-5"},
                new String[] {"run", "m.tflite", "--output-dir"}, new String[] {"demo", "extra"},
                new String[] {"run", "m.tflite", "--kernels", "fast"}, new String[] {"bench"},
                new String[] {"bench", "m.tflite", "--iterations", "0"}, new String[] {"bench", "m.tflite", "--warmup"},
                new String[] {"bench", "m.tflite", "--kernels", "simd"}, new String[] {"bench", "a", "b"},
                new String[] {"bench", "m.tflite", "--iterations", "99999999999"},
                new String[] {"run", "m.tflite", "--isa", "sse2"}, new String[] {"bench", "m.tflite", "--isa"},
                new String[] {"bench", "m.tflite", "--threads", "0"})) {
            CliRun result = run(args);
            assertEquals(Main.EXIT_USAGE, result.exitCode(), String.join(" ", args));
            assertTrue(result.err().contains("usage: tflm"), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void helpPrintsTheUsageToStdout() {
        CliRun result = run("help");
        assertEquals(Main.EXIT_OK, result.exitCode());
        assertTrue(result.out().contains("run MODEL [--input INDEX=FILE]..."), result.out());
    }

    @Test
    void aMissingModelIsARuntimeErrorOnOneLine() {
        CliRun result = run("inspect", dir.resolve("missing.tflite").toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: no such file"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void aFileThatIsNotAModelIsARuntimeError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.tflite"), "definitely not a flatbuffer");
        CliRun result = run("inspect", junk.toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: not a TensorFlow Lite model"), result.err());
    }

    @Test
    void inspectPrintsOpsTensorsAndArena() {
        CliRun result = run("inspect", helloWorld());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("FULLY_CONNECTED              3"), result.out());
        assertTrue(result.out().contains("serving_default_dense_input:0"), result.out());
        assertTrue(result.out().contains("scale 0.0244801 zp -128"), result.out());
        assertTrue(result.out().contains("weight bytes  420"), result.out());
        assertTrue(result.out().contains("unsupported   none"), result.out());
        assertTrue(result.out().matches("(?s).*arena bytes   \\d+  reference kernels \\(what a board needs\\)\\n"
                + " {14}\\d+  optimized kernels on this host \\(isa [a-z0-9-]+\\)\\n.*"), result.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void inspectJsonIsOneParsableObject() {
        CliRun result = run("inspect", helloWorld(), "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count());
        Map<String, Object> json = CliRun.json(result.out());
        assertEquals(Map.of("FULLY_CONNECTED", 3.0), json.get("op_counts"));
        assertEquals(List.of(0.0), json.get("inputs"));
        assertEquals(List.of(9.0), json.get("outputs"));
        assertEquals(420.0, json.get("weight_bytes"));
        assertEquals(List.of(), json.get("unsupported_ops"));
        assertEquals(List.of(), json.get("refused_operators"));
        assertTrue((Double) json.get("arena_bytes") > 0);
        assertTrue((Double) json.get("arena_bytes_optimized") > 0);
        assertTrue(json.get("isa") instanceof String, String.valueOf(json.get("isa")));
        List<Map<String, Object>> tensors = (List<Map<String, Object>>) json.get("tensors");
        assertEquals(10, tensors.size());
        Map<String, Object> quantization = (Map<String, Object>) tensors.getFirst().get("quantization");
        assertEquals(List.of(-128.0), quantization.get("zero_points"));
        assertEquals(List.of(1.0, 1.0), tensors.getFirst().get("shape"));
        assertEquals(3, ((List<?>) json.get("operators")).size());
    }

    @Test
    void inspectNamesUnsupportedOps() throws IOException {
        CliRun result = run("inspect", CustomOpModel.write(dir).toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        // Every refused operator, each with the runtime's message.
        assertTrue(result.out().contains("refused       2 operator(s)"), result.out());
        assertTrue(result.out().contains("  operator 1: no kernel registered for custom op JavaScale"), result.out());
        assertTrue(result.out().contains("arena bytes   unknown (2 operator(s) refused)"), result.out());
    }

    @Test
    void inspectFindsEveryKernelOfTheAudioPreprocessor() {
        CliRun result = run("inspect", SharedData.model("audio_preprocessor_int8.tflite").toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("SignalFilterBankSpectralSubtraction"), result.out());
        assertTrue(result.out().contains("unsupported   none"), result.out());
        assertTrue(result.out().matches("(?s).*arena bytes   \\d+.*"), result.out());
    }

    @Test
    void inspectListsTheCustomOpsAndWhetherEachIsRegistered() throws IOException {
        String model = CustomOpModel.write(dir).toString();
        CliRun text = run("inspect", model);
        assertEquals(Main.EXIT_OK, text.exitCode(), text.err());
        assertTrue(text.out().contains("custom ops    JavaScale (2 operators): not registered\n"), text.out());
        assertTrue(text.out().contains("unsupported   JavaScale\n"), text.out());

        CliRun json = run("inspect", model, "--json");
        assertEquals(Main.EXIT_OK, json.exitCode(), json.err());
        assertEquals(List.of(Map.of("name", "JavaScale", "operators", 2.0, "registered", false)),
                CliRun.json(json.out()).get("custom_ops"));
    }

    @Test
    void inspectSaysWhenAModelHasNoCustomOps() {
        CliRun text = run("inspect", helloWorld());
        assertEquals(Main.EXIT_OK, text.exitCode(), text.err());
        assertTrue(text.out().contains("custom ops    none\n"), text.out());
        assertEquals(List.of(), CliRun.json(run("inspect", helloWorld(), "--json").out()).get("custom_ops"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runWritesEveryOutputAndReportsAsJson() throws IOException {
        Path input = Files.write(dir.resolve("x.bin"), new byte[] {(byte) (-128 + 64)});
        Path outputs = dir.resolve("out");
        CliRun result = run("run", helloWorld(), "--input", "0=" + input, "--output-dir", outputs.toString(), "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Map<String, Object> json = CliRun.json(result.out());
        assertEquals(helloWorld(), json.get("model"));
        assertTrue((Double) json.get("arena_bytes") > 0);
        assertTrue((Double) json.get("invoke_us") >= 0);
        List<Map<String, Object>> outs = (List<Map<String, Object>>) json.get("outputs");
        assertEquals(1, outs.size());
        assertEquals("INT8", outs.getFirst().get("type"));
        assertEquals(List.of(1.0, 1.0), outs.getFirst().get("shape"));
        Path file = Path.of((String) outs.getFirst().get("file"));
        assertEquals(outputs.resolve("output-0.bin"), file);
        assertEquals(1, Files.size(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runWithReferenceKernelsRunsScalarAndGivesTheSameOutput() throws IOException {
        Path input = Files.write(dir.resolve("x.bin"), new byte[] {(byte) 17});
        Map<String, Object> optimized = CliRun.json(run("run", helloWorld(), "--input",
                "0=" + input, "--output-dir", dir.resolve("optimized").toString(), "--json").out());
        CliRun result = run("run", helloWorld(), "--kernels", "reference", "--input", "0=" + input,
                "--output-dir", dir.resolve("reference").toString(), "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Map<String, Object> reference = CliRun.json(result.out());
        assertEquals("reference", reference.get("kernels"));
        assertEquals("scalar", reference.get("isa"));
        assertEquals("optimized", optimized.get("kernels"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("optimized/output-0.bin")),
                Files.readAllBytes(dir.resolve("reference/output-0.bin")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runAtScalarIsaRunsTheReferenceKernelsAndAnotherFamilysLevelIsAnError() {
        CliRun scalar = run("run", helloWorld(), "--isa", "scalar", "--output-dir", dir.toString(), "--json");
        assertEquals(Main.EXIT_OK, scalar.exitCode(), scalar.err());
        assertEquals("scalar", (CliRun.json(scalar.out())).get("isa"));
        // Hosts know SCALAR and their own family's levels; the Arm ones are Cortex-M builds'.
        CliRun arm = run("bench", helloWorld(), "--isa", "arm-dsp", "--iterations", "10");
        assertEquals(Main.EXIT_ERROR, arm.exitCode(), arm.out());
        assertTrue(arm.err().contains("max_isa"), arm.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void benchJsonHasTheSpreadAndAProfilePerOperator() {
        CliRun result = run("bench", helloWorld(), "--iterations", "25", "--warmup", "3", "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), result.out());
        Map<String, Object> json = CliRun.json(result.out());
        assertEquals("optimized", json.get("kernels"));
        assertTrue(json.get("isa") instanceof String && json.get("cpu_isa") instanceof String, result.out());
        assertEquals(25.0, json.get("iterations"));
        assertEquals(3.0, json.get("warmup_rounds"));
        double min = (Double) json.get("min_us");
        double median = (Double) json.get("median_us");
        double max = (Double) json.get("max_us");
        assertTrue(min <= (Double) json.get("p10_us") && (Double) json.get("p10_us") <= median
                && median <= (Double) json.get("p90_us") && (Double) json.get("p90_us") <= max, result.out());
        // hello_world is 1 -> 16 -> 16 -> 1 fully connected layers.
        assertEquals(16.0 + 256.0 + 16.0, json.get("macs"));
        List<Map<String, Object>> operators = (List<Map<String, Object>>) json.get("operators");
        assertEquals(3, operators.size());
        assertEquals(List.of(16.0, 256.0, 16.0), operators.stream().map(op -> op.get("macs")).toList());
        double shares = 0;
        for (Map<String, Object> op : operators) {
            assertEquals("FULLY_CONNECTED", op.get("op"));
            shares += (Double) op.get("share");
        }
        assertEquals(1.0, shares, 0.01);
        // The CPU, and the int8 peak of the kernels' level, measured in the same run (x86 levels).
        assertTrue(json.get("cpu") instanceof String && !((String) json.get("cpu")).isEmpty(), result.out());
        if (List.of("avx2", "avx512", "avx512-vnni").contains(json.get("isa"))) {
            double peak = (Double) json.get("peak_gmacs_per_s");
            assertTrue(peak > 0 && json.get("peak_instruction") instanceof String, result.out());
            assertEquals(100 * (Double) json.get("gmacs_per_s") / peak, (Double) json.get("percent_of_peak"), 0.01);
            for (Map<String, Object> op : operators) {
                assertEquals(100 * (Double) op.get("gmacs_per_s") / peak, (Double) op.get("percent_of_peak"), 0.01);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void benchOfReferenceKernelsHasNoPeak() {
        CliRun result = run("bench", helloWorld(), "--kernels", "reference", "--iterations", "5", "--warmup", "1",
                "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Map<String, Object> json = CliRun.json(result.out());
        assertFalse(json.containsKey("peak_gmacs_per_s") || json.containsKey("percent_of_peak"), result.out());
        CliRun text = run("bench", helloWorld(), "--kernels", "reference", "--iterations", "5", "--warmup", "1");
        assertFalse(text.out().contains("int8 peak"), text.out());
    }

    @Test
    void benchPrintsTheKernelsTheIsaAndTheProfile() {
        CliRun result = run("bench", helloWorld(), "--kernels", "reference", "--iterations", "10", "--warmup", "1");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("kernels      reference, isa scalar (this CPU's best: "), result.out());
        assertTrue(result.out().matches("(?s).*inference    median \\d+\\.\\d+ us .*"), result.out());
        assertTrue(result.out().contains("10 timed inferences after 1 warm-up rounds"), result.out());
        assertEquals(3, result.out().lines().filter(l -> l.matches("\\s+\\d+  FULLY_CONNECTED .*")).count(),
                result.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void benchThreadsMeasuresThroughputWithTheOutputsOfOneThread() {
        CliRun result = run("bench", helloWorld(), "--iterations", "40", "--warmup", "1", "--threads", "3",
                "--json");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Map<String, Object> json = CliRun.json(result.out());
        assertEquals(Boolean.TRUE, json.get("outputs_identical"), result.out());
        assertEquals((double) Runtime.getRuntime().availableProcessors(), json.get("cores"));
        List<Map<String, Object>> points = (List<Map<String, Object>>) json.get("throughput");
        assertEquals(List.of(1.0, 2.0, 3.0), points.stream().map(p -> p.get("threads")).toList());
        for (Map<String, Object> p : points) {
            assertEquals(40.0, p.get("inferences"));
            assertTrue((Double) p.get("inferences_per_s") > 0, result.out());
        }
        assertEquals(1.0, points.getFirst().get("speedup"));
        CliRun text = run("bench", helloWorld(), "--iterations", "8", "--warmup", "1", "--threads", "2");
        assertEquals(Main.EXIT_OK, text.exitCode(), text.err());
        assertTrue(text.out().contains("outputs equal one thread's at every count: yes"), text.out());
    }

    @Test
    void benchOfAMissingModelIsARuntimeError() {
        CliRun result = run("bench", dir.resolve("missing.tflite").toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: no such file"), result.err());
    }

    @Test
    void runPrintsArenaAndInvokeTime() {
        CliRun result = run("run", helloWorld(), "--output-dir=" + dir);
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().matches("(?s).*arena bytes  \\d+\\n.*invoke       \\d+ us\\n.*"), result.out());
        assertTrue(Files.exists(dir.resolve("output-0.bin")));
    }

    @Test
    void runRejectsAnInputOfTheWrongSize() throws IOException {
        Path input = Files.write(dir.resolve("x.bin"), new byte[3]);
        CliRun result = run("run", helloWorld(), "--input", "0=" + input, "--output-dir", dir.toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertEquals("error: input 0 (INT8 [1, 1]) takes 1 bytes, but " + input + " holds 3",
                result.err().strip());
    }

    @Test
    void runRejectsAnInputTheModelDoesNotHave() throws IOException {
        Path input = Files.write(dir.resolve("x.bin"), new byte[1]);
        CliRun result = run("run", helloWorld(), "--input", "1=" + input, "--output-dir", dir.toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: input 1 does not exist"), result.err());
    }

    @Test
    void runWithATooSmallArenaReportsTheNativeMessage() {
        CliRun result = run("run", helloWorld(), "--arena", "64", "--output-dir", dir.toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: ") && result.err().contains("arena"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void demoPrintsOnePeriodAndTheCosts() {
        CliRun result = run("demo");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        List<String> rows = result.out().lines().filter(l -> l.matches("\\s*\\d+\\.\\d{4}\\s+.*")).toList();
        assertEquals(21, rows.size(), result.out());
        assertTrue(result.out().contains("arena bytes"), result.out());
        assertTrue(result.out().contains("time per inference"), result.out());
    }
}
