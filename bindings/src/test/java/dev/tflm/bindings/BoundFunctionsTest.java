package dev.tflm.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every function the generated bindings bind is found in the library NativeLibrary loads,
 * through the bindings' own symbol lookup. {@code bindings/jextract.sh --check} (CI) keeps the
 * bindings equal to jextract's output for the headers; this catches what it cannot: a declared
 * function the built library does not export, or a lookup that does not see the library.
 */
class BoundFunctionsTest {

    private static final String ADDRESS_SUFFIX = "$address";

    @Test
    void theLoadedLibraryExportsEveryBoundFunction() throws IllegalAccessException {
        NativeLibrary.load();
        List<Method> addresses = new ArrayList<>();
        for (Method method : tflm_h.class.getMethods()) {
            if (method.getName().endsWith(ADDRESS_SUFFIX) && method.getParameterCount() == 0) {
                addresses.add(method);
            }
        }
        addresses.sort(Comparator.comparing(Method::getName));
        assertTrue(addresses.stream().anyMatch(m -> m.getName().equals("tflm_interpreter_invoke" + ADDRESS_SUFFIX)),
                "no function bindings found in tflm_h: " + addresses);

        List<String> missing = new ArrayList<>();
        for (Method address : addresses) {
            try {
                address.invoke(null);
            } catch (InvocationTargetException e) {
                // The holder class's initializer failed: its cause says why the lookup did.
                Throwable why = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
                missing.add(address.getName().substring(0, address.getName().length() - ADDRESS_SUFFIX.length())
                        + " (" + why + ")");
            }
        }
        assertEquals(List.of(), missing, "bound but not found in " + NativeLibrary.resourcePath());
    }
}
