package dev.tflm.examples.sine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.oracle.TfLiteOracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SineModelTest {
    /** The accuracy hello_world promises, and ours. */
    private static final double TOLERANCE = 0.05;
    /** Points of the dense evaluation grid on [0, 2π]. */
    private static final int GRID = 1000;

    private static Mlp network;
    private static byte[] int8Model;
    private static byte[] floatModel;

    @BeforeAll
    static void trainOnce() {
        network = SineModel.train();
        int8Model = SineModel.int8(network);
        floatModel = SineModel.float32(network);
    }

    @Test
    void buildsTheSameBytesEveryTime() {
        assertArrayEquals(SineModel.build(), SineModel.build());
        assertArrayEquals(SineModel.buildFloat(), floatModel);
    }

    @Test
    void trainedNetworkIsCloseToSine() {
        double maxError = 0;
        for (int i = 0; i <= GRID; i++) {
            double x = SineModel.X_MAX * i / GRID;
            maxError = Math.max(maxError, Math.abs(network.predict(x) - StrictMath.sin(x)));
        }
        assertTrue(maxError < 0.02, "float network max |y - sin x| = " + maxError);
    }

    @Test
    void quantizationFollowsTfLiteFullIntegerRules() {
        Int8Mlp q = SineModel.quantize(network);

        // input calibrated on exactly [0, 2π]: 0 maps to -128, 2π to 127
        assertEquals((float) (2 * Math.PI / 255), q.input().scale());
        assertEquals(-128, q.input().zeroPoint());
        for (int l = 0; l < q.layerCount(); l++) {
            Int8Mlp.Layer layer = q.layer(l);
            assertEquals(0, layer.weightParams().zeroPoint());
            assertEquals(0, layer.biasParams().zeroPoint());
            Int8Quantization.Params in = l == 0 ? q.input() : q.layer(l - 1).outputParams();
            assertEquals((float) ((double) in.scale() * layer.weightParams().scale()), layer.biasParams().scale());
            int maxAbs = 0;
            for (byte w : layer.weights()) {
                maxAbs = Math.max(maxAbs, Math.abs(w));
            }
            assertEquals(127, maxAbs, "symmetric weights use the full [-127, 127] range");
            if (layer.relu()) {
                assertEquals(-128, layer.outputParams().zeroPoint(), "ReLU outputs start at 0");
            }
        }
    }

    @Test
    void int8ModelIsCloseToSineInTfLite() {
        // quantize inputs with the parameters TF Lite reads from the file
        TfLiteOracle.TensorInfo in = TfLiteOracle.run(int8Model, new byte[][] {{0}}, TfLiteOracle.Options.defaults())
                .inputs().get(0);
        Int8Quantization.Params inputParams = new Int8Quantization.Params(in.scale(), in.zeroPoint());
        double maxError = 0;
        for (int i = 0; i <= GRID; i++) {
            double x = SineModel.X_MAX * i / GRID;
            byte q = (byte) Int8Quantization.quantize(x, inputParams, Int8Quantization.QMIN, Int8Quantization.QMAX);
            TfLiteOracle.Result result = TfLiteOracle.run(int8Model, new byte[][] {{q}},
                    TfLiteOracle.Options.defaults());
            TfLiteOracle.TensorInfo out = result.outputs().get(0);
            double y = out.scale() * (result.output(0)[0] - out.zeroPoint());
            maxError = Math.max(maxError, Math.abs(y - StrictMath.sin(x)));
        }
        System.out.printf("sine int8 through TF Lite %s: max |y - sin x| = %.5f%n", TfLiteOracle.runtimeVersion(), maxError);
        assertTrue(maxError < TOLERANCE, "max |y - sin x| = " + maxError);
    }

    @Test
    void floatModelIsCloseToSineInTfLite() {
        double maxError = 0;
        for (int i = 0; i <= GRID; i++) {
            double x = SineModel.X_MAX * i / GRID;
            byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) x).array();
            byte[] output = TfLiteOracle.run(floatModel, new byte[][] {input}, TfLiteOracle.Options.defaults()).output(0);
            double y = ByteBuffer.wrap(output).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            maxError = Math.max(maxError, Math.abs(y - StrictMath.sin(x)));
        }
        System.out.printf("sine float32 through TF Lite %s: max |y - sin x| = %.5f%n", TfLiteOracle.runtimeVersion(), maxError);
        assertTrue(maxError < TOLERANCE, "max |y - sin x| = " + maxError);
    }
}
