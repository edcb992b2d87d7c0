package dev.tflm.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's shared models and reference outputs, never part of the repository: the directory
 * named by the system property {@code tflm.shared}, else {@code <repository root>/../shared}
 * (the repository root being the system property {@code tflm.repo}, which the build sets, else the
 * nearest ancestor of the working directory holding {@code .git}).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared directory, or a skipped test (with the reason printed) when it is absent. */
    public static Path directory() {
        Path dir = locate();
        if (!Files.isDirectory(dir)) {
            String reason = "shared test data not found at " + dir + " (set -Dtflm.shared=<dir>)";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return dir;
    }

    /** A file of the shared directory, such as {@code models/hello_world_int8.tflite}. */
    public static Path file(String relative) {
        return directory().resolve(relative);
    }

    private static Path locate() {
        String property = System.getProperty("tflm.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String repository = System.getProperty("tflm.repo");
        if (repository != null && !repository.isBlank()) {
            return Path.of(repository).toAbsolutePath().resolveSibling("shared").normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir.resolveSibling("shared").normalize();
            }
        }
        return start.resolveSibling("shared").normalize();
    }
}
