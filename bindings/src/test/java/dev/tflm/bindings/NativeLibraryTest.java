package dev.tflm.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

    @Test
    void platformFolderNamesFollowOsAndArch() {
        assertEquals("linux", NativeLibrary.osName("Linux"));
        assertEquals("macos", NativeLibrary.osName("Mac OS X"));
        assertEquals("windows", NativeLibrary.osName("Windows 11"));
        assertEquals("x86_64", NativeLibrary.archName("amd64"));
        assertEquals("aarch64", NativeLibrary.archName("arm64"));
    }

    @Test
    void theBuildBundlesTheLibraryForThisPlatform() {
        assertTrue(NativeLibraryTest.class.getResource(NativeLibrary.resourcePath()) != null,
                "missing " + NativeLibrary.resourcePath());
    }

    @Test
    void aLibraryThatCannotBeLoadedIsExplained() {
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibrary.load(Path.of("/nonexistent/libtflm.so")));
        assertTrue(error.getMessage().contains("/nonexistent/libtflm.so"), error.getMessage());
        assertTrue(error.getMessage().contains(NativeLibrary.PATH_PROPERTY), error.getMessage());
        assertTrue(error.getMessage().contains("--enable-native-access=ALL-UNNAMED"), error.getMessage());
    }

    @Test
    void versionAndStatusNamesComeFromTheLibrary() {
        NativeLibrary.load();
        assertTrue(tflm_h.tflm_version().getString(0).matches("\\d+\\.\\d+\\.\\d+"));
        assertEquals("arena too small",
                tflm_h.tflm_status_name(tflm_h.TFLM_ERROR_ARENA_TOO_SMALL()).getString(0));
    }

    @Test
    void addAllRegistersKernelsAnsweringSupports() {
        NativeLibrary.load();
        try (Arena arena = Arena.ofConfined()) {
            long capacity = tflm_h.tflm_op_table_size();
            MemorySegment resolver = tflm_op_resolver.allocate(arena);
            tflm_h.tflm_op_resolver_init(resolver, arena.allocate(tflm_h.C_POINTER, capacity), capacity);
            assertEquals(tflm_h.TFLM_OK(), tflm_h.tflm_op_resolver_add_all(resolver));
            assertTrue(tflm_op_resolver.count(resolver) > 0);
            assertEquals(capacity, tflm_op_resolver.capacity(resolver));
            int fullyConnected = 9;
            assertEquals(1, tflm_h.tflm_op_resolver_supports(resolver, fullyConnected, MemorySegment.NULL));
        }
    }
}
