package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.TensorType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TFLM's audio preprocessor model (audio_preprocessor_int8.tflite) as micro_speech's front
 * end: one int16 frame of 30 ms in, 40 int8 features out (window, FFT, mel filter bank, noise
 * reduction, gain control, log), built of TFLM's signal library custom ops. One interpreter
 * for the whole recording, its frames in order: its noise reduction and gain control carry
 * state from frame to frame, as in TFLM's micro_speech test.
 */
final class AudioPreprocessor implements FeatureFrames, AutoCloseable {

    private final Model model;
    private final Interpreter interpreter;
    private final Tensor input;
    private final Tensor output;

    private AudioPreprocessor(Model model) {
        this.model = model;
        this.interpreter = new Interpreter(model);
        this.input = interpreter.input(0);
        this.output = interpreter.output(0);
    }

    static AudioPreprocessor open(Path file) throws IOException {
        Model model = ExampleModel.load(file, "audio preprocessor", "micro_speech computes its features with it");
        AudioPreprocessor preprocessor;
        try {
            preprocessor = new AudioPreprocessor(model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            preprocessor.check(file);
        } catch (RuntimeException e) {
            preprocessor.close();
            throw e;
        }
        return preprocessor;
    }

    private void check(Path file) {
        if (interpreter.inputCount() != 1 || input.type() != TensorType.INT16
                || input.elementCount() != AudioWindows.FRAME_SAMPLES) {
            throw new IllegalArgumentException("audio preprocessor " + file + " must take one INT16 frame of "
                    + AudioWindows.FRAME_SAMPLES + " samples, it takes " + ExampleModel.describe(input));
        }
        if (output.type() != TensorType.INT8) {
            throw new IllegalArgumentException("audio preprocessor " + file + " must give INT8 features, it gives "
                    + ExampleModel.describe(output));
        }
    }

    /** Features per frame. */
    int featureSize() {
        return Math.toIntExact(output.elementCount());
    }

    @Override
    public byte[] next(short[] frame) {
        input.writeInt16(frame);
        interpreter.invoke();
        return output.readInt8();
    }

    @Override
    public void close() {
        if (!interpreter.isClosed()) {
            interpreter.close();
        }
        model.close();
    }
}
