package dev.tflm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's shared models and golden outputs, kept beside the checkout (never in it):
 * {@code -Dtflm.shared=DIR}, else {@code <repository root>/../shared}. Tests that need them
 * are skipped, with the reason printed, only when that directory does not exist.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path directory() {
        String repo = System.getProperty("tflm.repo", "..");
        return Path.of(System.getProperty("tflm.shared", Path.of(repo, "..", "shared").toString())).normalize();
    }

    /** A shared model file; skips the calling test when the shared directory is absent. */
    public static Path model(String fileName) {
        return file("models", fileName);
    }

    public static Path file(String folder, String fileName) {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            String reason = "skipped: shared data directory " + dir + " not found (set -Dtflm.shared=DIR)";
            System.out.println(reason);
            assumeTrue(false, reason);
        }
        return dir.resolve(folder).resolve(fileName);
    }
}
