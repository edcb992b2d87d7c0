package dev.tflm.cli;

import java.util.List;
import java.util.Map;

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
}
