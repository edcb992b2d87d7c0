package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A build system {@code tflm project --target NAME} writes for: it receives the files one
 * firmware needs, already copied into the output folder, and writes its own build files there.
 * {@code make} today; Arduino, Keil uVision, Mbed and PlatformIO are further implementations.
 */
interface ProjectTarget {

    /** Writes the build files for {@code project} into {@code dir}. */
    void write(Path dir, ProjectFiles project) throws IOException;
}
