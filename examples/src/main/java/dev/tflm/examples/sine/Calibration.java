package dev.tflm.examples.sine;

import java.util.Arrays;

/**
 * The observed range of every activation tensor of a one-input {@link Mlp} over a
 * representative set of inputs: what the converter's calibration step records before choosing
 * activation quantization parameters.
 */
public final class Calibration {
    private final double[] min;
    private final double[] max;

    private Calibration(double[] min, double[] max) {
        this.min = min;
        this.max = max;
    }

    /** Runs {@code network} on every representative input and keeps each tensor's extremes. */
    public static Calibration run(Mlp network, double[] representativeInputs) {
        int tensors = network.layerCount() + 1; // the input, then each layer's output
        double[] min = new double[tensors];
        double[] max = new double[tensors];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double x : representativeInputs) {
            observe(min, max, 0, new double[] {x});
            double[][] outputs = network.layerOutputs(new double[] {x});
            for (int l = 0; l < outputs.length; l++) {
                observe(min, max, l + 1, outputs[l]);
            }
        }
        return new Calibration(min, max);
    }

    private static void observe(double[] min, double[] max, int tensor, double[] values) {
        for (double v : values) {
            min[tensor] = StrictMath.min(min[tensor], v);
            max[tensor] = StrictMath.max(max[tensor], v);
        }
    }

    /** Quantization parameters of the network's input. */
    public Int8Quantization.Params input() {
        return Int8Quantization.activation(min[0], max[0]);
    }

    /** Quantization parameters of layer {@code layer}'s output (after its ReLU, if any). */
    public Int8Quantization.Params layerOutput(int layer) {
        return Int8Quantization.activation(min[layer + 1], max[layer + 1]);
    }
}
