/**
 * FFM bindings of the tflm C runtime, jextract's output for tflm.h, kernel.h, flexbuffer.h and
 * ops.h, and the native library they call, bundled under /native/&lt;os&gt;-&lt;arch&gt;/
 * ({@link dev.tflm.bindings.NativeLibrary}).
 * The bindings call restricted methods: run with {@code --enable-native-access=dev.tflm.bindings}
 * (or {@code ALL-UNNAMED} on the class path).
 */
module dev.tflm.bindings {
    exports dev.tflm.bindings;
}
