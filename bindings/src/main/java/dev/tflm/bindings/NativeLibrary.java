package dev.tflm.bindings;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds and loads libtflm, the C runtime, once, for the bindings jextract generated.
 *
 * <p>The bindings ({@link tflm_h}) are generated without a library name, so they look symbols
 * up in {@link SymbolLookup#loaderLookup()}: the libraries {@link System#load} loaded from
 * classes of their class loader, which is this class's. Until {@link #load()} has run, their
 * symbol lookups fail, so every way into native code that does not start from an object whose
 * creation ran it (an interpreter, a resolver) calls it first; dev.tflm's FirstNativeCallTest
 * tries each public one in a fresh JVM.
 *
 * <p>The system property {@value #PATH_PROPERTY} names a library file to load instead
 * of the bundled one. Otherwise the library is taken from the class path at
 * {@code /native/<os>-<arch>/libtflm.so} (the bindings jar carries it there), copied to a
 * temporary file when it lives inside a jar. A loaded library stays loaded for the life of
 * the class loader, as the downcall handles that point into it do.
 */
public final class NativeLibrary {

    /** System property naming a libtflm file that overrides the bundled one. */
    public static final String PATH_PROPERTY = "tflm.library.path";

    private static final String NAME = "tflm";

    private NativeLibrary() {
    }

    /**
     * Loads libtflm unless it is loaded already, so that the bindings find its symbols;
     * throws {@link UnsatisfiedLinkError} saying why when it cannot be loaded.
     */
    public static void load() {
        Holder.LOADED.rethrowFailure();
    }

    /** This platform's folder name under {@code /native/} in the jar, e.g. {@code linux-x86_64}. */
    public static String platform() {
        return osName(System.getProperty("os.name")) + "-" + archName(System.getProperty("os.arch"));
    }

    /** Where the bundled library lies on the class path for this platform. */
    public static String resourcePath() {
        return "/native/" + platform() + "/" + System.mapLibraryName(NAME);
    }

    static String osName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "macos";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        return os.replaceAll("[^a-z0-9]", "");
    }

    static String archName(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch.replaceAll("[^a-z0-9_]", "");
        };
    }

    /** Loads the library a path names, with an error that says what to do when that fails. */
    static void load(Path library) {
        try {
            System.load(library.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError | IllegalCallerException e) {
            throw failure("cannot load " + library + ": " + e.getMessage(), e);
        }
    }

    private static void loadConfigured() {
        String override = System.getProperty(PATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            load(Path.of(override));
            return;
        }
        URL resource = NativeLibrary.class.getResource(resourcePath());
        if (resource == null) {
            throw failure("no native library for platform " + platform() + " on the class path (looked for "
                    + resourcePath() + ")", null);
        }
        load(fileOf(resource));
    }

    /** A file holding the resource: itself when it is one (tests, IDEs), else a temporary copy. */
    private static Path fileOf(URL resource) {
        try {
            if ("file".equals(resource.getProtocol())) {
                return Path.of(resource.toURI());
            }
            String fileName = System.mapLibraryName(NAME);
            int dot = fileName.lastIndexOf('.');
            Path copy = Files.createTempFile(fileName.substring(0, dot) + "-", fileName.substring(dot));
            copy.toFile().deleteOnExit();
            try (InputStream in = resource.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException | URISyntaxException e) {
            throw failure("cannot extract " + resource + " to a temporary file: " + e.getMessage(), e);
        }
    }

    private static UnsatisfiedLinkError failure(String why, Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("tflm native library: " + why
                + ". Build it with `mvn -DskipTests package` (the bindings jar then carries it), or point -D"
                + PATH_PROPERTY + "=/path/to/" + System.mapLibraryName(NAME)
                + " at a built one; run the JVM with --enable-native-access=ALL-UNNAMED.");
        error.initCause(cause);
        return error;
    }

    /**
     * Loads on first use. A failure is kept and rethrown on every later call, so each
     * caller gets the same explanation rather than a bare NoClassDefFoundError.
     */
    private static final class Holder {
        private static final Loaded LOADED = Loaded.attempt();
    }

    private record Loaded(UnsatisfiedLinkError failure) {
        static Loaded attempt() {
            try {
                loadConfigured();
                return new Loaded(null);
            } catch (UnsatisfiedLinkError e) {
                return new Loaded(e);
            }
        }

        void rethrowFailure() {
            if (failure != null) {
                UnsatisfiedLinkError again = new UnsatisfiedLinkError(failure.getMessage());
                again.initCause(failure.getCause());
                throw again;
            }
        }
    }
}
