package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.SharedData;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * TFLM's person detection example on its two test images: the 96×96 8-bit pixels, rows top to
 * bottom, go unchanged into the int8 input; output 1 is "person", output 0 "no person".
 */
class PersonDetectionTest {
    private static final int NO_PERSON = 0;
    private static final int PERSON = 1;

    @Test
    void personImageScoresPersonHigher() throws IOException {
        byte[] scores = scores("person.bmp");
        assertTrue(scores[PERSON] > scores[NO_PERSON], "person.bmp scores " + Arrays.toString(scores));
    }

    @Test
    void noPersonImageScoresNoPersonHigher() throws IOException {
        byte[] scores = scores("no_person.bmp");
        assertTrue(scores[NO_PERSON] > scores[PERSON], "no_person.bmp scores " + Arrays.toString(scores));
    }

    private static byte[] scores(String image) throws IOException {
        Bmp bmp = Bmp.read(SharedData.file("testdata/" + image));
        try (Model model = Model.fromBytes(SharedData.modelBytes(SharedData.PERSON_DETECT));
             Interpreter interpreter = new Interpreter(model)) {
            assertArrayEquals(new int[] {1, bmp.height(), bmp.width(), 1}, interpreter.input(0).shape(),
                    image + " must fit the model's input");
            interpreter.input(0).writeInt8(bmp.pixels());
            interpreter.invoke();
            byte[] scores = interpreter.output(0).readInt8();
            System.out.println(image + ": no person " + scores[NO_PERSON] + ", person " + scores[PERSON]);
            return scores;
        }
    }
}
