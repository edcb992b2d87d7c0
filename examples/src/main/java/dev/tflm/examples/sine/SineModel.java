package dev.tflm.examples.sine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's own demo model, in the spirit of TensorFlow Lite for Microcontrollers'
 * hello_world: a 1→16→16→1 ReLU network approximating {@code y = sin x} for {@code x ∈ [0, 2π]},
 * trained here in Java and quantized to int8 with TensorFlow Lite's full-integer rules.
 * Every build gives the same bytes on every JVM.
 *
 * <pre>java dev.tflm.examples.sine.SineModel sine_int8.tflite [sine_float.tflite]</pre>
 */
public final class SineModel {
    /** How the network is trained: fixed, so the model is reproducible byte for byte. */
    public static final SineTrainer.Config TRAINING =
            new SineTrainer.Config(42, new int[] {1, 16, 16, 1}, 64, 20_000, 0.02);
    /** Evenly spaced calibration inputs; both ends of {@code [0, 2π]} are included. */
    public static final int CALIBRATION_POINTS = 1000;
    /** Smallest and largest input the model is trained for. */
    public static final double X_MIN = 0.0;
    public static final double X_MAX = 2 * StrictMath.PI;

    private static final String FLOAT_DESCRIPTION = "sine float32: y = sin(x), x in [0, 2pi]";
    private static final String INT8_DESCRIPTION = "sine int8: y = sin(x), x in [0, 2pi]";

    private SineModel() {
    }

    /**
     * Trains and returns the float32 network both models are made from, its hidden units
     * rescaled for per-tensor int8 quantization (same function, see {@link ReluRescaling}).
     */
    public static Mlp train() {
        return ReluRescaling.unitIncomingWeights(SineTrainer.train(TRAINING));
    }

    /** The int8 model: int8 input and output, int8 weights, int32 biases. */
    public static byte[] build() {
        return int8(train());
    }

    /** The float32 model. */
    public static byte[] buildFloat() {
        return float32(train());
    }

    /** Writes the float32 model of {@code network}. */
    public static byte[] float32(Mlp network) {
        return MlpTflite.writeFloat(network, FLOAT_DESCRIPTION);
    }

    /** Quantizes {@code network} and writes the int8 model. */
    public static byte[] int8(Mlp network) {
        return MlpTflite.writeInt8(quantize(network), INT8_DESCRIPTION);
    }

    /** Calibrates {@code network} on the representative inputs and quantizes it. */
    public static Int8Mlp quantize(Mlp network) {
        return Int8Mlp.quantize(network, Calibration.run(network, representativeInputs()));
    }

    /** The calibration set: {@link #CALIBRATION_POINTS} evenly spaced points of {@code [0, 2π]}. */
    public static double[] representativeInputs() {
        double[] xs = new double[CALIBRATION_POINTS];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = X_MIN + (X_MAX - X_MIN) * i / (xs.length - 1);
        }
        return xs;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SineModel <int8 model path> [<float32 model path>]");
            System.exit(2);
        }
        Mlp network = train();
        Files.write(Path.of(args[0]), int8(network));
        if (args.length == 2) {
            Files.write(Path.of(args[1]), float32(network));
        }
    }
}
