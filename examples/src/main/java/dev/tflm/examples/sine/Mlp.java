package dev.tflm.examples.sine;

/**
 * A trained multilayer perceptron with float32 parameters: dense layers, ReLU after every layer
 * but the last. Layer {@code l} maps {@code sizes[l]} inputs to {@code sizes[l + 1]} outputs;
 * its weights are row-major {@code [out][in]}, the layout of TensorFlow Lite's FULLY_CONNECTED.
 */
public final class Mlp {
    private final int[] sizes;
    private final float[][] weights;
    private final float[][] biases;

    Mlp(int[] sizes, float[][] weights, float[][] biases) {
        this.sizes = sizes.clone();
        this.weights = deepCopy(weights);
        this.biases = deepCopy(biases);
    }

    public int layerCount() {
        return weights.length;
    }

    public int inputSize(int layer) {
        return sizes[layer];
    }

    public int outputSize(int layer) {
        return sizes[layer + 1];
    }

    /** Whether layer {@code layer} applies ReLU to its output (every layer but the last). */
    public boolean hasRelu(int layer) {
        return layer < weights.length - 1;
    }

    public float[] weights(int layer) {
        return weights[layer].clone();
    }

    public float[] bias(int layer) {
        return biases[layer].clone();
    }

    /**
     * The output of every layer (after its activation) for one input vector; the last entry is
     * the network's output. Calibration reads the intermediate ones.
     */
    public double[][] layerOutputs(double[] input) {
        double[][] outputs = new double[weights.length][];
        double[] x = input;
        for (int l = 0; l < weights.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double sum = biases[l][o];
                for (int i = 0; i < in; i++) {
                    sum += (double) weights[l][o * in + i] * x[i];
                }
                y[o] = hasRelu(l) ? StrictMath.max(0.0, sum) : sum;
            }
            outputs[l] = y;
            x = y;
        }
        return outputs;
    }

    /** The output of a network with one input and one output. */
    public double predict(double x) {
        double[][] outputs = layerOutputs(new double[] {x});
        return outputs[outputs.length - 1][0];
    }

    private static float[][] deepCopy(float[][] arrays) {
        float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }
}
