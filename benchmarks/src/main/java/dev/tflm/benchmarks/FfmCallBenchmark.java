package dev.tflm.benchmarks;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@link Interpreter#invoke()} through FFM on a model with no operators: the
 * Java checks, the downcall and the native function's entry and exit, no kernel.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class FfmCallBenchmark {

    private Model model;
    private Interpreter interpreter;

    @Setup(Level.Trial)
    public void setUp() {
        model = Model.fromBytes(BenchModels.empty());
        interpreter = new Interpreter(model, Interpreter.Options.builder().sharedArena(true).build());
    }

    @Benchmark
    public void invokeEmptyModel() {
        interpreter.invoke();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        interpreter.close();
        model.close();
    }
}
