/**
 * The tflm runtime for Java: load a model ({@link dev.tflm.Model}), run it ({@link dev.tflm.Interpreter}),
 * read and write its tensors ({@link dev.tflm.Tensor}) with the native library of
 * {@code dev.tflm.bindings}. {@code dev.tflm.schema} holds the TensorFlow Lite schema's classes as
 * flatc generates them, and {@code dev.tflm.writer} writes .tflite models with them.
 */
module dev.tflm {
    requires dev.tflm.bindings;
    // flatbuffers-java 2.0.8 names no module: its automatic name. The schema classes extend its types.
    requires transitive flatbuffers.java;

    exports dev.tflm;
    exports dev.tflm.schema;
    exports dev.tflm.writer;
}
