package dev.tflm.benchmarks;

import dev.tflm.KernelSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per inference of every model on every engine, single-threaded: this runtime
 * with its optimized and its reference kernels, and TensorFlow Lite 2.6.2 with XNNPACK off and
 * on. An inference writes the inputs, invokes and reads the outputs, as an application does.
 * TF Lite rejects person_detect: its setup fails and the run goes on without that result
 * (the report says "rejected").
 *
 * <p>The defaults (one fork, 3 × 1 s warm-up, 5 × 1 s measurement) keep the whole run near
 * six minutes; JMH's -f, -wi, -i, -w and -r make it longer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class InferenceBenchmark {

    /** Every shared model but audio_preprocessor_int8 (TFLM signal ops neither engine has), and the sine model. */
    @Param({"hello_world_int8", "hello_world_float", "sine", "micro_speech_quantized", "keyword_scrambled",
            "kws_ref_model", "ad01_int8", "vww_96_int8", "pretrainedResnet_quant", "person_detect"})
    public String model;

    @Param({"tflm-optimized", "tflm-reference", "tflite", "tflite-xnnpack"})
    public String engine;

    private Engine runner;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = BenchModels.bytes(model);
        runner = switch (engine) {
            case "tflm-optimized" -> new TflmEngine(bytes, KernelSet.OPTIMIZED);
            case "tflm-reference" -> new TflmEngine(bytes, KernelSet.REFERENCE);
            case "tflite" -> new TfLiteEngine(bytes, false);
            case "tflite-xnnpack" -> new TfLiteEngine(bytes, true);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    @Benchmark
    public byte inference() {
        return runner.infer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }
}
