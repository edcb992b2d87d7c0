package dev.tflm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's shared models, golden outputs and test data, never part of the repository: the
 * directory named by the system property {@code tflm.shared}, else {@code <repository root>/../shared}
 * (the repository root being the system property {@code tflm.repo}, which the build sets, else the
 * nearest ancestor of the working directory holding {@code .git}). Tests that need them are
 * skipped, with the reason printed, only when that directory does not exist.
 */
public final class SharedData {
    /** TFLM's audio front end: the signal library's custom ops, which TF Lite has no kernels for. */
    public static final String AUDIO_PREPROCESSOR = "audio_preprocessor_int8";
    /** TF Lite 2.6.2 refuses it: per-channel quantization along axis 3 of a CONV_2D filter. */
    public static final String PERSON_DETECT = "person_detect";
    public static final String HELLO_WORLD_INT8 = "hello_world_int8";
    public static final String HELLO_WORLD_FLOAT = "hello_world_float";

    private static final String MODEL_SUFFIX = ".tflite";

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

    /** A file of the shared directory, such as {@code testdata/person.bmp}. */
    public static Path file(String relative) {
        return directory().resolve(relative);
    }

    /** A shared model file by its file name, such as {@code hello_world_int8.tflite}. */
    public static Path model(String fileName) {
        return directory().resolve("models").resolve(fileName);
    }

    /** The bytes of a shared model by its name (the file name without ".tflite"). */
    public static byte[] modelBytes(String name) {
        try {
            return Files.readAllBytes(model(name + MODEL_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names (file names without ".tflite") of every shared model but {@code excluded}, sorted. */
    public static List<String> modelNamesExcept(Set<String> excluded) {
        Path dir = model("");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(MODEL_SUFFIX))
                    .map(f -> f.substring(0, f.length() - MODEL_SUFFIX.length()))
                    .filter(name -> !excluded.contains(name))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no .tflite models in " + dir);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
