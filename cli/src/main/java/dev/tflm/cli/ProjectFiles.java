package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What a generated project holds, paths relative to its folder: the C sources of the runtime,
 * the example and its model arrays ({@code sources}), the board-independent ones and those of
 * the host and of one Cortex-M board, and how to compile and run for each.
 *
 * @param name        the example, also the program's name
 * @param sources     runtime, example and array sources, for every board
 * @param includeDirs include directories
 * @param arena       the arena bytes on the Cortex-M board (the host gets 1 MiB)
 * @param defines     extra -D definitions (without -D)
 * @param hostSources the host board's sources
 * @param board       the Cortex-M board's name
 * @param boardData   its board.cmake variables (and TFLM_ARM_CPU_FLAGS)
 * @param boardSources its sources
 * @param armVariants the runtime's Cortex-M variants, compiled for the board when its core has
 *                    their feature (paths relative to the project's folder)
 */
record ProjectFiles(String name, List<String> sources, List<String> includeDirs, long arena,
        List<String> defines, List<String> hostSources, String board, Map<String, List<String>> boardData,
        List<String> boardSources, List<SourceList.ArmVariants> armVariants) {

    /** The compiler flags of the board's core, {@code -mcpu=cortex-m3 -mthumb ...}. */
    List<String> cpuFlags() {
        return boardData.getOrDefault("TFLM_ARM_CPU_FLAGS", List.of());
    }

    /** The board's core clock in Hz, as board.cmake gives it. */
    String cpuHz() {
        return String.join("", boardData.getOrDefault("TFLM_BOARD_CPU_HZ", List.of("0")));
    }

    /** The board's core name, {@code cortex-m3}. */
    String cpu() {
        return String.join("", boardData.getOrDefault("TFLM_BOARD_CPU", List.of()));
    }

    /**
     * The variants the board's core runs: for project files that, unlike the Makefile, cannot
     * ask the compiler, chosen from the core's -mcpu ({@link ArmCore}).
     */
    private List<SourceList.ArmVariants> boardVariants() {
        List<String> features = ArmCore.features(cpuFlags());
        return armVariants.stream().filter(v -> features.contains(v.macro())).toList();
    }

    /** The variants' sources the board's core compiles. */
    List<String> variantSources() {
        return boardVariants().stream().flatMap(v -> v.sources().stream()).toList();
    }

    /** The variants' definitions the board's core compiles with. */
    List<String> variantDefines() {
        return boardVariants().stream().flatMap(v -> v.definitions().stream()).toList();
    }

    /** Every source of the firmware for the board: runtime, example, its variants, then the board's. */
    List<String> firmwareSources() {
        List<String> all = new ArrayList<>(sources);
        boardVariants().forEach(v -> all.addAll(v.sources()));
        all.addAll(boardSources);
        return all;
    }

    /** The -D definitions (without -D) of the firmware for the board, as the Makefile passes them. */
    List<String> firmwareDefines() {
        List<String> all = new ArrayList<>(defines);
        all.add("FW_ARENA_BYTES=" + arena);
        all.add("TFLM_BOARD_CPU_HZ=" + cpuHz() + "u");
        boardVariants().forEach(v -> all.addAll(v.definitions()));
        return all;
    }

    /**
     * Copies from {@code staged} into {@code dir} the C files among {@code sources} and every
     * other file (headers, linker scripts) but the host board's, each to {@code layout} of its path.
     */
    static void copyOnly(Path staged, Path dir, List<String> sources, UnaryOperator<String> layout)
            throws IOException {
        Set<String> wanted = new HashSet<>(sources);
        try (Stream<Path> files = Files.walk(staged)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = staged.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("board/host/") || relative.endsWith(".c") && !wanted.contains(relative)) {
                    continue;
                }
                Path to = dir.resolve(layout.apply(relative));
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
