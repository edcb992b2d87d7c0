package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --target zephyr}: the runtime as a Zephyr module ({@code tflm/}: {@code
 * zephyr/module.yml}, {@code CMakeLists.txt}, {@code Kconfig}, enabled by {@code CONFIG_TFLM})
 * and the example as a sample application using it ({@code app/}: {@code CMakeLists.txt},
 * {@code prj.conf}, {@code src/main.c}), whose board glue is printk and the kernel's uptime
 * (board-ports/zephyr/board.c). The module holds the Cortex-M variants the board's core runs.
 */
final class ZephyrTarget implements ProjectTarget {

    @Override
    public boolean ownLayout() {
        return true;
    }

    @Override
    public String builtFor(String board) {
        return "as a Zephyr module and sample for " + board;
    }

    @Override
    public void write(Path staged, Path dir, ProjectFiles p) throws IOException {
        List<String> runtime = new ArrayList<>(p.sources().stream().filter(s -> s.startsWith("tflm/")).toList());
        runtime.addAll(p.variantSources());
        List<String> app = p.sources().stream().filter(s -> s.startsWith("example/")).toList();
        // The module: the runtime's sources and headers, as the staged folder has them under tflm/.
        try (Stream<Path> files = Files.walk(staged.resolve("tflm"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = staged.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".c") || runtime.contains(relative)) {
                    copy(file, dir.resolve(relative));
                }
            }
        }
        Files.createDirectories(dir.resolve("tflm/zephyr"));
        Files.writeString(dir.resolve("tflm/zephyr/module.yml"), """
                name: tflm
                build:
                  cmake: .
                  kconfig: Kconfig
                """);
        Files.writeString(dir.resolve("tflm/Kconfig"), """
                config TFLM
                \tbool "tflm: run TensorFlow Lite models"
                \thelp
                \t  The tflm runtime: a C11 interpreter for .tflite flatbuffers with
                \t  one arena, no heap, and TFLM's reference kernels.
                """);
        StringBuilder module = new StringBuilder("# The tflm runtime as a Zephyr library (CONFIG_TFLM), from `tflm project --target zephyr`.\n")
                .append("if(CONFIG_TFLM)\n  zephyr_library()\n  zephyr_include_directories(include src)\n")
                .append("  zephyr_library_sources(\n");
        runtime.forEach(s -> module.append("    ").append(s.substring("tflm/".length())).append('\n'));
        module.append("  )\n");
        if (!p.variantDefines().isEmpty()) {
            module.append("  # The ").append(p.cpu()).append(" variants above replace these kernels.\n")
                    .append("  zephyr_library_compile_definitions(").append(String.join(" ", p.variantDefines()))
                    .append(")\n");
        }
        Files.writeString(dir.resolve("tflm/CMakeLists.txt"), module.append("endif()\n").toString());
        // The sample: the example's sources, board.h and its Zephyr implementation.
        for (String file : listFiles(staged.resolve("example"))) {
            copy(staged.resolve("example").resolve(file), dir.resolve("app/src").resolve(file));
        }
        for (String header : List.of("board.h", "div_u64_small.h")) {
            copy(staged.resolve("board/common").resolve(header), dir.resolve("app/src/board").resolve(header));
        }
        copy(SourceTree.locate().root.resolve("board-ports/zephyr/board.c"), dir.resolve("app/src/board/board_zephyr.c"));
        List<String> appDefines = new ArrayList<>(p.defines());
        appDefines.add("FW_ARENA_BYTES=" + p.arena());
        StringBuilder cmake = new StringBuilder("# ").append(p.name())
                .append(" on Zephyr, from `tflm project --target zephyr`: west build -b BOARD app\n")
                .append("cmake_minimum_required(VERSION 3.20.0)\n")
                .append("list(APPEND ZEPHYR_EXTRA_MODULES ${CMAKE_CURRENT_SOURCE_DIR}/../tflm)\n")
                .append("find_package(Zephyr REQUIRED HINTS $ENV{ZEPHYR_BASE})\n")
                .append("project(").append(p.name()).append(" LANGUAGES C)\n\n")
                .append("target_sources(app PRIVATE\n");
        app.forEach(s -> cmake.append("  src/").append(s.substring("example/".length())).append('\n'));
        cmake.append("  src/board/board_zephyr.c\n)\n")
                .append("target_include_directories(app PRIVATE src src/board)\n")
                .append("target_compile_definitions(app PRIVATE");
        appDefines.forEach(d -> cmake.append(' ').append(d.contains("\"") ? "[=[" + d + "]=]" : d));
        Files.writeString(dir.resolve("app/CMakeLists.txt"), cmake.append(")\n").toString());
        Files.writeString(dir.resolve("app/prj.conf"), """
                # The tflm module, and a main stack for the interpreter's calls (the arena is static).
                CONFIG_TFLM=y
                CONFIG_PRINTK=y
                CONFIG_MAIN_STACK_SIZE=8192
                CONFIG_NEWLIB_LIBC=y
                """);
        Files.writeString(dir.resolve("README.md"), """
                # %1$s on Zephyr

                Generated by `tflm project --target zephyr --example %1$s`. `tflm/` is a Zephyr
                module (`zephyr/module.yml`, `CMakeLists.txt`, `Kconfig`: `CONFIG_TFLM`) holding the
                runtime and the Cortex-M variants a %2$s runs; `app/` is a sample application using
                it, which prints the example's lines with printk. In a west workspace (Zephyr 3.x
                or 4.x, `source zephyr/zephyr-env.sh`):

                    west build -b BOARD app           # a board with a %2$s core (the module's variants)
                    west build -t run                 # QEMU boards; Ctrl-A X quits
                    west flash                        # real boards

                Zephyr's QEMU boards include mps2/an385 (Cortex-M3) and mps2/an521 (Cortex-M33).
                `app/CMakeLists.txt` adds the module through `ZEPHYR_EXTRA_MODULES`; to share it
                between applications, list the `tflm/` folder in your `west.yml` instead.
                """.formatted(p.name(), p.cpu()));
    }

    private static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
