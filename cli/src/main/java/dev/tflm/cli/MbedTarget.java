package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --target mbed}: an application of Mbed CE, the community's continuation of Mbed OS
 * (CMakeLists.txt after mbed-ce/mbed-ce-hello-world, mbed_app.json). The firmware's sources
 * are in the project; the board glue is board-ports/mbed/board.c (Mbed's console, us_ticker
 * and exit), since Mbed brings its own start-up code, linker script and drivers.
 */
final class MbedTarget implements ProjectTarget {

    /** Mbed CE's targets (mbed-os targets/targets.json5) of the boards that have one. */
    static final Map<String, String> BOARDS = new TreeMap<>(Map.of(
            "mps2-an385", "ARM_MPS2_M3", "mps2-an386", "ARM_MPS2_M4", "mps2-an500", "ARM_MPS2_M7",
            "stm32f746g-disco", "DISCO_F746NG"));

    /** The main thread's stack, as board-ports/common/cortex_m_sections.ld reserves it. */
    private static final int STACK_BYTES = 8192;

    @Override
    public boolean ownLayout() {
        return true;
    }

    @Override
    public String defaultBoard() {
        return "stm32f746g-disco";
    }

    @Override
    public String builtFor(String board) {
        return "for Mbed CE's " + BOARDS.getOrDefault(board, board);
    }

    @Override
    public void write(Path staged, Path dir, ProjectFiles p) throws IOException {
        String target = BOARDS.get(p.board());
        if (target == null) {
            throw new IllegalArgumentException("project: --target mbed knows the boards " + BOARDS.keySet()
                    + " (Mbed CE's targets " + BOARDS.values() + "), not " + p.board());
        }
        // The runtime with the core's variants and the example; Mbed's glue instead of the board port.
        List<String> sources = new ArrayList<>(p.sources());
        sources.addAll(p.variantSources());
        sources.add("board/mbed/board.c");
        ProjectFiles.copyOnly(staged, dir, sources, s -> s);
        for (String ld : List.of("board/common/cortex_m_sections.ld", "board/" + p.board() + "/memory.ld")) {
            Files.deleteIfExists(dir.resolve(ld));
        }
        Path glue = dir.resolve("board/mbed/board.c");
        Files.createDirectories(glue.getParent());
        Files.copy(SourceTree.locate().root.resolve("board-ports/mbed/board.c"), glue);
        List<String> defines = new ArrayList<>(p.defines());
        defines.add("FW_ARENA_BYTES=" + p.arena());
        defines.addAll(p.variantDefines());
        StringBuilder cmake = new StringBuilder()
                .append("# ").append(p.name()).append(" on Mbed CE (").append(target)
                .append("), from `tflm project --target mbed`. Needs Mbed CE in mbed-os/:\n")
                .append("#   git clone --depth 1 https://github.com/mbed-ce/mbed-os.git mbed-os\n")
                .append("#   cmake -B build -DMBED_TARGET=").append(target).append(" && cmake --build build\n")
                .append("cmake_minimum_required(VERSION 3.19)\ncmake_policy(VERSION 3.19...3.22)\n\n")
                .append("set(MBED_APP_JSON_PATH mbed_app.json)\n")
                .append("set(MBED_TARGET ").append(target).append(" CACHE STRING \"Mbed CE target\")\n")
                .append("include(mbed-os/tools/cmake/mbed_toolchain_setup.cmake)\n")
                .append("project(").append(p.name()).append(" LANGUAGES C CXX ASM)\n")
                .append("include(mbed_project_setup)\n\nadd_subdirectory(mbed-os)\n\n")
                .append("add_executable(${PROJECT_NAME}\n");
        sources.forEach(s -> cmake.append("  ").append(s).append('\n'));
        cmake.append(")\ntarget_include_directories(${PROJECT_NAME} PRIVATE");
        p.includeDirs().forEach(i -> cmake.append(' ').append(i));
        cmake.append(")\ntarget_compile_definitions(${PROJECT_NAME} PRIVATE");
        defines.forEach(d -> cmake.append(' ').append(d.contains("\"") ? "[=[" + d + "]=]" : d));
        cmake.append(")\n")
                .append("if(\"MBED_CONF_TARGET_APPLICATION_PROFILE=bare-metal\" IN_LIST MBED_CONFIG_DEFINITIONS)\n")
                .append("  target_link_libraries(${PROJECT_NAME} mbed-baremetal)\nelse()\n")
                .append("  target_link_libraries(${PROJECT_NAME} mbed-os)\nendif()\n")
                .append("mbed_set_post_build(${PROJECT_NAME})\n");
        Files.writeString(dir.resolve("CMakeLists.txt"), cmake.toString());
        Files.writeString(dir.resolve("mbed_app.json"), """
                {
                    "target_overrides": {
                        "*": {
                            "platform.stdio-baud-rate": 115200,
                            "platform.stdio-flush-at-exit": true
                        },
                        "%s": {
                            "rtos.main-thread-stack-size": %d
                        }
                    }
                }
                """.formatted(target, STACK_BYTES));
        Files.writeString(dir.resolve("README.md"), readme(p, target));
    }

    private static String readme(ProjectFiles p, String target) {
        return """
                # %1$s on Mbed CE (%2$s)

                Generated by `tflm project --target mbed --example %1$s --board %3$s`.

                **Mbed OS has reached its end of life.** Arm announced in July 2024 that it ends
                Mbed OS and the Mbed platform in July 2026: no more fixes, the website and online
                tools archived. This project is therefore for **Mbed CE**, the community edition
                that continues Mbed OS (https://github.com/mbed-ce/mbed-os), with its CMake build.

                    git clone --depth 1 https://github.com/mbed-ce/mbed-os.git mbed-os
                    cmake -B build -GNinja -DMBED_TARGET=%2$s
                    cmake --build build           # build/%1$s.elf, .bin and .hex

                (Mbed CE's toolchain setup guide: https://github.com/mbed-ce/mbed-os/wiki.) The
                CMakeLists.txt follows Mbed CE's hello-world template: `add_executable` lists
                exactly the firmware's sources (the tflm runtime, the Cortex-M variants a %4$s
                runs, the example) and `board/mbed/board.c`, tflm's board interface on Mbed:
                the example's lines go to Mbed's console (the board's USB serial port, 115200
                baud), the timer is Mbed's microsecond ticker. `mbed_app.json` gives the
                main thread the %5$d bytes of stack tflm's own builds reserve.
                """.formatted(p.name(), target, p.board(), p.cpu(), STACK_BYTES);
    }
}
