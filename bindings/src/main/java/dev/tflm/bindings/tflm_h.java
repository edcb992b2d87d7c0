package dev.tflm.bindings;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Bindings of {@code native/include/tflm/tflm.h} and {@code tflm/ops.h}, written by hand in
 * the layout jextract generates (see {@code bindings/jextract.sh} for the command that
 * regenerates this file): layout constants, then per function a holder class whose
 * descriptor, address and downcall handle are built on first use, and static methods
 * named as the C functions; enum constants and macros as static methods.
 * {@code HeaderBindingsTest} checks every declaration here against the headers.
 */
public class tflm_h {

    tflm_h() {
        // Not instantiable, as jextract's header classes.
    }

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    /** Returned pointers are unbounded, so strings the library returns can be read in place. */
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE));
    /** {@code long} and {@code size_t} on LP64 (Linux, macOS). */
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

    static MemorySegment findOrThrow(String symbol) {
        return NativeLibrary.lookup().find(symbol).orElseThrow(() -> new UnsatisfiedLinkError(
                "symbol " + symbol + " is not exported by the tflm native library (is it older than tflm.h?)"));
    }

    private static class tflm_op_resolver_init {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_op_resolver_init");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_op_resolver_init$descriptor() {
        return tflm_op_resolver_init.DESC;
    }

    public static MethodHandle tflm_op_resolver_init$handle() {
        return tflm_op_resolver_init.HANDLE;
    }

    public static MemorySegment tflm_op_resolver_init$address() {
        return tflm_op_resolver_init.ADDR;
    }

    public static void tflm_op_resolver_init(MemorySegment resolver) {
        var mh$ = tflm_op_resolver_init.HANDLE;
        try {
            mh$.invokeExact(resolver);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_op_resolver_add {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_op_resolver_add");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_op_resolver_add$descriptor() {
        return tflm_op_resolver_add.DESC;
    }

    public static MethodHandle tflm_op_resolver_add$handle() {
        return tflm_op_resolver_add.HANDLE;
    }

    public static MemorySegment tflm_op_resolver_add$address() {
        return tflm_op_resolver_add.ADDR;
    }

    public static int tflm_op_resolver_add(MemorySegment resolver, MemorySegment kernel) {
        var mh$ = tflm_op_resolver_add.HANDLE;
        try {
            return (int) mh$.invokeExact(resolver, kernel);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_op_resolver_supports {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_INT, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_op_resolver_supports");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_op_resolver_supports$descriptor() {
        return tflm_op_resolver_supports.DESC;
    }

    public static MethodHandle tflm_op_resolver_supports$handle() {
        return tflm_op_resolver_supports.HANDLE;
    }

    public static MemorySegment tflm_op_resolver_supports$address() {
        return tflm_op_resolver_supports.ADDR;
    }

    public static int tflm_op_resolver_supports(MemorySegment resolver, int builtin_code, MemorySegment custom_name) {
        var mh$ = tflm_op_resolver_supports.HANDLE;
        try {
            return (int) mh$.invokeExact(resolver, builtin_code, custom_name);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_create {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_create");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_create$descriptor() {
        return tflm_interpreter_create.DESC;
    }

    public static MethodHandle tflm_interpreter_create$handle() {
        return tflm_interpreter_create.HANDLE;
    }

    public static MemorySegment tflm_interpreter_create$address() {
        return tflm_interpreter_create.ADDR;
    }

    public static int tflm_interpreter_create(MemorySegment out, MemorySegment model, long model_size, MemorySegment resolver, MemorySegment arena, long arena_size, MemorySegment error) {
        var mh$ = tflm_interpreter_create.HANDLE;
        try {
            return (int) mh$.invokeExact(out, model, model_size, resolver, arena, arena_size, error);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_create_with_options {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_create_with_options");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_create_with_options$descriptor() {
        return tflm_interpreter_create_with_options.DESC;
    }

    public static MethodHandle tflm_interpreter_create_with_options$handle() {
        return tflm_interpreter_create_with_options.HANDLE;
    }

    public static MemorySegment tflm_interpreter_create_with_options$address() {
        return tflm_interpreter_create_with_options.ADDR;
    }

    public static int tflm_interpreter_create_with_options(MemorySegment out, MemorySegment model, long model_size, MemorySegment resolver, MemorySegment arena, long arena_size, MemorySegment options, MemorySegment error) {
        var mh$ = tflm_interpreter_create_with_options.HANDLE;
        try {
            return (int) mh$.invokeExact(out, model, model_size, resolver, arena, arena_size, options, error);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_isa {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_isa");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_isa$descriptor() {
        return tflm_interpreter_isa.DESC;
    }

    public static MethodHandle tflm_interpreter_isa$handle() {
        return tflm_interpreter_isa.HANDLE;
    }

    public static MemorySegment tflm_interpreter_isa$address() {
        return tflm_interpreter_isa.ADDR;
    }

    public static int tflm_interpreter_isa(MemorySegment interp) {
        var mh$ = tflm_interpreter_isa.HANDLE;
        try {
            return (int) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_cpu_isa {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_cpu_isa");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_cpu_isa$descriptor() {
        return tflm_cpu_isa.DESC;
    }

    public static MethodHandle tflm_cpu_isa$handle() {
        return tflm_cpu_isa.HANDLE;
    }

    public static MemorySegment tflm_cpu_isa$address() {
        return tflm_cpu_isa.ADDR;
    }

    public static int tflm_cpu_isa() {
        var mh$ = tflm_cpu_isa.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_isa_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_POINTER, tflm_h.C_INT);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_isa_name");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_isa_name$descriptor() {
        return tflm_isa_name.DESC;
    }

    public static MethodHandle tflm_isa_name$handle() {
        return tflm_isa_name.HANDLE;
    }

    public static MemorySegment tflm_isa_name$address() {
        return tflm_isa_name.ADDR;
    }

    public static MemorySegment tflm_isa_name(int isa) {
        var mh$ = tflm_isa_name.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(isa);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_arena_used {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_arena_used");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_arena_used$descriptor() {
        return tflm_interpreter_arena_used.DESC;
    }

    public static MethodHandle tflm_interpreter_arena_used$handle() {
        return tflm_interpreter_arena_used.HANDLE;
    }

    public static MemorySegment tflm_interpreter_arena_used$address() {
        return tflm_interpreter_arena_used.ADDR;
    }

    public static long tflm_interpreter_arena_used(MemorySegment interp) {
        var mh$ = tflm_interpreter_arena_used.HANDLE;
        try {
            return (long) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_invoke {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_invoke");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_invoke$descriptor() {
        return tflm_interpreter_invoke.DESC;
    }

    public static MethodHandle tflm_interpreter_invoke$handle() {
        return tflm_interpreter_invoke.HANDLE;
    }

    public static MemorySegment tflm_interpreter_invoke$address() {
        return tflm_interpreter_invoke.ADDR;
    }

    public static int tflm_interpreter_invoke(MemorySegment interp) {
        var mh$ = tflm_interpreter_invoke.HANDLE;
        try {
            return (int) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_operator_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_operator_count");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_operator_count$descriptor() {
        return tflm_interpreter_operator_count.DESC;
    }

    public static MethodHandle tflm_interpreter_operator_count$handle() {
        return tflm_interpreter_operator_count.HANDLE;
    }

    public static MemorySegment tflm_interpreter_operator_count$address() {
        return tflm_interpreter_operator_count.ADDR;
    }

    public static long tflm_interpreter_operator_count(MemorySegment interp) {
        var mh$ = tflm_interpreter_operator_count.HANDLE;
        try {
            return (long) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_invoke_operator {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_LONG);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_invoke_operator");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_invoke_operator$descriptor() {
        return tflm_interpreter_invoke_operator.DESC;
    }

    public static MethodHandle tflm_interpreter_invoke_operator$handle() {
        return tflm_interpreter_invoke_operator.HANDLE;
    }

    public static MemorySegment tflm_interpreter_invoke_operator$address() {
        return tflm_interpreter_invoke_operator.ADDR;
    }

    public static int tflm_interpreter_invoke_operator(MemorySegment interp, long index) {
        var mh$ = tflm_interpreter_invoke_operator.HANDLE;
        try {
            return (int) mh$.invokeExact(interp, index);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_operator_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_POINTER, tflm_h.C_POINTER, tflm_h.C_LONG);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_operator_name");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_operator_name$descriptor() {
        return tflm_interpreter_operator_name.DESC;
    }

    public static MethodHandle tflm_interpreter_operator_name$handle() {
        return tflm_interpreter_operator_name.HANDLE;
    }

    public static MemorySegment tflm_interpreter_operator_name$address() {
        return tflm_interpreter_operator_name.ADDR;
    }

    public static MemorySegment tflm_interpreter_operator_name(MemorySegment interp, long index) {
        var mh$ = tflm_interpreter_operator_name.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(interp, index);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_reset_state {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_reset_state");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_reset_state$descriptor() {
        return tflm_interpreter_reset_state.DESC;
    }

    public static MethodHandle tflm_interpreter_reset_state$handle() {
        return tflm_interpreter_reset_state.HANDLE;
    }

    public static MemorySegment tflm_interpreter_reset_state$address() {
        return tflm_interpreter_reset_state.ADDR;
    }

    public static int tflm_interpreter_reset_state(MemorySegment interp) {
        var mh$ = tflm_interpreter_reset_state.HANDLE;
        try {
            return (int) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_input_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_input_count");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_input_count$descriptor() {
        return tflm_interpreter_input_count.DESC;
    }

    public static MethodHandle tflm_interpreter_input_count$handle() {
        return tflm_interpreter_input_count.HANDLE;
    }

    public static MemorySegment tflm_interpreter_input_count$address() {
        return tflm_interpreter_input_count.ADDR;
    }

    public static long tflm_interpreter_input_count(MemorySegment interp) {
        var mh$ = tflm_interpreter_input_count.HANDLE;
        try {
            return (long) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_output_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_output_count");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_output_count$descriptor() {
        return tflm_interpreter_output_count.DESC;
    }

    public static MethodHandle tflm_interpreter_output_count$handle() {
        return tflm_interpreter_output_count.HANDLE;
    }

    public static MemorySegment tflm_interpreter_output_count$address() {
        return tflm_interpreter_output_count.ADDR;
    }

    public static long tflm_interpreter_output_count(MemorySegment interp) {
        var mh$ = tflm_interpreter_output_count.HANDLE;
        try {
            return (long) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_input {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_input");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_input$descriptor() {
        return tflm_interpreter_input.DESC;
    }

    public static MethodHandle tflm_interpreter_input$handle() {
        return tflm_interpreter_input.HANDLE;
    }

    public static MemorySegment tflm_interpreter_input$address() {
        return tflm_interpreter_input.ADDR;
    }

    public static int tflm_interpreter_input(MemorySegment interp, long index, MemorySegment info) {
        var mh$ = tflm_interpreter_input.HANDLE;
        try {
            return (int) mh$.invokeExact(interp, index, info);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_output {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_output");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_output$descriptor() {
        return tflm_interpreter_output.DESC;
    }

    public static MethodHandle tflm_interpreter_output$handle() {
        return tflm_interpreter_output.HANDLE;
    }

    public static MemorySegment tflm_interpreter_output$address() {
        return tflm_interpreter_output.ADDR;
    }

    public static int tflm_interpreter_output(MemorySegment interp, long index, MemorySegment info) {
        var mh$ = tflm_interpreter_output.HANDLE;
        try {
            return (int) mh$.invokeExact(interp, index, info);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_tensor_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_tensor_count");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_tensor_count$descriptor() {
        return tflm_interpreter_tensor_count.DESC;
    }

    public static MethodHandle tflm_interpreter_tensor_count$handle() {
        return tflm_interpreter_tensor_count.HANDLE;
    }

    public static MemorySegment tflm_interpreter_tensor_count$address() {
        return tflm_interpreter_tensor_count.ADDR;
    }

    public static long tflm_interpreter_tensor_count(MemorySegment interp) {
        var mh$ = tflm_interpreter_tensor_count.HANDLE;
        try {
            return (long) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_tensor {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER, tflm_h.C_LONG, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_tensor");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_tensor$descriptor() {
        return tflm_interpreter_tensor.DESC;
    }

    public static MethodHandle tflm_interpreter_tensor$handle() {
        return tflm_interpreter_tensor.HANDLE;
    }

    public static MemorySegment tflm_interpreter_tensor$address() {
        return tflm_interpreter_tensor.ADDR;
    }

    public static int tflm_interpreter_tensor(MemorySegment interp, long index, MemorySegment info) {
        var mh$ = tflm_interpreter_tensor.HANDLE;
        try {
            return (int) mh$.invokeExact(interp, index, info);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_interpreter_error_message {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_POINTER, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_interpreter_error_message");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_interpreter_error_message$descriptor() {
        return tflm_interpreter_error_message.DESC;
    }

    public static MethodHandle tflm_interpreter_error_message$handle() {
        return tflm_interpreter_error_message.HANDLE;
    }

    public static MemorySegment tflm_interpreter_error_message$address() {
        return tflm_interpreter_error_message.ADDR;
    }

    public static MemorySegment tflm_interpreter_error_message(MemorySegment interp) {
        var mh$ = tflm_interpreter_error_message.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(interp);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_status_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_POINTER, tflm_h.C_INT);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_status_name");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_status_name$descriptor() {
        return tflm_status_name.DESC;
    }

    public static MethodHandle tflm_status_name$handle() {
        return tflm_status_name.HANDLE;
    }

    public static MemorySegment tflm_status_name$address() {
        return tflm_status_name.ADDR;
    }

    public static MemorySegment tflm_status_name(int status) {
        var mh$ = tflm_status_name.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(status);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_version {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_version");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_version$descriptor() {
        return tflm_version.DESC;
    }

    public static MethodHandle tflm_version$handle() {
        return tflm_version.HANDLE;
    }

    public static MemorySegment tflm_version$address() {
        return tflm_version.ADDR;
    }

    public static MemorySegment tflm_version() {
        var mh$ = tflm_version.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_op_resolver_add_all {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(tflm_h.C_INT, tflm_h.C_POINTER);
        public static final MemorySegment ADDR = tflm_h.findOrThrow("tflm_op_resolver_add_all");
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor tflm_op_resolver_add_all$descriptor() {
        return tflm_op_resolver_add_all.DESC;
    }

    public static MethodHandle tflm_op_resolver_add_all$handle() {
        return tflm_op_resolver_add_all.HANDLE;
    }

    public static MemorySegment tflm_op_resolver_add_all$address() {
        return tflm_op_resolver_add_all.ADDR;
    }

    public static int tflm_op_resolver_add_all(MemorySegment resolver) {
        var mh$ = tflm_op_resolver_add_all.HANDLE;
        try {
            return (int) mh$.invokeExact(resolver);
        } catch (Error | RuntimeException ex$) {
            throw ex$;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class tflm_op_add$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_add");
    }

    /** The address of {@code const tflm_kernel tflm_op_add}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_add$segment() {
        return tflm_op_add$constants.SEGMENT;
    }

    private static class tflm_op_average_pool_2d$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_average_pool_2d");
    }

    /** The address of {@code const tflm_kernel tflm_op_average_pool_2d}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_average_pool_2d$segment() {
        return tflm_op_average_pool_2d$constants.SEGMENT;
    }

    private static class tflm_op_conv_2d$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_conv_2d");
    }

    /** The address of {@code const tflm_kernel tflm_op_conv_2d}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_conv_2d$segment() {
        return tflm_op_conv_2d$constants.SEGMENT;
    }

    private static class tflm_op_depthwise_conv_2d$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_depthwise_conv_2d");
    }

    /** The address of {@code const tflm_kernel tflm_op_depthwise_conv_2d}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_depthwise_conv_2d$segment() {
        return tflm_op_depthwise_conv_2d$constants.SEGMENT;
    }

    private static class tflm_op_dequantize$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_dequantize");
    }

    /** The address of {@code const tflm_kernel tflm_op_dequantize}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_dequantize$segment() {
        return tflm_op_dequantize$constants.SEGMENT;
    }

    private static class tflm_op_fully_connected$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_fully_connected");
    }

    /** The address of {@code const tflm_kernel tflm_op_fully_connected}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_fully_connected$segment() {
        return tflm_op_fully_connected$constants.SEGMENT;
    }

    private static class tflm_op_max_pool_2d$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_max_pool_2d");
    }

    /** The address of {@code const tflm_kernel tflm_op_max_pool_2d}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_max_pool_2d$segment() {
        return tflm_op_max_pool_2d$constants.SEGMENT;
    }

    private static class tflm_op_mul$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_mul");
    }

    /** The address of {@code const tflm_kernel tflm_op_mul}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_mul$segment() {
        return tflm_op_mul$constants.SEGMENT;
    }

    private static class tflm_op_quantize$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_quantize");
    }

    /** The address of {@code const tflm_kernel tflm_op_quantize}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_quantize$segment() {
        return tflm_op_quantize$constants.SEGMENT;
    }

    private static class tflm_op_reshape$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_reshape");
    }

    /** The address of {@code const tflm_kernel tflm_op_reshape}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_reshape$segment() {
        return tflm_op_reshape$constants.SEGMENT;
    }

    private static class tflm_op_softmax$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_softmax");
    }

    /** The address of {@code const tflm_kernel tflm_op_softmax}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_softmax$segment() {
        return tflm_op_softmax$constants.SEGMENT;
    }

    private static class tflm_op_svdf$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_svdf");
    }

    /** The address of {@code const tflm_kernel tflm_op_svdf}; pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_svdf$segment() {
        return tflm_op_svdf$constants.SEGMENT;
    }

    private static class tflm_op_depthwise_conv_2d_int8$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_depthwise_conv_2d_int8");
    }

    /** The address of {@code const tflm_kernel tflm_op_depthwise_conv_2d_int8} (INT8 only); pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_depthwise_conv_2d_int8$segment() {
        return tflm_op_depthwise_conv_2d_int8$constants.SEGMENT;
    }

    private static class tflm_op_fully_connected_int8$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_fully_connected_int8");
    }

    /** The address of {@code const tflm_kernel tflm_op_fully_connected_int8} (INT8 only); pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_fully_connected_int8$segment() {
        return tflm_op_fully_connected_int8$constants.SEGMENT;
    }

    private static class tflm_op_softmax_int8$constants {
        public static final MemorySegment SEGMENT = tflm_h.findOrThrow("tflm_op_softmax_int8");
    }

    /** The address of {@code const tflm_kernel tflm_op_softmax_int8} (INT8 only); pass it to {@link #tflm_op_resolver_add}. */
    public static MemorySegment tflm_op_softmax_int8$segment() {
        return tflm_op_softmax_int8$constants.SEGMENT;
    }

    private static final int TFLM_OK = (int) 0L;

    public static int TFLM_OK() {
        return TFLM_OK;
    }

    private static final int TFLM_ERROR_INVALID_ARGUMENT = (int) 1L;

    public static int TFLM_ERROR_INVALID_ARGUMENT() {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }

    private static final int TFLM_ERROR_MALFORMED_MODEL = (int) 2L;

    public static int TFLM_ERROR_MALFORMED_MODEL() {
        return TFLM_ERROR_MALFORMED_MODEL;
    }

    private static final int TFLM_ERROR_UNSUPPORTED = (int) 3L;

    public static int TFLM_ERROR_UNSUPPORTED() {
        return TFLM_ERROR_UNSUPPORTED;
    }

    private static final int TFLM_ERROR_ARENA_TOO_SMALL = (int) 4L;

    public static int TFLM_ERROR_ARENA_TOO_SMALL() {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }

    private static final int TFLM_ERROR_KERNEL = (int) 5L;

    public static int TFLM_ERROR_KERNEL() {
        return TFLM_ERROR_KERNEL;
    }

    private static final int TFLM_TYPE_FLOAT32 = (int) 0L;

    public static int TFLM_TYPE_FLOAT32() {
        return TFLM_TYPE_FLOAT32;
    }

    private static final int TFLM_TYPE_FLOAT16 = (int) 1L;

    public static int TFLM_TYPE_FLOAT16() {
        return TFLM_TYPE_FLOAT16;
    }

    private static final int TFLM_TYPE_INT32 = (int) 2L;

    public static int TFLM_TYPE_INT32() {
        return TFLM_TYPE_INT32;
    }

    private static final int TFLM_TYPE_UINT8 = (int) 3L;

    public static int TFLM_TYPE_UINT8() {
        return TFLM_TYPE_UINT8;
    }

    private static final int TFLM_TYPE_INT64 = (int) 4L;

    public static int TFLM_TYPE_INT64() {
        return TFLM_TYPE_INT64;
    }

    private static final int TFLM_TYPE_STRING = (int) 5L;

    public static int TFLM_TYPE_STRING() {
        return TFLM_TYPE_STRING;
    }

    private static final int TFLM_TYPE_BOOL = (int) 6L;

    public static int TFLM_TYPE_BOOL() {
        return TFLM_TYPE_BOOL;
    }

    private static final int TFLM_TYPE_INT16 = (int) 7L;

    public static int TFLM_TYPE_INT16() {
        return TFLM_TYPE_INT16;
    }

    private static final int TFLM_TYPE_COMPLEX64 = (int) 8L;

    public static int TFLM_TYPE_COMPLEX64() {
        return TFLM_TYPE_COMPLEX64;
    }

    private static final int TFLM_TYPE_INT8 = (int) 9L;

    public static int TFLM_TYPE_INT8() {
        return TFLM_TYPE_INT8;
    }

    private static final int TFLM_TYPE_FLOAT64 = (int) 10L;

    public static int TFLM_TYPE_FLOAT64() {
        return TFLM_TYPE_FLOAT64;
    }

    private static final int TFLM_TYPE_COMPLEX128 = (int) 11L;

    public static int TFLM_TYPE_COMPLEX128() {
        return TFLM_TYPE_COMPLEX128;
    }

    private static final int TFLM_TYPE_UINT64 = (int) 12L;

    public static int TFLM_TYPE_UINT64() {
        return TFLM_TYPE_UINT64;
    }

    private static final int TFLM_TYPE_RESOURCE = (int) 13L;

    public static int TFLM_TYPE_RESOURCE() {
        return TFLM_TYPE_RESOURCE;
    }

    private static final int TFLM_TYPE_VARIANT = (int) 14L;

    public static int TFLM_TYPE_VARIANT() {
        return TFLM_TYPE_VARIANT;
    }

    private static final int TFLM_TYPE_UINT32 = (int) 15L;

    public static int TFLM_TYPE_UINT32() {
        return TFLM_TYPE_UINT32;
    }

    private static final int TFLM_TYPE_UINT16 = (int) 16L;

    public static int TFLM_TYPE_UINT16() {
        return TFLM_TYPE_UINT16;
    }

    private static final int TFLM_TYPE_INT4 = (int) 17L;

    public static int TFLM_TYPE_INT4() {
        return TFLM_TYPE_INT4;
    }

    private static final int TFLM_KERNELS_OPTIMIZED = (int) 0L;

    public static int TFLM_KERNELS_OPTIMIZED() {
        return TFLM_KERNELS_OPTIMIZED;
    }

    private static final int TFLM_KERNELS_REFERENCE = (int) 1L;

    public static int TFLM_KERNELS_REFERENCE() {
        return TFLM_KERNELS_REFERENCE;
    }

    private static final int TFLM_ISA_BEST = (int) 0L;

    public static int TFLM_ISA_BEST() {
        return TFLM_ISA_BEST;
    }

    private static final int TFLM_ISA_SCALAR = (int) 1L;

    public static int TFLM_ISA_SCALAR() {
        return TFLM_ISA_SCALAR;
    }

    private static final int TFLM_ISA_AVX2 = (int) 2L;

    public static int TFLM_ISA_AVX2() {
        return TFLM_ISA_AVX2;
    }

    private static final int TFLM_ISA_AVX512 = (int) 3L;

    public static int TFLM_ISA_AVX512() {
        return TFLM_ISA_AVX512;
    }

    private static final int TFLM_ISA_AVX512_VNNI = (int) 4L;

    public static int TFLM_ISA_AVX512_VNNI() {
        return TFLM_ISA_AVX512_VNNI;
    }

    private static final int TFLM_ERROR_MESSAGE_CAPACITY = (int) 160L;

    public static int TFLM_ERROR_MESSAGE_CAPACITY() {
        return TFLM_ERROR_MESSAGE_CAPACITY;
    }

    private static final int TFLM_MAX_DIMS = (int) 6L;

    public static int TFLM_MAX_DIMS() {
        return TFLM_MAX_DIMS;
    }

    private static final int TFLM_RESOLVER_CAPACITY = (int) 32L;

    public static int TFLM_RESOLVER_CAPACITY() {
        return TFLM_RESOLVER_CAPACITY;
    }

    private static final int TFLM_ARENA_ALIGNMENT = (int) 16L;

    public static int TFLM_ARENA_ALIGNMENT() {
        return TFLM_ARENA_ALIGNMENT;
    }
}
