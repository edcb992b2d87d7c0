package dev.tflm.examples.sine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReluRescalingTest {
    private static final SineTrainer.Config SMALL = new SineTrainer.Config(7, new int[] {1, 8, 8, 1}, 32, 500, 0.02);

    @Test
    void keepsTheFunction() {
        Mlp trained = SineTrainer.train(SMALL);
        Mlp rescaled = ReluRescaling.unitIncomingWeights(trained);

        for (int i = 0; i <= 100; i++) {
            double x = SineModel.X_MAX * i / 100;
            assertEquals(trained.predict(x), rescaled.predict(x), 1e-5, "x = " + x);
        }
    }

    @Test
    void givesEveryHiddenUnitIncomingWeightsOfLargestMagnitudeOne() {
        Mlp rescaled = ReluRescaling.unitIncomingWeights(SineTrainer.train(SMALL));

        for (int l = 0; l < rescaled.layerCount() - 1; l++) {
            float[] weights = rescaled.weights(l);
            int in = rescaled.inputSize(l);
            for (int u = 0; u < rescaled.outputSize(l); u++) {
                float largest = 0;
                for (int i = 0; i < in; i++) {
                    largest = Math.max(largest, Math.abs(weights[u * in + i]));
                }
                assertEquals(1f, largest, "layer " + l + " unit " + u);
            }
        }
    }
}
