package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tflm.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The op families {@link RandomOpCases} generates, and their tests for every kernel the native
 * library reports ({@link Kernel#all()}, one line of native/include/tflm/ops.def each). A kernel
 * the library gains without a family here, or a reason in {@link #WITHOUT_CASES}, gets a test that
 * fails: {@link TfLiteOpDifferentialTest} and {@link KernelParityTest} cannot forget a kernel.
 */
final class RandomOpFamilies {

    /** Random cases of one op ({@code op} as the library names it) for one type combination. */
    record Family(String op, String variant, Function<RandomOpCases, OpCase> generator) {
        String name() {
            return variant.isEmpty() ? op : op + " " + variant;
        }
    }

    /** In seed order: a family's seed is a test's base seed plus its index, so new families go last. */
    static final List<Family> FAMILIES = List.of(
            new Family("FULLY_CONNECTED", "int8", RandomOpCases::fullyConnectedInt8),
            new Family("FULLY_CONNECTED", "float32", RandomOpCases::fullyConnectedFloat),
            new Family("CONV_2D", "int8 per-channel", RandomOpCases::conv2dInt8),
            new Family("CONV_2D", "float32", RandomOpCases::conv2dFloat),
            new Family("DEPTHWISE_CONV_2D", "int8 per-channel", RandomOpCases::depthwiseConv2dInt8),
            new Family("DEPTHWISE_CONV_2D", "float32", RandomOpCases::depthwiseConv2dFloat),
            new Family("AVERAGE_POOL_2D", "int8", RandomOpCases::averagePoolInt8),
            new Family("AVERAGE_POOL_2D", "float32", RandomOpCases::averagePoolFloat),
            new Family("MAX_POOL_2D", "int8", RandomOpCases::maxPoolInt8),
            new Family("MAX_POOL_2D", "float32", RandomOpCases::maxPoolFloat),
            new Family("ADD", "int8", RandomOpCases::addInt8),
            new Family("ADD", "float32", RandomOpCases::addFloat),
            new Family("SOFTMAX", "int8", RandomOpCases::softmaxInt8),
            new Family("SOFTMAX", "float32", RandomOpCases::softmaxFloat),
            new Family("QUANTIZE", "float32→int8", RandomOpCases::quantizeFloatToInt8),
            new Family("QUANTIZE", "int8→int8", RandomOpCases::requantizeInt8),
            new Family("DEQUANTIZE", "int8→float32", RandomOpCases::dequantizeInt8),
            new Family("RESHAPE", "", RandomOpCases::reshape),
            new Family("MUL", "int8", RandomOpCases::mulInt8),
            new Family("MUL", "float32", RandomOpCases::mulFloat),
            new Family("SVDF", "int8", RandomOpCases::svdfInt8),
            new Family("SVDF", "float32", RandomOpCases::svdfFloat));

    /**
     * Ops of the library's general kernels that have no random cases, and why: one line each,
     * {@code OP: reason} (a text block, so that kernels added on different branches merge).
     */
    private static final String WITHOUT_CASES_LINES = """
            ABS: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            CEIL: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            COS: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            EXP: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            FLOOR: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            L2_NORMALIZATION: random cases come with the differential harness (issue 9); native/tests/test_l2norm.c and the opzoo cases test it
            L2_POOL_2D: random cases come with the differential harness (issue 9); native/tests/test_pooling.c and the opzoo cases test it
            LOG: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            LOGICAL_NOT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            LOG_SOFTMAX: random cases come with the differential harness (issue 9); native/tests/test_log_softmax.c and the opzoo cases test it
            MEAN: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            NEG: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            REDUCE_ALL: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_ANY: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_MAX: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_MIN: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_PROD: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            ROUND: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            RSQRT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SIGN: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SIN: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SQRT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SQUARE: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SUM: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            """;

    static final Map<String, String> WITHOUT_CASES = WITHOUT_CASES_LINES.lines()
            .filter(line -> !line.isBlank())
            .collect(Collectors.toUnmodifiableMap(
                    line -> line.substring(0, line.indexOf(':')).strip(),
                    line -> line.substring(line.indexOf(':') + 1).strip()));

    /**
     * Why the INT8-only variants ({@code tflm_op_*_int8}) need no families of their own: each runs
     * its general kernel's prepare checks and int8 code with the float paths left out, so the int8
     * families test their arithmetic through the general kernel the Java runtime registers; the
     * micro_speech firmware runs the variants themselves in QEMU against the host's and TFLM's
     * outputs, and test_fully_connected checks that the FC variant rejects float.
     */
    static final String INT8_VARIANTS = "tested through their general kernels (see RandomOpFamilies)";

    private RandomOpFamilies() {
    }

    /**
     * For each general kernel of the library in its order, one test per family of its op running
     * {@code check} with the family and its seed ({@code baseSeed} + its index); a failing test for
     * a kernel without families or a reason, and for a family of an op the library lacks.
     */
    static Stream<DynamicTest> tests(long baseSeed, ObjLongConsumer<Family> check) {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> ops = Kernel.all().stream().filter(kernel -> !kernel.int8Only()).map(Kernel::op).toList();
        for (String op : ops) {
            List<Family> families = FAMILIES.stream().filter(family -> family.op().equals(op)).toList();
            for (Family family : families) {
                long seed = baseSeed + FAMILIES.indexOf(family);
                tests.add(DynamicTest.dynamicTest(family.name(), () -> check.accept(family, seed)));
            }
            if (families.isEmpty() && !WITHOUT_CASES.containsKey(op)) {
                tests.add(DynamicTest.dynamicTest(op, () -> fail("the library's " + op + " kernel has no random "
                        + "cases: add a family to RandomOpFamilies.FAMILIES, or say why not in WITHOUT_CASES")));
            }
        }
        for (Family family : FAMILIES) {
            if (!ops.contains(family.op())) {
                tests.add(DynamicTest.dynamicTest(family.name(), () -> fail("the library has no general "
                        + family.op() + " kernel (native/include/tflm/ops.def)")));
            }
        }
        return tests.stream();
    }
}
