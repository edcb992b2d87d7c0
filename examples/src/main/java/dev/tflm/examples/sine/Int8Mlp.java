package dev.tflm.examples.sine;

/**
 * An {@link Mlp} quantized for int8 full-integer inference: int8 input and output, int8
 * symmetric per-tensor weights, int32 biases, every activation tensor int8 with the parameters
 * its calibrated range gives.
 */
public final class Int8Mlp {

    /** One quantized FULLY_CONNECTED layer. */
    public record Layer(int inputSize, int outputSize, boolean relu,
                        byte[] weights, Int8Quantization.Params weightParams,
                        int[] bias, Int8Quantization.Params biasParams,
                        Int8Quantization.Params outputParams) {
    }

    private final Int8Quantization.Params input;
    private final Layer[] layers;

    private Int8Mlp(Int8Quantization.Params input, Layer[] layers) {
        this.input = input;
        this.layers = layers;
    }

    /** Quantizes {@code network} with activation ranges from {@code calibration}. */
    public static Int8Mlp quantize(Mlp network, Calibration calibration) {
        Int8Quantization.Params layerInput = calibration.input();
        Layer[] layers = new Layer[network.layerCount()];
        for (int l = 0; l < layers.length; l++) {
            float[] weights = network.weights(l);
            Int8Quantization.Params weightParams = Int8Quantization.weights(weights);
            Int8Quantization.Params biasParams = Int8Quantization.bias(layerInput, weightParams);
            Int8Quantization.Params output = calibration.layerOutput(l);
            layers[l] = new Layer(network.inputSize(l), network.outputSize(l), network.hasRelu(l),
                    Int8Quantization.toInt8(weights, weightParams, Int8Quantization.WEIGHT_QMIN), weightParams,
                    Int8Quantization.toInt32(network.bias(l), biasParams), biasParams,
                    output);
            layerInput = output;
        }
        return new Int8Mlp(calibration.input(), layers);
    }

    public Int8Quantization.Params input() {
        return input;
    }

    public int layerCount() {
        return layers.length;
    }

    public Layer layer(int index) {
        return layers[index];
    }

    /** Parameters of the network's output: those of its last layer. */
    public Int8Quantization.Params output() {
        return layers[layers.length - 1].outputParams();
    }
}
