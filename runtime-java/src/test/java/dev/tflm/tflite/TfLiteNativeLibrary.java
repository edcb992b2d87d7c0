package dev.tflm.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the JNI library of the reference TensorFlow Lite, for the tools that compare this
 * runtime with it (the validation tests' oracle, the JMH benchmarks). The official
 * {@code org.tensorflow.lite} classes (from {@code ai.djl.tflite:tflite-engine}) never load
 * their library themselves; {@code ai.djl.tflite:tflite-native-cpu} (classifier
 * {@code linux-x86_64}) carries it as a class path resource, which has to be copied to a
 * file before {@link System#load} can load it.
 *
 * <p>This class needs neither artifact to compile: the runtime does not depend on TF Lite.
 */
public final class TfLiteNativeLibrary {

    /** Where tflite-native-cpu keeps the JNI library. */
    public static final String RESOURCE = "native/lib/libtensorflowlite_jni.so";

    private static boolean loaded; // guarded by load's lock

    private TfLiteNativeLibrary() {
    }

    /**
     * Loads the library once per JVM; later calls return at once. Call before creating the
     * first {@code org.tensorflow.lite.Interpreter}.
     *
     * @throws IllegalStateException when the resource is not on the class path or cannot be extracted
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try (InputStream library = TfLiteNativeLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (library == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: add the dependency "
                        + "ai.djl.tflite:tflite-native-cpu:2.6.2 with classifier linux-x86_64 (x86-64 Linux only)");
            }
            Path file = Files.createTempFile("libtensorflowlite_jni", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            loaded = true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + RESOURCE + " to a temporary file", e);
        }
    }
}
