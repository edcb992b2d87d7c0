package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.TensorType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code example person_detection [--input FILE.bmp] [--model FILE]}: TFLM's visual wake words
 * model on a BMP. The image becomes gray ({@link BmpReader}), is scaled to the input's height
 * x width by area averaging ({@link GrayImage#scaledTo}), and its pixel bytes, rows top to
 * bottom, go into the input: with {@code --pixels raw} (the default) an INT8 input takes each
 * byte reinterpreted (200 becomes -56), as TFLM's test images person.bmp and no_person.bmp hold
 * the model's int8 input bytes; with {@code --pixels centered}, for ordinary photographs, it
 * takes gray - 128 (200 becomes 72), the conversion of TFLM's camera examples. A UINT8 input
 * takes the value either way. Output 1 scores "person", output 0 "no person".
 */
@Command(name = "person_detection")
final class PersonDetectionExample implements Callable<Integer> {

    /** Output order. */
    static final List<String> LABELS = List.of("no_person", "person");

    @Option(names = "--input", paramLabel = "FILE.bmp")
    private Path input;

    @Option(names = "--model", paramLabel = "FILE")
    private Path modelPath;

    /** How gray values become INT8 input bytes. */
    enum Pixels { raw, centered }

    @Option(names = "--pixels", paramLabel = "raw|centered", defaultValue = "raw")
    private Pixels pixels;

    private final PrintStream out;

    PersonDetectionExample(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Path modelFile = ExampleFiles.orShared(modelPath, "models/person_detect.tflite", "--model");
        Path imageFile = ExampleFiles.orShared(input, "testdata/person.bmp", "--input");
        BmpReader.Bmp bmp = readBmp(imageFile);
        try (Model model = ExampleModel.load(modelFile, "person detection model", "it cannot classify images");
             Interpreter interpreter = new Interpreter(model)) {
            Tensor in = interpreter.input(0);
            Tensor scores = interpreter.output(0);
            int[] shape = in.shape();
            if (shape.length != 4 || shape[0] != 1 || shape[3] != 1
                    || (in.type() != TensorType.INT8 && in.type() != TensorType.UINT8)) {
                throw new IllegalArgumentException("person detection model " + modelFile + " must take one INT8 or "
                        + "UINT8 gray image [1, height, width, 1], it takes " + ExampleModel.describe(in));
            }
            if (scores.elementCount() != LABELS.size()
                    || (scores.type() != TensorType.INT8 && scores.type() != TensorType.UINT8)) {
                throw new IllegalArgumentException("person detection model " + modelFile + " must give 2 INT8 or "
                        + "UINT8 scores (no person, person), it gives " + ExampleModel.describe(scores));
            }
            GrayImage image = bmp.image().scaledTo(shape[2], shape[1]);
            byte[] bytes = image.pixels();
            if (pixels == Pixels.centered && in.type() == TensorType.INT8) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) ((bytes[i] & 0xFF) - 128);
                }
            }
            in.copyFrom(bytes);
            interpreter.invoke();

            float[] reals = scores.dequantize();
            byte[] raw = scores.toByteArray();
            out.printf("model      %s%n", modelFile);
            out.printf("input      %s: %s, %s, %s pixels into %s%n", imageFile, bmp.describe(),
                    bmp.image().width() == image.width() && bmp.image().height() == image.height() ? "not scaled"
                            : "scaled to " + image.width() + "x" + image.height() + " (area averaging)",
                    pixels, ExampleModel.describe(in));
            String type = scores.type().name().toLowerCase(Locale.ROOT);
            for (int i = 0; i < LABELS.size(); i++) {
                int q = scores.type() == TensorType.INT8 ? raw[i] : raw[i] & 0xFF;
                out.printf("%-10s %.4f  (%s %d)%n", LABELS.get(i), reals[i], type, q);
            }
            out.println("label: " + (reals[1] > reals[0] ? LABELS.get(1) : LABELS.get(0)));
        }
        return Main.EXIT_OK;
    }

    private static BmpReader.Bmp readBmp(Path file) throws IOException {
        try {
            return BmpReader.read(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
