package dev.tflm.benchmarks;

/**
 * One way to run a model, prepared with fixed inputs. {@link #infer()} is one inference as an
 * application does it: write the inputs, invoke, read the outputs.
 */
interface Engine extends AutoCloseable {

    /** Runs one inference; returns the first output byte, for the benchmark to consume. */
    byte infer();

    @Override
    void close();
}
