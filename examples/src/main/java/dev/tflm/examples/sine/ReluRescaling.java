package dev.tflm.examples.sine;

/**
 * Rescales hidden ReLU units without changing what the network computes, to suit per-tensor
 * int8 quantization. ReLU is positively homogeneous, {@code relu(c·z) = c·relu(z)} for
 * {@code c > 0}, so multiplying a unit's incoming weights and bias by {@code c} and the next
 * layer's weights from that unit by {@code 1/c} leaves the output unchanged.
 *
 * <p>Why: with one input, the first layer's weights are the slopes of the units' ReLU ramps,
 * and per-tensor quantization gives all 16 slopes the same absolute step. A unit whose slope is
 * a fifth of the largest gets a relative error five times larger, which moves its kink
 * ({@code -bias/weight}) by up to 2% of its position: errors of 0.07 in y near x = 2π. Scaled
 * to slope ±1, every first-layer weight quantizes to exactly ±127.
 */
public final class ReluRescaling {
    private ReluRescaling() {
    }

    /**
     * The same function with every hidden unit rescaled so that its incoming weights have largest
     * magnitude 1. Layers are processed first to last, so each sees its inputs' final scaling.
     * Units whose incoming weights are all zero are left alone.
     */
    public static Mlp unitIncomingWeights(Mlp network) {
        float[][] weights = new float[network.layerCount()][];
        float[][] biases = new float[network.layerCount()][];
        for (int l = 0; l < network.layerCount(); l++) {
            weights[l] = network.weights(l);
            biases[l] = network.bias(l);
        }
        for (int l = 0; l < network.layerCount() - 1; l++) {
            int in = network.inputSize(l);
            int units = network.outputSize(l);
            int next = network.outputSize(l + 1);
            for (int u = 0; u < units; u++) {
                double largest = 0;
                for (int i = 0; i < in; i++) {
                    largest = StrictMath.max(largest, StrictMath.abs(weights[l][u * in + i]));
                }
                if (largest == 0) {
                    continue;
                }
                for (int i = 0; i < in; i++) {
                    weights[l][u * in + i] = (float) (weights[l][u * in + i] / largest);
                }
                biases[l][u] = (float) (biases[l][u] / largest);
                for (int o = 0; o < next; o++) {
                    weights[l + 1][o * units + u] = (float) (weights[l + 1][o * units + u] * largest);
                }
            }
        }
        return new Mlp(sizesOf(network), weights, biases);
    }

    private static int[] sizesOf(Mlp network) {
        int[] sizes = new int[network.layerCount() + 1];
        sizes[0] = network.inputSize(0);
        for (int l = 0; l < network.layerCount(); l++) {
            sizes[l + 1] = network.outputSize(l);
        }
        return sizes;
    }
}
