package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tflm.Interpreter;
import dev.tflm.Isa;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The optimized kernels equal the reference ones byte for byte, floats included, through the
 * whole path a user takes: the randomized single-op models of {@link RandomOpFamilies}, for
 * every kernel of the library, run once with {@link KernelSet#REFERENCE} and once with {@link KernelSet#OPTIMIZED} at every
 * ISA level this CPU has (forced with {@code maxIsa}). The C test test_x86_kernels checks the
 * SIMD functions themselves; this one checks that prepare picks them, packs the weights and
 * sizes the scratch right, and that invoke wires them to the right tensors.
 */
class KernelParityTest {
    private static final int CASES_PER_OP = 60;
    private static final long SEED = 0x9a21_7e57L;

    @TestFactory
    Stream<DynamicTest> optimizedKernelsEqualReference() {
        return RandomOpFamilies.tests(SEED, KernelParityTest::checkOp);
    }

    /** Every level from SCALAR up to what this CPU has (SCALAR runs the reference kernels). */
    private static List<Isa> levels() {
        List<Isa> levels = new ArrayList<>();
        for (Isa isa : Isa.values()) {
            if (isa != Isa.BEST && Interpreter.cpuIsa().includes(isa)) {
                levels.add(isa);
            }
        }
        return levels;
    }

    private static void checkOp(RandomOpFamilies.Family op, long seed) {
        RandomOpCases cases = new RandomOpCases(seed);
        List<Isa> levels = levels();
        for (int n = 0; n < CASES_PER_OP; n++) {
            OpCase c = op.generator().apply(cases);
            List<byte[]> want = run(c, Interpreter.Options.builder().kernels(KernelSet.REFERENCE).build());
            for (Isa isa : levels) {
                List<byte[]> got = run(c, Interpreter.Options.builder().maxIsa(isa).build());
                for (int o = 0; o < want.size(); o++) {
                    assertArrayEquals(want.get(o), got.get(o),
                            op.name() + " case " + n + " at " + isa + ", output " + o + ": " + c.description());
                }
            }
        }
        System.out.printf("%s (seed %#x): %d cases at %s%n", op.name(), seed, CASES_PER_OP, levels);
    }

    private static List<byte[]> run(OpCase c, Interpreter.Options options) {
        try (Model model = Model.fromBytes(c.model()); Interpreter interpreter = new Interpreter(model, options)) {
            return OurRuntime.run(interpreter, c.inputs());
        }
    }
}
