package dev.tflm.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written bindings must say what the headers say: every prototype has a binding
 * with the matching descriptor, every struct layout follows the header under the x86-64
 * System V ABI, every constant has the header's value, and the built library exports every
 * bound symbol.
 */
class HeaderBindingsTest {

    private static final Path INCLUDE = Path.of(System.getProperty("tflm.repo", ".."), "native", "include", "tflm");

    private static CHeader header;

    @BeforeAll
    static void parseHeaders() throws IOException {
        header = CHeader.parse(List.of(INCLUDE.resolve("tflm.h"), INCLUDE.resolve("ops.h")));
        assertTrue(header.functions.size() >= 17, "parsed too few prototypes: " + header.functions);
    }

    /** The layout jextract uses for a C type on LP64. */
    private static Optional<MemoryLayout> layoutOf(String cType) {
        if (cType.endsWith("*")) {
            return Optional.of(tflm_h.C_POINTER);
        }
        if (header.enumTypes.contains(cType)) {
            return Optional.of(tflm_h.C_INT);
        }
        return switch (cType) {
            case "void" -> Optional.empty();
            case "int", "int32_t", "uint32_t" -> Optional.of(tflm_h.C_INT);
            case "size_t", "long", "int64_t", "uint64_t" -> Optional.of(tflm_h.C_LONG);
            case "float" -> Optional.of(tflm_h.C_FLOAT);
            default -> throw new AssertionError("no layout mapping for C type '" + cType + "'");
        };
    }

    @Test
    void everyPrototypeHasABindingWithTheSameDescriptor() throws ReflectiveOperationException {
        for (CHeader.Function function : header.functions) {
            Method descriptorMethod = tflm_h.class.getMethod(function.name() + "$descriptor");
            FunctionDescriptor actual = (FunctionDescriptor) descriptorMethod.invoke(null);

            List<MemoryLayout> arguments = function.params().stream()
                    .map(p -> layoutOf(p.type()).orElseThrow()).toList();
            Optional<MemoryLayout> result = layoutOf(function.returnType());
            FunctionDescriptor expected = result.map(r -> FunctionDescriptor.of(r, arguments.toArray(MemoryLayout[]::new)))
                    .orElseGet(() -> FunctionDescriptor.ofVoid(arguments.toArray(MemoryLayout[]::new)));
            assertEquals(expected, actual, function.name());

            Class<?>[] carriers = arguments.stream().map(l -> ((ValueLayout) l).carrier()).toArray(Class<?>[]::new);
            Method call = tflm_h.class.getMethod(function.name(), carriers);
            Class<?> returnCarrier = result.<Class<?>>map(l -> ((ValueLayout) l).carrier()).orElse(void.class);
            assertEquals(returnCarrier, call.getReturnType(), function.name() + " return type");
        }
    }

    @Test
    void everyBindingIsDeclaredInTheHeaders() {
        Set<String> declared = header.functions.stream().map(CHeader.Function::name).collect(Collectors.toSet());
        Set<String> bound = Arrays.stream(tflm_h.class.getMethods())
                .filter(m -> m.getName().endsWith("$descriptor"))
                .map(m -> m.getName().substring(0, m.getName().length() - "$descriptor".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(declared), bound);

        Set<String> boundVariables = Arrays.stream(tflm_h.class.getMethods())
                .filter(m -> m.getName().endsWith("$segment"))
                .map(m -> m.getName().substring(0, m.getName().length() - "$segment".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(header.externVariables), boundVariables);
    }

    @Test
    void constantsHaveTheHeadersValues() throws ReflectiveOperationException {
        for (Map.Entry<String, Long> constant : header.constants.entrySet()) {
            Method accessor = tflm_h.class.getMethod(constant.getKey());
            assertEquals(constant.getValue().intValue(), accessor.invoke(null), constant.getKey());
        }
    }

    @Test
    void structLayoutsFollowTheX86_64Abi() throws ReflectiveOperationException {
        assertTrue(header.structs.keySet().containsAll(List.of("tflm_tensor_info", "tflm_error", "tflm_op_resolver")),
                "parsed structs: " + header.structs.keySet());
        for (Map.Entry<String, List<CHeader.Field>> struct : header.structs.entrySet()) {
            GroupLayout layout = (GroupLayout) Class.forName("dev.tflm.bindings." + struct.getKey())
                    .getMethod("layout").invoke(null);
            long offset = 0;
            long maxAlignment = 1;
            List<String> names = new ArrayList<>();
            for (CHeader.Field field : struct.getValue()) {
                long size = abiSize(field.type());
                offset = alignUp(offset, size);
                maxAlignment = Math.max(maxAlignment, size);
                String where = struct.getKey() + "." + field.name();
                assertEquals(offset, layout.byteOffset(groupElement(field.name())), where + " offset");
                assertEquals(size * field.count(), layout.select(groupElement(field.name())).byteSize(), where + " size");
                offset += size * field.count();
                names.add(field.name());
            }
            assertEquals(alignUp(offset, maxAlignment), layout.byteSize(), struct.getKey() + " size");
            assertEquals(maxAlignment, layout.byteAlignment(), struct.getKey() + " alignment");
            assertEquals(names, layout.memberLayouts().stream()
                    .filter(m -> !(m instanceof PaddingLayout))
                    .map(m -> m.name().orElseThrow()).toList(), struct.getKey() + " fields");
            assertEquals(struct.getKey(), layout.name().orElseThrow());
        }
    }

    /** Size (and alignment: equal for every scalar on x86-64) of a C scalar type. */
    private static long abiSize(String cType) {
        if (cType.endsWith("*") || header.enumTypes.contains(cType)) {
            return cType.endsWith("*") ? 8 : 4;
        }
        return switch (cType) {
            case "char", "int8_t", "uint8_t", "bool" -> 1;
            case "int16_t", "uint16_t" -> 2;
            case "int", "int32_t", "uint32_t", "float" -> 4;
            case "size_t", "long", "int64_t", "uint64_t", "double" -> 8;
            default -> throw new AssertionError("no ABI size for C type '" + cType + "'");
        };
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    @Test
    void theBuiltLibraryExportsEveryBoundSymbol() {
        SymbolLookup library = NativeLibrary.lookup();
        List<String> missing = new ArrayList<>();
        for (CHeader.Function function : header.functions) {
            if (library.find(function.name()).isEmpty()) {
                missing.add(function.name());
            }
        }
        for (String variable : header.externVariables) {
            if (library.find(variable).isEmpty()) {
                missing.add(variable);
            }
        }
        assertEquals(List.of(), missing, "declared in the headers but not exported by " + NativeLibrary.resourcePath());
    }
}
