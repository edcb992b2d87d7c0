package dev.tflm.oracle;

import dev.tflm.tflite.TfLiteNativeLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;
import org.tensorflow.lite.TensorFlowLite;

/**
 * The reference TensorFlow Lite (2.6.2, x86-64 Linux) as a test oracle: runs a {@code .tflite}
 * model on raw input bytes and returns raw output bytes, so tests can compare our runtime
 * against it byte for byte.
 *
 * <p>The {@code org.tensorflow.lite} classes come from {@code ai.djl.tflite:tflite-engine} and
 * the native library from {@code ai.djl.tflite:tflite-native-cpu} (classifier
 * {@code linux-x86_64}); the classes never load the library, so the first use of this oracle
 * loads {@value #LIBRARY_RESOURCE} through {@link TfLiteNativeLibrary}.
 *
 * <p>Known deviations from TFLM's reference kernels (the project's specification): TF Lite's
 * x86 int8 FULLY_CONNECTED and CONV_2D kernels sometimes round requantization differently
 * (off by 1–3 after many layers), its integer LSTM differs, and it rejects per-channel
 * quantization on any axis but 0 (person_detect). See {@code ../shared/golden/README.md}.
 */
public final class TfLiteOracle {
    /** Where tflite-native-cpu keeps the JNI library. */
    public static final String LIBRARY_RESOURCE = TfLiteNativeLibrary.RESOURCE;

    /**
     * How the interpreter runs. Single-threaded always, so results never depend on the machine.
     *
     * @param useXnnpack apply the XNNPACK delegate (float kernels that round differently from
     *                   TF Lite's builtin ones); off unless a test asks for it
     */
    public record Options(boolean useXnnpack) {
        /** Builtin kernels only. */
        public static Options defaults() {
            return new Options(false);
        }

        /** With the XNNPACK delegate. */
        public static Options xnnpack() {
            return new Options(true);
        }
    }

    /**
     * What TF Lite reports about an input or output tensor.
     *
     * @param type      TF Lite's type name: FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL, STRING
     * @param scale     per-tensor quantization scale, 0 if the tensor is not quantized
     * @param zeroPoint per-tensor quantization zero point
     * @param byteSize  bytes of the tensor's data
     */
    public record TensorInfo(String name, String type, int[] shape, float scale, int zeroPoint, int byteSize) {
        public TensorInfo {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** One invocation's outputs (raw little-endian bytes, one array per model output) and the I/O tensors. */
    public record Result(List<TensorInfo> inputs, List<TensorInfo> outputs, List<byte[]> outputData) {
        public Result {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            outputData = outputData.stream().map(byte[]::clone).toList();
        }

        /** A copy of output {@code index}'s bytes. */
        public byte[] output(int index) {
            return outputData.get(index).clone();
        }
    }

    /** TF Lite refused the model: its interpreter could not be created or could not allocate tensors. */
    public static final class ModelRejectedException extends RuntimeException {
        public ModelRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private TfLiteOracle() {
    }

    /**
     * Runs {@code model} once on a fresh interpreter.
     *
     * @param inputs raw bytes of every model input, in order, each exactly the tensor's byte size
     * @throws ModelRejectedException   if TF Lite does not accept the model, with TF Lite's message
     * @throws IllegalArgumentException if the inputs do not match the model's inputs
     */
    public static Result run(byte[] model, byte[][] inputs, Options options) {
        TfLiteNativeLibrary.load();
        ByteBuffer modelBuffer = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        modelBuffer.put(model).flip();
        Interpreter.Options interpreterOptions = new Interpreter.Options()
                .setNumThreads(1)
                .setUseXNNPACK(options.useXnnpack());
        try (Interpreter interpreter = createInterpreter(modelBuffer, interpreterOptions)) {
            List<TensorInfo> inputInfo = new ArrayList<>();
            for (int i = 0; i < interpreter.getInputTensorCount(); i++) {
                inputInfo.add(describe(interpreter.getInputTensor(i)));
            }
            Object[] inputBuffers = inputBuffers(inputs, inputInfo);
            Map<Integer, Object> outputBuffers = new HashMap<>();
            for (int i = 0; i < interpreter.getOutputTensorCount(); i++) {
                int size = interpreter.getOutputTensor(i).numBytes();
                outputBuffers.put(i, ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder()));
            }
            try {
                interpreter.runForMultipleInputsOutputs(inputBuffers, outputBuffers);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ModelRejectedException("TensorFlow Lite " + TensorFlowLite.runtimeVersion()
                        + " could not run the model: " + e.getMessage(), e);
            }
            List<TensorInfo> outputInfo = new ArrayList<>();
            List<byte[]> outputData = new ArrayList<>();
            for (int i = 0; i < outputBuffers.size(); i++) {
                outputInfo.add(describe(interpreter.getOutputTensor(i)));
                ByteBuffer buffer = (ByteBuffer) outputBuffers.get(i);
                byte[] bytes = new byte[buffer.capacity()];
                buffer.rewind().get(bytes);
                outputData.add(bytes);
            }
            return new Result(inputInfo, outputInfo, outputData);
        }
    }

    /** The TF Lite runtime version the oracle runs ("2.6.2"). */
    public static String runtimeVersion() {
        TfLiteNativeLibrary.load();
        return TensorFlowLite.runtimeVersion();
    }

    private static Interpreter createInterpreter(ByteBuffer model, Interpreter.Options options) {
        try {
            return new Interpreter(model, options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelRejectedException("TensorFlow Lite " + TensorFlowLite.runtimeVersion()
                    + " rejected the model: " + e.getMessage(), e);
        }
    }

    private static Object[] inputBuffers(byte[][] inputs, List<TensorInfo> info) {
        if (inputs.length != info.size()) {
            throw new IllegalArgumentException("the model has " + info.size() + " inputs, got " + inputs.length);
        }
        Object[] buffers = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != info.get(i).byteSize()) {
                throw new IllegalArgumentException("input " + i + " (" + info.get(i).name() + ") takes "
                        + info.get(i).byteSize() + " bytes, got " + inputs[i].length);
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(inputs[i].length).order(ByteOrder.nativeOrder());
            buffer.put(inputs[i]).flip();
            buffers[i] = buffer;
        }
        return buffers;
    }

    private static TensorInfo describe(Tensor tensor) {
        Tensor.QuantizationParams q = tensor.quantizationParams();
        return new TensorInfo(tensor.name(), tensor.dataType().name(), tensor.shape(),
                q.getScale(), q.getZeroPoint(), tensor.numBytes());
    }
}
