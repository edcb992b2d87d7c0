package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.TensorType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TFLM's micro_speech keyword model (micro_speech_quantized.tflite): 49 frames of 40 int8
 * features (1 s of audio, [1, 1960] or [1, 49, 40, 1]) in, the scores of
 * {@link KeywordScores#LABELS} out. The features go in as the preprocessor gives them, as in
 * TFLM's micro_speech test.
 */
final class KeywordModel implements AutoCloseable {

    private final Model model;
    private final Interpreter interpreter;
    private final Tensor input;
    private final Tensor output;

    private KeywordModel(Model model) {
        this.model = model;
        this.interpreter = new Interpreter(model);
        this.input = interpreter.input(0);
        this.output = interpreter.output(0);
    }

    /** The model in {@code file}, checked to take {@code featureSize} features per frame. */
    static KeywordModel open(Path file, int featureSize) throws IOException {
        Model model = ExampleModel.load(file, "keyword model", "micro_speech cannot classify audio");
        KeywordModel keywords;
        try {
            keywords = new KeywordModel(model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            keywords.check(file, featureSize);
        } catch (RuntimeException e) {
            keywords.close();
            throw e;
        }
        return keywords;
    }

    private void check(Path file, int featureSize) {
        long features = (long) AudioWindows.FRAMES_PER_WINDOW * featureSize;
        if (input.type() != TensorType.INT8 || input.elementCount() != features) {
            throw new IllegalArgumentException("keyword model " + file + " must take INT8 features of 1 s ("
                    + AudioWindows.FRAMES_PER_WINDOW + " frames of " + featureSize + " = " + features
                    + " values), it takes " + ExampleModel.describe(input));
        }
        boolean real = output.type() == TensorType.FLOAT32 || output.quantization().isQuantized();
        if (output.elementCount() != KeywordScores.LABELS.size() || !real) {
            throw new IllegalArgumentException("keyword model " + file + " must give " + KeywordScores.LABELS.size()
                    + " scores (" + String.join(", ", KeywordScores.LABELS) + "), it gives "
                    + ExampleModel.describe(output));
        }
    }

    /** The scores of one window's features. */
    KeywordScores classify(byte[] features) {
        input.writeInt8(features);
        interpreter.invoke();
        return new KeywordScores(output.readReals());
    }

    @Override
    public void close() {
        if (!interpreter.isClosed()) {
            interpreter.close();
        }
        model.close();
    }
}
