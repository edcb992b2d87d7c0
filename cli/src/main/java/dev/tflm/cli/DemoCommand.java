package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.Tensor;
import dev.tflm.examples.sine.SineModel;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code demo}: the sine model this project trains and quantizes in Java, run over one
 * period, then timed.
 */
@Command(name = "demo")
final class DemoCommand implements Callable<Integer> {

    private static final int STEPS = 20;
    /**
     * The JVM starts cold: until the JIT compiles the invoke path, one invoke of this tiny
     * model costs tens of microseconds instead of well under one. Warm up for at least this
     * many invokes and this long before timing.
     */
    private static final int WARMUP_INVOKES = 20_000;
    private static final long WARMUP_NANOS = 200_000_000L;
    /** Enough invokes that the clock's resolution and the loop's cost vanish in the mean. */
    private static final int TIMED_INVOKES = 200_000;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        try (Model model = Model.fromBytes(SineModel.build()); Interpreter interpreter = new Interpreter(model)) {
            Tensor input = interpreter.input(0);
            Tensor output = interpreter.output(0);
            out.printf("%8s %10s %12s %10s%n", "x", "sin x", "prediction", "error");
            for (int i = 0; i <= STEPS; i++) {
                float x = (float) (2 * Math.PI * i / STEPS);
                float y = predict(interpreter, input, output, x);
                float expected = (float) Math.sin(x);
                out.printf("%8.4f %10.4f %12.4f %+10.4f%n", x, expected, y, y - expected);
            }

            long warmupStart = System.nanoTime();
            for (int i = 0; i < WARMUP_INVOKES || System.nanoTime() - warmupStart < WARMUP_NANOS; i++) {
                interpreter.invoke();
            }
            long start = System.nanoTime();
            for (int i = 0; i < TIMED_INVOKES; i++) {
                interpreter.invoke();
            }
            double microsPerInvoke = (System.nanoTime() - start) / 1_000.0 / TIMED_INVOKES;
            out.printf("%narena bytes         %d%n", interpreter.arenaBytes());
            out.printf("time per inference  %.3f us (mean of %d, after warm-up)%n", microsPerInvoke, TIMED_INVOKES);
        }
        return Main.EXIT_OK;
    }

    /** One inference, quantizing x and dequantizing y when the model is quantized. */
    static float predict(Interpreter interpreter, Tensor input, Tensor output, float x) {
        input.writeReals(new float[] {x});
        interpreter.invoke();
        return output.readReals()[0];
    }
}
