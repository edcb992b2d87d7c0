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
            ADD_N: random cases come with the differential harness (issue 9); native/tests/test_add_n.c and the opzoo cases test it
            ARG_MAX: random cases come with the differential harness (issue 9); native/tests/test_arg_min_max.c and the opzoo cases test it
            ARG_MIN: random cases come with the differential harness (issue 9); native/tests/test_arg_min_max.c and the opzoo cases test it
            ASSIGN_VARIABLE: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            BATCH_MATMUL: random cases come with the differential harness (issue 9); native/tests/test_batch_matmul.c and the opzoo cases test it
            BATCH_TO_SPACE_ND: random cases come with the differential harness (issue 9); native/tests/test_space_depth.c and the opzoo cases test it
            BROADCAST_ARGS: random cases come with the differential harness (issue 9); native/tests/test_broadcast_args.c and the opzoo cases test it
            BROADCAST_TO: random cases come with the differential harness (issue 9); native/tests/test_tile.c and the opzoo cases test it
            CALL_ONCE: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            CAST: random cases come with the differential harness (issue 9); native/tests/test_cast.c and the opzoo cases test it
            CEIL: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            CONCATENATION: random cases come with the differential harness (issue 9); native/tests/test_concatenation.c and the opzoo cases test it
            COS: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            CUMSUM: random cases come with the differential harness (issue 9); native/tests/test_cumsum.c and the opzoo cases test it
            DEPTH_TO_SPACE: random cases come with the differential harness (issue 9); native/tests/test_space_depth.c and the opzoo cases test it
            DIV: random cases come with the differential harness (issue 9); native/tests/test_div.c and the opzoo cases test it
            DYNAMIC_UPDATE_SLICE: random cases come with the differential harness (issue 9); native/tests/test_dynamic_update_slice.c and the opzoo cases test it
            ELU: random cases come with the differential harness (issue 9); native/tests/test_elu_gelu.c and the opzoo cases test it
            EMBEDDING_LOOKUP: random cases come with the differential harness (issue 9); native/tests/test_gather.c and the opzoo cases test it
            EQUAL: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            EXP: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            EXPAND_DIMS: random cases come with the differential harness (issue 9); native/tests/test_reshape.c and the opzoo cases test it
            FILL: random cases come with the differential harness (issue 9); native/tests/test_fill.c and the opzoo cases test it
            FLOOR: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            FLOOR_DIV: random cases come with the differential harness (issue 9); native/tests/test_floor_div_mod.c and the opzoo cases test it
            FLOOR_MOD: random cases come with the differential harness (issue 9); native/tests/test_floor_div_mod.c and the opzoo cases test it
            GATHER: random cases come with the differential harness (issue 9); native/tests/test_gather.c and the opzoo cases test it
            GATHER_ND: random cases come with the differential harness (issue 9); native/tests/test_gather.c and the opzoo cases test it
            GELU: random cases come with the differential harness (issue 9); native/tests/test_elu_gelu.c and the opzoo cases test it
            GREATER: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            GREATER_EQUAL: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            HARD_SWISH: random cases come with the differential harness (issue 9); native/tests/test_hard_swish.c and the opzoo cases test it
            IF: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            L2_NORMALIZATION: random cases come with the differential harness (issue 9); native/tests/test_l2norm.c and the opzoo cases test it
            L2_POOL_2D: random cases come with the differential harness (issue 9); native/tests/test_pooling.c and the opzoo cases test it
            LEAKY_RELU: random cases come with the differential harness (issue 9); native/tests/test_activations.c and the opzoo cases test it
            LESS: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            LESS_EQUAL: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            LOG: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            LOGICAL_AND: random cases come with the differential harness (issue 9); native/tests/test_logical.c and the opzoo cases test it
            LOGICAL_NOT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            LOGICAL_OR: random cases come with the differential harness (issue 9); native/tests/test_logical.c and the opzoo cases test it
            LOGISTIC: random cases come with the differential harness (issue 9); native/tests/test_logistic_tanh.c and the opzoo cases test it
            LOG_SOFTMAX: random cases come with the differential harness (issue 9); native/tests/test_log_softmax.c and the opzoo cases test it
            MAXIMUM: random cases come with the differential harness (issue 9); native/tests/test_maximum_minimum.c and the opzoo cases test it
            MEAN: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            MINIMUM: random cases come with the differential harness (issue 9); native/tests/test_maximum_minimum.c and the opzoo cases test it
            MIRROR_PAD: random cases come with the differential harness (issue 9); native/tests/test_pad.c and the opzoo cases test it
            NEG: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            NOT_EQUAL: random cases come with the differential harness (issue 9); native/tests/test_comparisons.c and the opzoo cases test it
            PACK: random cases come with the differential harness (issue 9); native/tests/test_concatenation.c and the opzoo cases test it
            PAD: random cases come with the differential harness (issue 9); native/tests/test_pad.c and the opzoo cases test it
            PADV2: random cases come with the differential harness (issue 9); native/tests/test_pad.c and the opzoo cases test it
            POW: random cases come with the differential harness (issue 9); native/tests/test_pow.c and the opzoo cases test it
            PRELU: random cases come with the differential harness (issue 9); native/tests/test_prelu.c and the opzoo cases test it
            READ_VARIABLE: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            REDUCE_ALL: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_ANY: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_MAX: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_MIN: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            REDUCE_PROD: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            RELU6: random cases come with the differential harness (issue 9); native/tests/test_activations.c and the opzoo cases test it
            RELU: random cases come with the differential harness (issue 9); native/tests/test_activations.c and the opzoo cases test it
            RELU_0_TO_1: random cases come with the differential harness (issue 9); native/tests/test_activations.c and the opzoo cases test it
            RELU_N1_TO_1: random cases come with the differential harness (issue 9); native/tests/test_activations.c and the opzoo cases test it
            RESIZE_BILINEAR: random cases come with the differential harness (issue 9); native/tests/test_resize.c and the opzoo cases test it
            RESIZE_NEAREST_NEIGHBOR: random cases come with the differential harness (issue 9); native/tests/test_resize.c and the opzoo cases test it
            REVERSE_V2: random cases come with the differential harness (issue 9); native/tests/test_reverse.c and the opzoo cases test it
            ROUND: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            RSQRT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SELECT: random cases come with the differential harness (issue 9); native/tests/test_select.c and the opzoo cases test it
            SELECT_V2: random cases come with the differential harness (issue 9); native/tests/test_select.c and the opzoo cases test it
            SHAPE: random cases come with the differential harness (issue 9); native/tests/test_fill.c and the opzoo cases test it
            SIGN: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SIN: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SLICE: random cases come with the differential harness (issue 9); native/tests/test_slice.c and the opzoo cases test it
            SPACE_TO_BATCH_ND: random cases come with the differential harness (issue 9); native/tests/test_space_depth.c and the opzoo cases test it
            SPACE_TO_DEPTH: random cases come with the differential harness (issue 9); native/tests/test_space_depth.c and the opzoo cases test it
            SPLIT: random cases come with the differential harness (issue 9); native/tests/test_split.c and the opzoo cases test it
            SPLIT_V: random cases come with the differential harness (issue 9); native/tests/test_split.c and the opzoo cases test it
            SQRT: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SQUARE: random cases come with the differential harness (issue 9); native/tests/test_elementwise.c and the opzoo cases test it
            SQUARED_DIFFERENCE: random cases come with the differential harness (issue 9); native/tests/test_squared_difference.c and the opzoo cases test it
            SQUEEZE: random cases come with the differential harness (issue 9); native/tests/test_reshape.c and the opzoo cases test it
            STRIDED_SLICE: random cases come with the differential harness (issue 9); native/tests/test_slice.c and the opzoo cases test it
            SUB: random cases come with the differential harness (issue 9); native/tests/test_sub.c and the opzoo cases test it
            SUM: random cases come with the differential harness (issue 9); native/tests/test_reduce.c and the opzoo cases test it
            TANH: random cases come with the differential harness (issue 9); native/tests/test_logistic_tanh.c and the opzoo cases test it
            TILE: random cases come with the differential harness (issue 9); native/tests/test_tile.c and the opzoo cases test it
            TRANSPOSE: random cases come with the differential harness (issue 9); native/tests/test_transpose.c and the opzoo cases test it
            TRANSPOSE_CONV: random cases come with the differential harness (issue 9); native/tests/test_transpose_conv.c and the opzoo cases test it
            UNIDIRECTIONAL_SEQUENCE_LSTM: random cases come with the differential harness (issue 9); native/tests/test_lstm.c and the opzoo cases test it
            UNPACK: random cases come with the differential harness (issue 9); native/tests/test_split.c and the opzoo cases test it
            VAR_HANDLE: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            WHILE: random cases come with the differential harness (issue 9); native/tests/test_control_flow.c and the opzoo cases test it
            ZEROS_LIKE: random cases come with the differential harness (issue 9); native/tests/test_fill.c and the opzoo cases test it
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
