package dev.tflm.validation;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import java.util.ArrayList;
import java.util.List;

/** Runs a model on this runtime through the public Java API, as a user would. */
final class OurRuntime {
    private OurRuntime() {
    }

    /** One invoke on a fresh interpreter with an automatically sized arena; raw bytes of every output. */
    static List<byte[]> run(byte[] model, byte[][] inputs) {
        try (Model loaded = Model.fromBytes(model); Interpreter interpreter = new Interpreter(loaded)) {
            return run(interpreter, inputs);
        }
    }

    /** One invoke of an open interpreter. */
    static List<byte[]> run(Interpreter interpreter, byte[][] inputs) {
        if (inputs.length != interpreter.inputCount()) {
            throw new IllegalArgumentException("the model has " + interpreter.inputCount() + " inputs, got "
                    + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            interpreter.input(i).copyFrom(inputs[i]);
        }
        interpreter.invoke();
        List<byte[]> outputs = new ArrayList<>();
        for (int i = 0; i < interpreter.outputCount(); i++) {
            outputs.add(interpreter.output(i).toByteArray());
        }
        return outputs;
    }
}
