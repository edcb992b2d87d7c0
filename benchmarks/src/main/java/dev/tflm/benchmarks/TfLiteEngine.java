package dev.tflm.benchmarks;

import dev.tflm.tflite.TfLiteNativeLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.lite.DataType;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;
import org.tensorflow.lite.TensorFlowLite;

/**
 * TensorFlow Lite 2.6.2 through its official Java API, single-threaded, with or without the
 * XNNPACK delegate. Buffers are direct and allocated once, so an inference costs TF Lite's
 * copy-in, invoke and copy-out, nothing of ours.
 */
public final class TfLiteEngine implements Engine {

    /** TF Lite refused the model (person_detect: per-channel quantization on axis 3). */
    static final class RejectedException extends RuntimeException {
        RejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Interpreter interpreter;
    private final ByteBuffer[] inputs;
    private final Map<Integer, Object> outputs = new HashMap<>();
    private final ByteBuffer firstOutput;

    TfLiteEngine(byte[] modelBytes, boolean xnnpack) {
        TfLiteNativeLibrary.load();
        ByteBuffer model = ByteBuffer.allocateDirect(modelBytes.length).order(ByteOrder.nativeOrder());
        model.put(modelBytes).flip();
        Interpreter.Options options = new Interpreter.Options().setNumThreads(1).setUseXNNPACK(xnnpack);
        try {
            interpreter = new Interpreter(model, options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RejectedException(rejection(e), e);
        }
        try {
            inputs = new ByteBuffer[interpreter.getInputTensorCount()];
            for (int i = 0; i < inputs.length; i++) {
                Tensor tensor = interpreter.getInputTensor(i);
                inputs[i] = direct(InputBytes.of(tensor.numBytes(), tensor.dataType() == DataType.FLOAT32, i));
            }
            for (int i = 0; i < interpreter.getOutputTensorCount(); i++) {
                outputs.put(i, ByteBuffer.allocateDirect(interpreter.getOutputTensor(i).numBytes())
                        .order(ByteOrder.nativeOrder()));
            }
            firstOutput = (ByteBuffer) outputs.get(0);
            infer(); // TF Lite prepares some models only at the first run, and may reject them there.
        } catch (IllegalArgumentException | IllegalStateException e) {
            interpreter.close();
            throw new RejectedException(rejection(e), e);
        }
    }

    /** Why TF Lite does not run a model, or empty when it does. */
    public static Optional<String> rejects(byte[] modelBytes) {
        try (TfLiteEngine engine = new TfLiteEngine(modelBytes, false)) {
            return Optional.empty();
        } catch (RejectedException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String rejection(RuntimeException e) {
        return "TensorFlow Lite " + TensorFlowLite.runtimeVersion() + " rejects the model: " + e.getMessage();
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        buffer.put(bytes).flip();
        return buffer;
    }

    @Override
    public byte infer() {
        // TF Lite reads inputs from, and writes outputs at, the buffers' positions.
        for (ByteBuffer input : inputs) {
            input.rewind();
        }
        for (Object output : outputs.values()) {
            ((ByteBuffer) output).rewind();
        }
        interpreter.runForMultipleInputsOutputs(inputs, outputs);
        return firstOutput.get(0);
    }

    @Override
    public void close() {
        interpreter.close();
    }
}
