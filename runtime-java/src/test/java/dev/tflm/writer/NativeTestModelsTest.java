package dev.tflm.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The models in {@code native/tests/models} are what {@link NativeTestModels} writes today, so the C tests
 * and this writer cannot drift apart. After changing either, regenerate them with
 * {@code mvn -B -pl runtime-java -am test -Dtest=NativeTestModelsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtflm.writeNativeTestModels=true}.
 */
class NativeTestModelsTest {
    private static final Path DIRECTORY =
            Path.of(System.getProperty("tflm.repo", "..")).resolve(NativeTestModels.DIRECTORY);

    @Test
    void committedModelsAreTheWritersOutput() throws IOException {
        Map<String, byte[]> models = NativeTestModels.all();
        if (Boolean.getBoolean("tflm.writeNativeTestModels")) {
            Files.createDirectories(DIRECTORY);
            for (Map.Entry<String, byte[]> model : models.entrySet()) {
                Files.write(DIRECTORY.resolve(model.getKey()), model.getValue());
            }
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            Set<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".tflite"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(models.keySet()), names, "models in " + DIRECTORY);
        }
        for (Map.Entry<String, byte[]> model : models.entrySet()) {
            assertArrayEquals(model.getValue(), Files.readAllBytes(DIRECTORY.resolve(model.getKey())),
                    model.getKey() + " differs from NativeTestModels: regenerate it (see this test's comment)");
        }
    }
}
