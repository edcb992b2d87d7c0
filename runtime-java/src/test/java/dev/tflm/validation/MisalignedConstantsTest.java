package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import dev.tflm.TensorType;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Models as converters write them: constant data off the 16-byte boundaries the schema asks for, as the
 * writer's {@link TfliteWriter#constantDataOffset} places it. Every op family of the randomized single-op
 * cases ({@link RandomOpFamilies}), written 4 and 12 bytes off, gives byte for byte the outputs of the aligned file, with the reference
 * kernels and with the optimized ones (which must not take weights to be 16-aligned); and an int64 constant,
 * then misaligned for its type, reads back from the aligned copy the interpreter makes in the arena.
 */
class MisalignedConstantsTest {
    private static final int CASES_PER_OP = 8;
    private static final long SEED = 0x5eed_a11dL;
    private static final int[] OFFSETS = {4, 12};
    private static final List<Interpreter.Options> KERNELS = List.of(
            Interpreter.Options.builder().kernels(KernelSet.REFERENCE).build(), Interpreter.Options.defaults());

    @TestFactory
    Stream<DynamicTest> misalignedConstantsGiveTheAlignedOutputs() {
        return RandomOpFamilies.tests(SEED, MisalignedConstantsTest::checkOp);
    }

    private static void checkOp(RandomOpFamilies.Family op, long seed) {
        for (int offset : OFFSETS) {
            RandomOpCases aligned = new RandomOpCases(seed), misaligned = new RandomOpCases(seed, offset);
            for (int n = 0; n < CASES_PER_OP; n++) {
                OpCase want = op.generator().apply(aligned), got = op.generator().apply(misaligned);
                assertEquals(want.description(), got.description(), "the same case, written twice");
                for (Interpreter.Options options : KERNELS) {
                    assertArrayEquals(run(want, options), run(got, options),
                            op.name() + " case " + n + ", " + offset + " bytes off, " + options.kernels() + ": "
                                    + got.description());
                }
            }
        }
    }

    private static byte[] run(OpCase c, Interpreter.Options options) {
        try (Model model = Model.fromBytes(c.model()); Interpreter interpreter = new Interpreter(model, options)) {
            return OurRuntime.run(interpreter, c.inputs()).get(0);
        }
    }

    /** A model without operators whose output is an int64 constant, its data {@code offset} bytes off 16. */
    private static byte[] int64Constant(byte[] data, int offset) {
        TfliteWriter writer = new TfliteWriter().constantDataOffset(offset);
        SubgraphBuilder main = writer.addSubgraph("main");
        int constant = main.addTensor(TensorDef.of("c", TensorType.INT64, 4).withBuffer(writer.addBuffer(data)));
        main.outputs(constant);
        return writer.toByteArray();
    }

    @Test
    void anInt64ConstantIsReadFromAnAlignedCopy() {
        ByteBuffer values = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        values.asLongBuffer().put(new long[] {1L << 40, -3, 0x0102030405060708L, Long.MIN_VALUE + 1});
        byte[] data = values.array();
        byte[] alignedModel = int64Constant(data, 0), misalignedModel = int64Constant(data, 4);
        assertFalse(Arrays.equals(alignedModel, misalignedModel));
        long[] arenaBytes = new long[2];
        byte[][] models = {alignedModel, misalignedModel};
        for (int m = 0; m < 2; m++) {
            try (Model model = Model.fromBytes(models[m]); Interpreter interpreter = new Interpreter(model)) {
                interpreter.invoke();
                assertArrayEquals(data, interpreter.output(0).toByteArray());
                arenaBytes[m] = interpreter.arenaBytes();
            }
        }
        assertEquals(arenaBytes[0] + data.length, arenaBytes[1], "the copy is counted in the arena figure");
    }
}
