package dev.tflm.examples;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.examples.sine.SineModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TensorFlow Lite for Microcontrollers' hello_world on this runtime: a model that learned
 * y = sin(x), run for a few x. Pass a .tflite path (e.g. hello_world_int8.tflite), or
 * nothing for the sine model this project trains in Java.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... dev.tflm.examples.HelloWorld [MODEL]</pre>
 */
public final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) throws IOException {
        try (Model model = args.length > 0 ? Model.load(Path.of(args[0])) : Model.fromBytes(SineModel.build());
             Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            Tensor output = interpreter.output(0);
            System.out.printf("arena: %d bytes%n", interpreter.arenaBytes());
            for (int i = 0; i <= 8; i++) {
                float x = (float) (Math.PI / 4 * i);
                input.writeReals(new float[] {x});
                interpreter.invoke();
                float y = output.readReals()[0];
                System.out.printf("x = %.3f  y = %+.3f  (sin x = %+.3f)%n", x, y, Math.sin(x));
            }
        }
    }
}
