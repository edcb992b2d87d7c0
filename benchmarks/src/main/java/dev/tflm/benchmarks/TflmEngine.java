package dev.tflm.benchmarks;

import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.TensorType;

/** This runtime through its Java API, with the optimized or the reference kernels. */
final class TflmEngine implements Engine {

    private final Model model;
    private final Interpreter interpreter;
    private final Tensor[] inputs;
    private final byte[][] inputData;
    private final Tensor output;

    TflmEngine(byte[] modelBytes, KernelSet kernels) {
        model = Model.fromBytes(modelBytes);
        // Shared: JMH may call setup and the benchmark from different threads of its pool.
        interpreter = new Interpreter(model, Interpreter.Options.builder().kernels(kernels).sharedArena(true).build());
        inputs = new Tensor[interpreter.inputCount()];
        inputData = new byte[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = interpreter.input(i);
            inputData[i] = InputBytes.of(Math.toIntExact(inputs[i].byteSize()),
                    inputs[i].type() == TensorType.FLOAT32, i);
        }
        output = interpreter.output(0);
    }

    @Override
    public byte infer() {
        for (int i = 0; i < inputs.length; i++) {
            inputs[i].copyFrom(inputData[i]);
        }
        interpreter.invoke();
        return output.toByteArray()[0];
    }

    @Override
    public void close() {
        interpreter.close();
        model.close();
    }
}
