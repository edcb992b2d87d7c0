package dev.tflm.examples.sine;

import java.util.Arrays;
import java.util.Random;

/**
 * Fits an {@link Mlp} to {@code sin x} on {@code [0, 2π]} with full-batch Adam on the mean squared
 * error, deterministically: {@link Random} is a specified generator, Java's double arithmetic is
 * IEEE 754 everywhere since Java 17, every transcendental goes through {@link StrictMath}, and
 * every sum runs in a fixed order on one thread. Same configuration, same bits, on every JVM.
 */
public final class SineTrainer {

    /**
     * @param seed         seeds the weight initialization
     * @param sizes        layer widths, input first: {@code {1, 16, 16, 1}}
     * @param samples      evenly spaced training points on {@code [0, 2π]}, both ends included
     * @param steps        full-batch Adam steps
     * @param learningRate the initial step size, decayed along a cosine to zero by the last step
     */
    public record Config(long seed, int[] sizes, int samples, int steps, double learningRate) {
        public Config {
            sizes = sizes.clone();
        }

        @Override
        public int[] sizes() {
            return sizes.clone();
        }
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Config config;
    private final int[] sizes;
    private final int layers;
    private final double[][] w;
    private final double[][] b;

    private SineTrainer(Config config) {
        this.config = config;
        this.sizes = config.sizes();
        this.layers = sizes.length - 1;
        this.w = new double[layers][];
        this.b = new double[layers][];
    }

    /** Trains a network as {@code config} says and returns it with its parameters rounded to float32. */
    public static Mlp train(Config config) {
        SineTrainer trainer = new SineTrainer(config);
        trainer.initialize(new Random(config.seed()));
        trainer.optimize();
        return trainer.toMlp();
    }

    /**
     * He-uniform weights. The first layer's biases put each unit's ReLU kink at a random point of
     * the input range: the input is never negative, so with zero biases every unit with a
     * negative weight would output 0 for all inputs and never learn.
     */
    private void initialize(Random random) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double limit = StrictMath.sqrt(6.0 / in);
            w[l] = new double[out * in];
            b[l] = new double[out];
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = (2 * random.nextDouble() - 1) * limit;
            }
        }
        for (int o = 0; o < sizes[1]; o++) {
            double kink = random.nextDouble() * 2 * StrictMath.PI;
            b[0][o] = -w[0][o] * kink;
        }
    }

    private void optimize() {
        int n = config.samples();
        double[] xs = new double[n];
        double[] targets = new double[n];
        for (int s = 0; s < n; s++) {
            xs[s] = 2 * StrictMath.PI * s / (n - 1);
            targets[s] = StrictMath.sin(xs[s]);
        }
        Adam[] wAdam = new Adam[layers];
        Adam[] bAdam = new Adam[layers];
        double[][] gw = new double[layers][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            wAdam[l] = new Adam(w[l].length);
            bAdam[l] = new Adam(b[l].length);
            gw[l] = new double[w[l].length];
            gb[l] = new double[b[l].length];
        }
        double[][] act = new double[layers + 1][];
        double[][] delta = new double[layers][];
        for (int l = 0; l <= layers; l++) {
            act[l] = new double[sizes[l]];
        }
        for (int l = 0; l < layers; l++) {
            delta[l] = new double[sizes[l + 1]];
        }
        for (int step = 1; step <= config.steps(); step++) {
            for (int l = 0; l < layers; l++) {
                Arrays.fill(gw[l], 0);
                Arrays.fill(gb[l], 0);
            }
            for (int s = 0; s < n; s++) {
                act[0][0] = xs[s];
                forward(act);
                // d(mean squared error)/d(output)
                delta[layers - 1][0] = 2 * (act[layers][0] - targets[s]) / n;
                backward(act, delta, gw, gb);
            }
            double progress = (double) (step - 1) / config.steps();
            double rate = config.learningRate() * 0.5 * (1 + StrictMath.cos(StrictMath.PI * progress));
            for (int l = 0; l < layers; l++) {
                wAdam[l].update(w[l], gw[l], rate, step);
                bAdam[l].update(b[l], gb[l], rate, step);
            }
        }
    }

    private void forward(double[][] act) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            for (int o = 0; o < sizes[l + 1]; o++) {
                double sum = b[l][o];
                for (int i = 0; i < in; i++) {
                    sum += w[l][o * in + i] * act[l][i];
                }
                act[l + 1][o] = l < layers - 1 ? StrictMath.max(0.0, sum) : sum;
            }
        }
    }

    /** Accumulates the gradients of one sample; {@code delta[layers - 1]} holds d(loss)/d(output). */
    private void backward(double[][] act, double[][] delta, double[][] gw, double[][] gb) {
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            for (int o = 0; o < sizes[l + 1]; o++) {
                double d = delta[l][o];
                gb[l][o] += d;
                for (int i = 0; i < in; i++) {
                    gw[l][o * in + i] += d * act[l][i];
                }
            }
            if (l > 0) {
                for (int i = 0; i < in; i++) {
                    double sum = 0;
                    if (act[l][i] > 0) { // ReLU passes gradient only where it was active
                        for (int o = 0; o < sizes[l + 1]; o++) {
                            sum += delta[l][o] * w[l][o * in + i];
                        }
                    }
                    delta[l - 1][i] = sum;
                }
            }
        }
    }

    private Mlp toMlp() {
        float[][] fw = new float[layers][];
        float[][] fb = new float[layers][];
        for (int l = 0; l < layers; l++) {
            fw[l] = toFloats(w[l]);
            fb[l] = toFloats(b[l]);
        }
        return new Mlp(sizes, fw, fb);
    }

    private static float[] toFloats(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }

    /** Adam's moment estimates for one parameter array (Kingma and Ba, 2015). */
    private static final class Adam {
        private final double[] m;
        private final double[] v;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
        }

        void update(double[] params, double[] grads, double rate, int step) {
            double correction1 = 1 - StrictMath.pow(BETA1, step);
            double correction2 = 1 - StrictMath.pow(BETA2, step);
            for (int i = 0; i < params.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * grads[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grads[i] * grads[i];
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                params[i] -= rate * mHat / (StrictMath.sqrt(vHat) + EPSILON);
            }
        }
    }
}
