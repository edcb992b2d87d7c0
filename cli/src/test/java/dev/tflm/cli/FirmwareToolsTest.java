package dev.tflm.cli;

import static dev.tflm.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflm.Kernel;
import dev.tflm.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware workflow's commands: export-c, resolver and project. */
class FirmwareToolsTest {

    @TempDir
    Path dir;

    @Test
    void exportCWritesTheModelBytesAsAnAlignedConstArrayWithItsLength() throws IOException {
        Path model = SharedData.model("hello_world_int8.tflite");
        Path source = dir.resolve("hello_model.c");
        CliRun result = run("export-c", model.toString(), "--name", "hello_model", "--out", source.toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        String c = Files.readString(source);
        byte[] expected = Files.readAllBytes(model);
        assertTrue(c.contains("__attribute__((aligned(16))) const uint8_t hello_model[" + expected.length + "]"), c);
        assertTrue(c.contains("const size_t hello_model_size = " + expected.length + ";"), c);
        Matcher bytes = Pattern.compile("0x([0-9a-f]{2}),").matcher(c);
        byte[] parsed = new byte[expected.length];
        int count = 0;
        while (bytes.find()) {
            parsed[count++] = (byte) Integer.parseInt(bytes.group(1), 16);
        }
        assertEquals(expected.length, count);
        assertArrayEquals(expected, parsed);
        String header = Files.readString(dir.resolve("hello_model.h"));
        assertTrue(header.contains("extern const uint8_t hello_model[];"), header);
        assertTrue(header.contains("extern const size_t hello_model_size;"), header);
    }

    @Test
    void exportCRejectsFilesThatAreNotModelsAndBadNames() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.tflite"), "not a model at all");
        assertEquals(Main.EXIT_ERROR, run("export-c", junk.toString()).exitCode());
        assertEquals(Main.EXIT_USAGE, run("export-c", junk.toString(), "--name", "9lives").exitCode());
        assertEquals("_9lives_model", CArray.identifier("9lives-model.tflite"));
    }

    @Test
    void resolverRegistersExactlyTheModelsOps() {
        CliRun result = run("resolver", SharedData.model("micro_speech_quantized.tflite").toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Set<String> registered = Pattern.compile("&(tflm_op_\\w+)").matcher(result.out()).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        // An all-int8 model gets the INT8-only kernels, which link no float code.
        assertEquals(Set.of("tflm_op_depthwise_conv_2d_int8", "tflm_op_fully_connected_int8", "tflm_op_reshape",
                "tflm_op_softmax_int8"), registered);
        assertTrue(result.out().contains("tflm_status micro_speech_quantized_register_ops(tflm_op_resolver *resolver, "
                + "const tflm_kernel *storage[4])"), result.out());
    }

    @Test
    void resolverRegistersTheGeneralKernelsForAFloatModel() {
        CliRun result = run("resolver", SharedData.model("hello_world_float.tflite").toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("&tflm_op_fully_connected,"), result.out());
        assertFalse(result.out().contains("_int8"), result.out());
    }

    @Test
    void resolverRegistersTheGeneralKernelForInt16Activations() {
        // 16x8: an all-integer model, but the INT8-only FULLY_CONNECTED refuses its INT16 input.
        CliRun result = run("resolver", SharedData.file("opzoo/dense_3d_i16.tflite").toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("&tflm_op_fully_connected,"), result.out());
        assertFalse(result.out().contains("tflm_op_fully_connected_int8"), result.out());
    }

    @Test
    void resolverNamesTheOpsThisRuntimeLacks() throws IOException {
        CliRun result = run("resolver", CustomOpModel.write(dir).toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().contains("this runtime has no kernel for custom op JavaScale"), result.err());
    }

    @Test
    void resolverPicksTheInt8VariantOfAKernelOnlyForIntegerModels() {
        List<Kernel> variants = Kernel.all().stream().filter(Kernel::int8Only).toList();
        assertFalse(variants.isEmpty());
        for (Kernel variant : variants) {
            ResolverCommand.Op op = new ResolverCommand.Op(variant.builtinCode(), variant.customName());
            assertEquals(Optional.of(variant), ResolverCommand.kernelFor(op, true));
            Kernel general = ResolverCommand.kernelFor(op, false).orElseThrow();
            assertFalse(general.int8Only(), general.toString());
            assertEquals(variant.op(), general.op());
        }
        assertEquals(Optional.empty(), ResolverCommand.kernelFor(new ResolverCommand.Op(15, null), false)); // LSH_PROJECTION
    }

    @Test
    void theGeneratedResolverCompilesWithEveryKernelOfTheLibrary() throws Exception {
        String source = ResolverCommand.source("all_register_ops", Kernel.all().stream()
                .filter(kernel -> !kernel.int8Only()).toList(), "test");
        assertTrue(source.contains("const tflm_kernel *storage[" + Kernel.all().stream()
                .filter(kernel -> !kernel.int8Only()).count() + "]"), source);
        Path file = Files.writeString(dir.resolve("all_register_ops.c"), source);
        assumeTrue(Tools.onPath("cc"), "cc missing");
        Path include = SourceTree.locate().root.resolve("native/include");
        Process cc = new ProcessBuilder("cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                "-I" + include, file.toString()).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cc.exitValue(), output + source);
    }

    @Test
    void projectWritesAMakefileAndJustTheSourcesOfOneFirmware() throws Exception {
        Path out = helloWorld("hello", "make");
        String makefile = Files.readString(out.resolve("Makefile"));
        assertTrue(makefile.contains("else ifeq ($(BOARD),mps2-an385)"), makefile);
        assertTrue(makefile.contains("-mcpu=cortex-m3"), makefile);
        for (String file : List.of("example/main.c", "example/sine_model.c", "example/sine_model.h",
                "tflm/include/tflm/tflm.h", "tflm/src/core/interpreter.c", "board/host/board.c",
                "board/common/cortex_m_startup.c", "board/mps2-an385/memory.ld")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertTrue(Files.notExists(out.resolve("tflm/src/kernels/x86")), "no host SIMD kernels in a firmware project");
        // The Cortex-M variants, for a board whose core has their feature (native/CMakeLists.txt's list).
        assertTrue(Files.isRegularFile(out.resolve("tflm/src/kernels/arm/fully_connected_arm.c")));
        assertTrue(makefile.contains("grep -w __ARM_FEATURE_DSP),)\nSOURCES += tflm/src/kernels/arm/"), makefile);
        assertTrue(makefile.contains("CFLAGS += -DTFLM_VARIANT_FULLY_CONNECTED\n"), makefile);

        // Builds and runs on this machine when it has make and a C compiler.
        assumeTrue(Tools.onPath("make") && Tools.onPath("cc"), "make or cc missing");
        Process make = new ProcessBuilder("make", "-s", "-C", out.toString(), "run").redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, make.exitValue(), output);
        assertEquals(20, output.lines().filter(line -> line.startsWith("x ")).count(), output);
    }

    @Test
    void vscodeProjectAddsTasksLaunchAndIntelliSenseMatchingTheMakefile() throws Exception {
        Path out = helloWorld("vs", "vscode", "mps2-an386");
        assertTrue(Files.isRegularFile(out.resolve("Makefile")));
        ObjectMapper json = new ObjectMapper();
        JsonNode tasks = json.readTree(out.resolve(".vscode/tasks.json").toFile()).get("tasks");
        List<String> labels = new ArrayList<>();
        tasks.forEach(task -> labels.add(task.get("label").asText()));
        assertEquals(List.of("build host", "build mps2-an386", "run host", "run mps2-an386", "qemu gdb server"), labels);
        JsonNode launch = json.readTree(out.resolve(".vscode/launch.json").toFile()).get("configurations");
        assertEquals("${workspaceFolder}/hello_world.elf", launch.get(1).get("executable").asText());
        assertEquals("mps2-an386", launch.get(1).get("machine").asText());
        // A Cortex-M4F: IntelliSense gets the DSP variants' definitions, as the Makefile's probe does.
        JsonNode board = json.readTree(out.resolve(".vscode/c_cpp_properties.json").toFile()).get("configurations")
                .get(1);
        List<String> defines = new ArrayList<>();
        board.get("defines").forEach(define -> defines.add(define.asText()));
        assertTrue(defines.containsAll(List.of("FW_ARENA_BYTES=2048", "TFLM_BOARD_CPU_HZ=25000000u",
                "TFLM_VARIANT_FULLY_CONNECTED")), defines.toString());
        assertTrue(Files.readString(out.resolve("README.md")).contains("Run Build Task"));
    }

    @Test
    void platformioProjectListsExactlyTheFirmwaresSourcesForItsBoard() throws Exception {
        Path out = helloWorld("pio", "platformio");
        String ini = Files.readString(out.resolve("platformio.ini"));
        assertTrue(ini.contains("[env:bluepill-stm32f103]\nplatform = ststm32\nboard = bluepill_f103c8\n"), ini);
        assertTrue(ini.contains("  -DFW_ARENA_BYTES=2048\n  -DTFLM_BOARD_CPU_HZ=8000000u\n"), ini);
        assertTrue(ini.contains("  +<example/sine_model.c>\n"), ini);
        assertTrue(ini.contains("  +<board/bluepill-stm32f103/debug_log.c>\n"), ini);
        assertTrue(Files.isRegularFile(out.resolve("include/tflm/tflm.h")));
        // Cortex-M3: no DSP variants, and no host board.
        assertFalse(Files.exists(out.resolve("src/tflm/src/kernels/arm/fully_connected_arm.c")));
        assertFalse(Files.exists(out.resolve("src/board/host")));
        assertEquals(Main.EXIT_ERROR, run("project", "--target", "platformio", "--example", "hello_world",
                "--board", "mps2-an385", "--out", dir.resolve("none").toString()).exitCode());
    }

    @Test
    void zephyrProjectIsAModuleWithTheCoresVariantsAndASampleUsingIt() throws Exception {
        Path out = helloWorld("zephyr", "zephyr", "mps2-an386");
        assertTrue(Files.readString(out.resolve("tflm/zephyr/module.yml")).contains("kconfig: Kconfig"));
        assertTrue(Files.readString(out.resolve("tflm/Kconfig")).startsWith("config TFLM\n"));
        String module = Files.readString(out.resolve("tflm/CMakeLists.txt"));
        assertTrue(module.contains("if(CONFIG_TFLM)\n  zephyr_library()\n"), module);
        assertTrue(module.contains("    src/kernels/arm/fully_connected_arm.c\n"), module);
        assertTrue(module.contains("TFLM_VARIANT_FULLY_CONNECTED"), module);
        String app = Files.readString(out.resolve("app/CMakeLists.txt"));
        assertTrue(app.contains("  src/main.c\n"), app);
        assertTrue(app.contains("target_compile_definitions(app PRIVATE FW_ARENA_BYTES=2048)"), app);
        assertTrue(Files.readString(out.resolve("app/prj.conf")).contains("CONFIG_TFLM=y\n"));
        assertTrue(Files.isRegularFile(out.resolve("app/src/board/board_zephyr.c")));
    }

    @Test
    void keilProjectNamesTheDeviceAndListsTheFirmwaresSourcesButTheGccStartup() throws Exception {
        Path out = helloWorld("keil", "keil");
        String project = Files.readString(out.resolve("hello_world.uvprojx"));
        assertTrue(project.contains("<Device>ARMCM4</Device>\n          <Vendor>ARM</Vendor>\n"
                + "          <PackID>ARM.Cortex_DFP.1.1.0</PackID>"), project);
        assertTrue(project.contains("<Cpu>IROM(0x00000000,0x00400000) IRAM(0x20000000,0x00400000) "
                + "CPUTYPE(&quot;Cortex-M4&quot;) FPU2 CLOCK(25000000) ELITTLE</Cpu>"), project);
        assertTrue(project.contains("<uAC6>1</uAC6>"), project);
        assertTrue(project.contains(
                "<Define>FW_ARENA_BYTES=2048,TFLM_BOARD_CPU_HZ=25000000u,TFLM_VARIANT_ADD,TFLM_VARIANT_CONV,"),
                project);
        assertTrue(project.contains("<IncludePath>.\\tflm\\include;.\\tflm\\src;.\\board\\common;.\\example"
                + "</IncludePath>"), project);
        for (String file : List.of("example\\sine_model.c", "tflm\\src\\kernels\\arm\\fully_connected_arm.c",
                "board\\common\\semihosting.c", "board\\keil\\keil_main.c")) {
            assertTrue(project.contains("<FilePath>.\\" + file + "</FilePath>"), file);
            assertTrue(Files.isRegularFile(out.resolve(file.replace('\\', '/'))), file);
        }
        // The pack's start-up and vector table, not tflm's, and a scatter file with the stack they take.
        assertFalse(project.contains("cortex_m_startup"), project);
        assertTrue(project.contains("Cgroup=\"Startup\" Cvariant=\"C Startup\" Cvendor=\"ARM\""), project);
        assertTrue(Files.readString(out.resolve("hello_world.sct")).contains("ARM_LIB_STACK 0x20400000 EMPTY -0x00002000"));
        // A vendor's pack: its device, the target dialog's memory layout.
        String disco = Files.readString(helloWorld("keil-disco", "keil", "stm32f746g-disco")
                .resolve("hello_world.uvprojx"));
        assertTrue(disco.contains("<Device>STM32F746NGHx</Device>"), disco);
        assertTrue(disco.contains("<umfTarg>1</umfTarg>"), disco);
        assertTrue(disco.contains("<FilePath>.\\board\\stm32f746g-disco\\debug_log.c</FilePath>"), disco);
        CliRun wrong = run("project", "--target", "keil", "--example", "hello_world", "--board", "apollo3-evb",
                "--out", dir.resolve("none").toString());
        assertEquals(Main.EXIT_ERROR, wrong.exitCode());
        assertTrue(wrong.err().contains("mps2-an386") && wrong.err().contains("not apollo3-evb"), wrong.err());
    }

    @Test
    void mbedProjectListsTheFirmwareForAnMbedCeTargetWithMbedsBoardGlue() throws Exception {
        Path out = helloWorld("mbed", "mbed", "mps2-an386");
        String cmake = Files.readString(out.resolve("CMakeLists.txt"));
        assertTrue(cmake.contains("set(MBED_TARGET ARM_MPS2_M4 CACHE STRING"), cmake);
        assertTrue(cmake.contains("include(mbed-os/tools/cmake/mbed_toolchain_setup.cmake)\n"), cmake);
        assertTrue(cmake.contains("add_executable(${PROJECT_NAME}\n"), cmake);
        assertTrue(cmake.contains("  example/sine_model.c\n"), cmake);
        assertTrue(cmake.contains("  tflm/src/kernels/arm/fully_connected_arm.c\n"), cmake);
        assertTrue(cmake.contains("  board/mbed/board.c\n)"), cmake);
        assertTrue(cmake.contains("target_compile_definitions(${PROJECT_NAME} PRIVATE FW_ARENA_BYTES=2048 "
                + "TFLM_VARIANT_ADD TFLM_VARIANT_CONV"), cmake);
        assertTrue(cmake.contains("mbed_set_post_build(${PROJECT_NAME})"), cmake);
        assertFalse(cmake.contains("cortex_m_startup") || cmake.contains("semihosting"), cmake);
        assertTrue(Files.readString(out.resolve("mbed_app.json")).contains("\"ARM_MPS2_M4\": {"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("July 2026"));
        CliRun wrong = run("project", "--target", "mbed", "--example", "hello_world", "--board", "microbit",
                "--out", dir.resolve("none").toString());
        assertEquals(Main.EXIT_ERROR, wrong.exitCode());
        assertTrue(wrong.err().contains("DISCO_F746NG") && wrong.err().contains("not microbit"), wrong.err());
    }

    @Test
    void projectRejectsUnknownTargetsAndExamples() {
        assertEquals(Main.EXIT_USAGE, run("project", "--target", "nope", "--example", "hello_world", "--out",
                dir.toString()).exitCode());
        assertEquals(Main.EXIT_USAGE, run("project", "--target", "make", "--example", "nope", "--out",
                dir.toString()).exitCode());
        assertEquals(Main.EXIT_USAGE, run("project", "--target", "make", "--example", "benchmark", "--out",
                dir.toString()).exitCode());
    }

    /** Writes hello_world's project for TARGET (and --board BOARD) into dir/NAME. */
    private Path helloWorld(String name, String target, String... board) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("project", "--target", target, "--example", "hello_world",
                "--out", out.toString()));
        if (board.length > 0) {
            args.addAll(List.of("--board", board[0]));
        }
        CliRun result = run(args.toArray(String[]::new));
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        return out;
    }
}
