package dev.tflm.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's source tree as project generators read it: the files of the runtime (which
 * {@link SourceList} names), the firmware examples, and board ports as their board.cmake and
 * toolchain files describe them. Found through {@code -Dtflm.home=DIR}, else by walking up
 * from this class's location (runtime-java/target/...) or the working directory.
 */
final class SourceTree {

    private static final Pattern SET = Pattern.compile("^set\\((\\w+)([^)]*)\\)", Pattern.MULTILINE);

    final Path root;

    private SourceTree(Path root) {
        this.root = root;
    }

    static SourceTree locate() {
        List<Path> starts = new ArrayList<>();
        String home = System.getProperty("tflm.home");
        if (home != null) {
            starts.add(Path.of(home));
        }
        try {
            starts.add(Path.of(SourceTree.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // Fall back to the working directory.
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("native/include/tflm/tflm.h"))
                        && Files.isDirectory(dir.resolve("board-ports"))) {
                    return new SourceTree(dir);
                }
            }
        }
        throw new IllegalStateException("cannot find the tflm source tree (native/, board-ports/): "
                + "run from it or pass -Dtflm.home=DIR");
    }

    /** A board's data: board-ports/NAME/board.cmake plus TFLM_ARM_CPU_FLAGS of its core. */
    Map<String, List<String>> board(String name) throws IOException {
        Path file = root.resolve("board-ports").resolve(name).resolve("board.cmake");
        if (!name.matches("[A-Za-z0-9_.-]+") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no board " + name + " (board-ports/" + name + "/board.cmake)");
        }
        Map<String, List<String>> board = sets(file);
        List<String> cpu = board.getOrDefault("TFLM_BOARD_CPU", List.of());
        if (cpu.size() == 1 && !cpu.get(0).equals("host")) {
            Path toolchain = root.resolve("cmake/toolchains").resolve(cpu.get(0) + ".cmake");
            board.put("TFLM_ARM_CPU_FLAGS", sets(toolchain).getOrDefault("TFLM_ARM_CPU_FLAGS", List.of()));
        }
        return board;
    }

    /** Every {@code set(NAME values...)} at the start of a line, comments dropped. */
    static Map<String, List<String>> sets(Path cmake) throws IOException {
        String text = Files.readString(cmake).replaceAll("(?m)#.*$", "");
        Map<String, List<String>> sets = new HashMap<>();
        Matcher m = SET.matcher(text);
        while (m.find()) {
            String values = m.group(2).trim();
            sets.put(m.group(1), values.isEmpty() ? List.of() : Arrays.asList(values.split("\\s+")));
        }
        return sets;
    }
}
