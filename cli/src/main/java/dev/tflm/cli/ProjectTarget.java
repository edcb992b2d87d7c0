package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A build system {@code tflm project --target NAME} writes for. {@link ProjectCommand} copies
 * the files one firmware needs into a folder in its own layout ({@link ProjectFiles}); a target
 * writes its build files beside them, or, when it has a layout of its own (an Arduino library),
 * takes what it needs from there into the output folder.
 */
interface ProjectTarget {

    /**
     * Whether the target lays the files out itself: then {@code staged} is a scratch folder
     * that {@link ProjectCommand} deletes afterwards, else it is {@code dir}.
     */
    default boolean ownLayout() {
        return false;
    }

    /** The board when --board is not given. */
    default String defaultBoard() {
        return "mps2-an385";
    }

    /** What the project is built for, for the command's summary line. */
    default String builtFor(String board) {
        return "for the host and " + board;
    }

    /** Writes the project for {@code project}, whose files are in {@code staged}, into {@code dir}. */
    void write(Path staged, Path dir, ProjectFiles project) throws IOException;
}
