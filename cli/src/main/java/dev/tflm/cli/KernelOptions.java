package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Isa;
import dev.tflm.KernelSet;
import picocli.CommandLine.Option;

/** {@code --kernels reference|optimized} and {@code --isa LEVEL}, shared by run and bench. */
final class KernelOptions {

    @Option(names = "--kernels", converter = Checks.Kernels.class)
    KernelSet kernels = KernelSet.OPTIMIZED;

    @Option(names = "--isa", paramLabel = "LEVEL", converter = Checks.Level.class)
    Isa maxIsa = Isa.BEST;

    Interpreter.Options.Builder builder() {
        return Interpreter.Options.builder().kernels(kernels).maxIsa(maxIsa);
    }
}
