package dev.tflm.cli;

import dev.tflm.examples.sine.SineModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tflm project --target TARGET --example NAME --out DIR [--board BOARD] [--model FILE]
 * [--shared DIR]}: a folder with just the sources one firmware needs (the runtime as
 * native/CMakeLists.txt lists it, with its Cortex-M variants, the example's main, its model
 * arrays, the host board and one Cortex-M board) and the build files of a {@link ProjectTarget}.
 */
@Command(name = "project")
final class ProjectCommand implements Callable<Integer> {

    /** Build systems by --target name. */
    static final Map<String, ProjectTarget> TARGETS = new TreeMap<>(Map.of(
            "make", new MakeTarget(), "arduino", new ArduinoTarget(), "vscode", new VscodeTarget(),
            "platformio", new PlatformioTarget(), "zephyr", new ZephyrTarget(), "keil", new KeilTarget(),
            "mbed", new MbedTarget()));

    /** Examples: their folder under examples/firmware and their Cortex-M arena bytes. */
    static final Map<String, Long> EXAMPLES = Map.of(
            "hello_world", 2048L, "micro_speech", 7168L, "person_detection", 86016L, "benchmark", 262144L);

    @Option(names = "--target", required = true, paramLabel = "TARGET")
    private String target;

    @Option(names = "--example", required = true, paramLabel = "NAME")
    private String example;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    private Path dir;

    @Option(names = "--board", paramLabel = "BOARD")
    private String board;

    @Option(names = "--model", paramLabel = "FILE")
    private Path model;

    @Option(names = "--shared", paramLabel = "DIR")
    private Path shared;

    private final PrintStream out;

    ProjectCommand(PrintStream out) {
        this.out = out;
    }

    /** A project written for another command ({@code validate}), not parsed from arguments. */
    ProjectCommand(PrintStream out, String target, String example, Path dir, String board, Path model, Path shared) {
        this(out);
        this.target = target;
        this.example = example;
        this.dir = dir;
        this.board = board;
        this.model = model;
        this.shared = shared;
    }

    @Override
    public Integer call() throws IOException, UsageException {
        ProjectTarget projectTarget = TARGETS.get(target);
        if (projectTarget == null) {
            throw new UsageException("project: --target must be one of " + TARGETS.keySet() + ", got " + target);
        }
        if (!EXAMPLES.containsKey(example)) {
            throw new UsageException("project: --example must be one of " + EXAMPLES.keySet() + ", got " + example);
        }
        if (example.equals("benchmark") && model == null) {
            throw new UsageException("project: --example benchmark needs --model FILE");
        }
        if (projectTarget instanceof ArduinoTarget && board != null) {
            throw new UsageException("project: --target arduino takes no --board: the library serves every Arduino "
                    + "board, picked in the Arduino IDE");
        }
        write(projectTarget, EXAMPLES.get(example), Map.of());
        return Main.EXIT_OK;
    }

    /**
     * Writes the project with {@code arena} bytes of arena on the board and, beside the example's
     * own files, {@code generated} (paths relative to the example's folder → contents; the .c files
     * are compiled too).
     */
    void write(ProjectTarget projectTarget, long arena, Map<String, String> generated) throws IOException,
            UsageException {
        String board = this.board != null ? this.board : projectTarget.defaultBoard();
        SourceTree tree = SourceTree.locate();
        Path shared = this.shared != null ? this.shared : tree.root.resolveSibling("shared");
        Map<String, List<String>> boardData = tree.board(board);
        if (boardData.getOrDefault("TFLM_BOARD_CPU", List.of("host")).equals(List.of("host"))) {
            throw new UsageException("project: --board must be a Cortex-M board, got " + board);
        }
        Files.createDirectories(dir);
        Path staged = projectTarget.ownLayout() ? Files.createTempDirectory("tflm-project") : dir;
        try {
            stage(projectTarget, tree, shared, boardData, board, staged, arena, generated);
        } finally {
            if (staged != dir) {
                deleteTree(staged);
            }
        }
        out.println("wrote " + dir + ": " + example + " " + projectTarget.builtFor(board) + " (" + target + ")");
    }

    /** Copies the files into {@code dir} in the common layout, then lets the target write. */
    private void stage(ProjectTarget projectTarget, SourceTree tree, Path shared, Map<String, List<String>> boardData,
            String board, Path dir, long arena, Map<String, String> generated) throws IOException {
        List<String> sources = new ArrayList<>();
        List<String> defines = new ArrayList<>();
        // The runtime: its listed sources and every header beside them, and its Cortex-M
        // variants, which the board build compiles when its core has their feature.
        SourceList runtime = SourceList.load();
        Path nativeDir = tree.root.resolve("native");
        for (String source : runtime.runtime()) {
            sources.add(copy(nativeDir.resolve(source), dir, "tflm/" + source));
        }
        List<SourceList.ArmVariants> armVariants = new ArrayList<>();
        for (SourceList.ArmVariants variants : runtime.variants()) {
            List<String> copied = new ArrayList<>();
            for (String source : variants.sources()) {
                copied.add(copy(nativeDir.resolve(source), dir, "tflm/" + source));
            }
            armVariants.add(new SourceList.ArmVariants(variants.macro(), copied, variants.definitions()));
        }
        copyHeaders(nativeDir.resolve("include/tflm"), dir, "tflm/include/tflm");
        copyHeaders(nativeDir.resolve("src/core"), dir, "tflm/src/core");
        copyHeaders(nativeDir.resolve("src/kernels"), dir, "tflm/src/kernels");
        copyHeaders(nativeDir.resolve("src/kernels/arm"), dir, "tflm/src/kernels/arm");
        copyHeaders(nativeDir.resolve("src/kernels/signal"), dir, "tflm/src/kernels/signal");
        // The example, its helpers and its arrays.
        Path firmware = tree.root.resolve("examples/firmware");
        sources.add(copy(firmware.resolve(example).resolve("main.c"), dir, "example/main.c"));
        for (String helper : List.of("fw_print.c", "fw_tensor.c")) {
            sources.add(copy(firmware.resolve("common").resolve(helper), dir, "example/" + helper));
        }
        copyHeaders(firmware.resolve("common"), dir, "example");
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        switch (example) {
            case "hello_world" -> arrays.put("sine_model", SineModel.build());
            case "micro_speech" -> arrays.put("micro_speech_model",
                    Files.readAllBytes(orShared(model, shared, "models/micro_speech_quantized.tflite")));
            case "person_detection" -> {
                arrays.put("person_detect_model",
                        Files.readAllBytes(orShared(model, shared, "models/person_detect.tflite")));
                arrays.put("person_bmp", Files.readAllBytes(shared.resolve("testdata/person.bmp")));
                arrays.put("no_person_bmp", Files.readAllBytes(shared.resolve("testdata/no_person.bmp")));
            }
            default -> {
                arrays.put("model_data", Files.readAllBytes(model));
                defines.add("FW_MODEL_NAME=\"" + CArray.identifier(model.getFileName().toString()) + "\"");
            }
        }
        for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
            String name = array.getKey();
            Files.writeString(dir.resolve("example/" + name + ".c"), CArray.source(name, array.getValue(), name));
            Files.writeString(dir.resolve("example/" + name + ".h"), CArray.header(name));
            sources.add("example/" + name + ".c");
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Files.writeString(dir.resolve("example/" + file.getKey()), file.getValue());
            if (file.getKey().endsWith(".c")) {
                sources.add("example/" + file.getKey());
            }
        }
        // The boards: the host and one Cortex-M board.
        Path ports = tree.root.resolve("board-ports");
        copyHeaders(ports.resolve("common"), dir, "board/common"); // board.h, div_u64_small.h
        copy(ports.resolve("common/cortex_m_sections.ld"), dir, "board/common/cortex_m_sections.ld");
        List<String> hostSources = List.of(copy(ports.resolve("host/board.c"), dir, "board/host/board.c"));
        copy(ports.resolve(board).resolve("memory.ld"), dir, "board/" + board + "/memory.ld");
        List<String> boardSources = new ArrayList<>();
        for (String source : boardData.getOrDefault("TFLM_BOARD_SOURCES", List.of())) {
            Path from = ports.resolve(board).resolve(source).normalize();
            String relative = ports.relativize(from).toString().replace('\\', '/');
            boardSources.add(copy(from, dir, "board/" + relative));
        }
        List<String> includes = List.of("tflm/include", "tflm/src", "board/common", "example");
        projectTarget.write(dir, this.dir, new ProjectFiles(example, sources, includes, arena,
                defines, hostSources, board, boardData, boardSources, armVariants));
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.notExists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path orShared(Path model, Path shared, String relative) {
        return model != null ? model : shared.resolve(relative);
    }

    private static String copy(Path from, Path dir, String relative) throws IOException {
        Path to = dir.resolve(relative);
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        return relative;
    }

    /** The .h files of a folder, and the .def lists they include (tflm/ops.def). */
    private static void copyHeaders(Path from, Path dir, String relative) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path header : files.filter(f -> f.toString().endsWith(".h") || f.toString().endsWith(".def"))
                    .sorted().toList()) {
                copy(header, dir, relative + "/" + header.getFileName());
            }
        }
    }
}
