package dev.tflm.validation;

import static dev.tflm.validation.RandomElementwiseCases.Int8Quantization.BOOL_OUTPUT;
import static dev.tflm.validation.RandomElementwiseCases.Int8Quantization.OUTPUT_LIKE_SQUARE;
import static dev.tflm.validation.RandomElementwiseCases.Int8Quantization.OUTPUT_LIKE_SUM;
import static dev.tflm.validation.RandomElementwiseCases.Int8Quantization.SHARED;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflm.Kernel;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.DivOptionsT;
import dev.tflm.schema.LeakyReluOptionsT;
import dev.tflm.schema.SubOptionsT;
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
            new Family("SVDF", "float32", RandomOpCases::svdfFloat),
            new Family("SUB", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.SUB, 2, RandomOpFamilies::subOptions, OUTPUT_LIKE_SUM)),
            new Family("SUB", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.SUB, 1, RandomOpFamilies::subOptions, TensorType.FLOAT32, 4, 0)),
            new Family("DIV", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.DIV, 1, RandomOpFamilies::divOptions, TensorType.FLOAT32, 4, 0)),
            new Family("SQUARED_DIFFERENCE", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.SQUARED_DIFFERENCE, 2, null, OUTPUT_LIKE_SQUARE)),
            new Family("SQUARED_DIFFERENCE", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.SQUARED_DIFFERENCE, 1, null, TensorType.FLOAT32, 4, 0)),
            new Family("MAXIMUM", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.MAXIMUM, 2, null, SHARED)),
            new Family("MAXIMUM", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.MAXIMUM, 1, null, TensorType.FLOAT32, 4, 0)),
            new Family("MINIMUM", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.MINIMUM, 2, null, SHARED)),
            new Family("MINIMUM", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.MINIMUM, 1, null, TensorType.FLOAT32, 4, 0)),
            new Family("EQUAL", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.EQUAL, 2, null, BOOL_OUTPUT)),
            new Family("EQUAL", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.EQUAL, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("NOT_EQUAL", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.NOT_EQUAL, 2, null, BOOL_OUTPUT)),
            new Family("NOT_EQUAL", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.NOT_EQUAL, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("LESS", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.LESS, 2, null, BOOL_OUTPUT)),
            new Family("LESS", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.LESS, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("LESS_EQUAL", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.LESS_EQUAL, 2, null, BOOL_OUTPUT)),
            new Family("LESS_EQUAL", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.LESS_EQUAL, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("GREATER", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.GREATER, 2, null, BOOL_OUTPUT)),
            new Family("GREATER", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.GREATER, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("GREATER_EQUAL", "int8", c -> RandomElementwiseCases.binaryInt8(c, BuiltinOperator.GREATER_EQUAL, 2, null, BOOL_OUTPUT)),
            new Family("GREATER_EQUAL", "float32", c -> RandomElementwiseCases.binaryFloat(c, BuiltinOperator.GREATER_EQUAL, 1, null, TensorType.BOOL, 2, 0.5f)),
            new Family("ABS", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.ABS, 1, null, 8, true)),
            new Family("NEG", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.NEG, 1, null, 8, true)),
            new Family("EXP", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.EXP, 1, null, 10, true)),
            new Family("LOG", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.LOG, 1, null, 10, true)),
            new Family("SQRT", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.SQRT, 1, null, 10, true)),
            new Family("RSQRT", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.RSQRT, 1, null, 10, true)),
            new Family("SIN", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.SIN, 1, null, 10, true)),
            new Family("COS", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.COS, 1, null, 10, true)),
            new Family("SQUARE", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.SQUARE, 1, null, 100, true)),
            new Family("FLOOR", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.FLOOR, 1, null, 8, true)),
            new Family("CEIL", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.CEIL, 1, null, 8, true)),
            new Family("ROUND", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.ROUND, 1, null, 8, true)),
            new Family("TANH", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.TANH, 1, null, 10, true)),
            new Family("LOGISTIC", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.LOGISTIC, 1, null, 10, true)),
            new Family("RELU", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.RELU, 1, null, 8, true)),
            // TF Lite's RELU6 maps NaN to 0 (measured: seed 0x7f1e2060 case 5); this runtime, like
            // TFLM's reference, keeps NaN: no NaN inputs here
            new Family("RELU6", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.RELU6, 1, null, 8, false)),
            new Family("HARD_SWISH", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.HARD_SWISH, 1, null, 8, true)),
            new Family("ELU", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.ELU, 1, null, 8, true)),
            new Family("LEAKY_RELU", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.LEAKY_RELU, 1, leakyReluOptions(c), 8, true)),
            // no NEG int8 here or in the runtime: TFLM's NEG takes float32 only, TF Lite's float32,
            // int32 and int64, which native/tests/test_elementwise.c tests
            new Family("ABS", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.ABS, 2, null, false)),
            new Family("RELU", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.RELU, 2, null, false)),
            new Family("RELU6", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.RELU6, 2, null, false)),
            new Family("HARD_SWISH", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.HARD_SWISH, 1, null, false)),
            new Family("ELU", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.ELU, 1, null, false)),
            new Family("LEAKY_RELU", "int8", c -> RandomElementwiseCases.unaryInt8(c, BuiltinOperator.LEAKY_RELU, 2, leakyReluOptions(c), false)),
            new Family("TRANSPOSE", "float32", c -> RandomShapeCases.transpose(c, TensorType.FLOAT32)),
            new Family("TRANSPOSE", "int8", c -> RandomShapeCases.transpose(c, TensorType.INT8)),
            new Family("PAD", "float32", c -> RandomShapeCases.pad(c, TensorType.FLOAT32)),
            new Family("PAD", "int8", c -> RandomShapeCases.pad(c, TensorType.INT8)),
            new Family("CONCATENATION", "float32", c -> RandomShapeCases.concatenation(c, TensorType.FLOAT32)),
            new Family("CONCATENATION", "int8", c -> RandomShapeCases.concatenation(c, TensorType.INT8)),
            new Family("PACK", "float32", c -> RandomShapeCases.pack(c, TensorType.FLOAT32)),
            new Family("PACK", "int8", c -> RandomShapeCases.pack(c, TensorType.INT8)),
            new Family("SLICE", "float32", c -> RandomShapeCases.slice(c, TensorType.FLOAT32)),
            new Family("SLICE", "int8", c -> RandomShapeCases.slice(c, TensorType.INT8)),
            new Family("GATHER", "float32", c -> RandomShapeCases.gather(c, TensorType.FLOAT32)),
            new Family("GATHER", "int8", c -> RandomShapeCases.gather(c, TensorType.INT8)),
            new Family("MEAN", "float32", c -> RandomShapeCases.reduce(c, BuiltinOperator.MEAN, TensorType.FLOAT32)),
            new Family("SUM", "float32", c -> RandomShapeCases.reduce(c, BuiltinOperator.SUM, TensorType.FLOAT32)),
            new Family("REDUCE_MAX", "float32", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_MAX, TensorType.FLOAT32)),
            new Family("REDUCE_MAX", "int8", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_MAX, TensorType.INT8)),
            new Family("BATCH_MATMUL", "float32", c -> RandomMatMulCases.batchMatMul(c, TensorType.FLOAT32)),
            new Family("BATCH_MATMUL", "int8", c -> RandomMatMulCases.batchMatMul(c, TensorType.INT8)),
            new Family("FULLY_CONNECTED", "16x8", RandomOpCases::fullyConnected16x8),
            new Family("FULLY_CONNECTED", "hybrid", RandomOpCases::fullyConnectedHybrid),
            new Family("CONV_2D", "hybrid per-channel", c -> c.conv2dHybrid(true)),
            new Family("CONV_2D", "hybrid per-tensor", c -> c.conv2dHybrid(false)),
            new Family("DEPTHWISE_CONV_2D", "hybrid per-channel", RandomOpCases::depthwiseConv2dHybrid),
            new Family("CONV_2D", "16x8 per-channel", RandomOpCases::conv2d16x8),
            new Family("TRANSPOSE_CONV", "float32", c -> c.transposeConv(false)),
            new Family("TRANSPOSE_CONV", "int8 per-channel", c -> c.transposeConv(true)),
            new Family("STRIDED_SLICE", "float32", c -> RandomShapeCases.stridedSlice(c, TensorType.FLOAT32)),
            new Family("STRIDED_SLICE", "int8", c -> RandomShapeCases.stridedSlice(c, TensorType.INT8)),
            new Family("MEAN", "int8", c -> RandomShapeCases.reduce(c, BuiltinOperator.MEAN, TensorType.INT8)),
            new Family("TILE", "float32", c -> RandomLayoutCases.tile(c, TensorType.FLOAT32)),
            new Family("DEPTH_TO_SPACE", "float32", c -> RandomLayoutCases.spaceDepth(c, TensorType.FLOAT32, true)),
            new Family("DEPTH_TO_SPACE", "int8", c -> RandomLayoutCases.spaceDepth(c, TensorType.INT8, true)),
            new Family("SPACE_TO_DEPTH", "float32", c -> RandomLayoutCases.spaceDepth(c, TensorType.FLOAT32, false)),
            new Family("SPACE_TO_DEPTH", "int8", c -> RandomLayoutCases.spaceDepth(c, TensorType.INT8, false)),
            new Family("RESIZE_BILINEAR", "float32", c -> RandomLayoutCases.resize(c, TensorType.FLOAT32, true)),
            new Family("RESIZE_BILINEAR", "int8", c -> RandomLayoutCases.resize(c, TensorType.INT8, true)),
            new Family("RESIZE_NEAREST_NEIGHBOR", "float32", c -> RandomLayoutCases.resize(c, TensorType.FLOAT32, false)),
            new Family("RESIZE_NEAREST_NEIGHBOR", "int8", c -> RandomLayoutCases.resize(c, TensorType.INT8, false)),
            new Family("SQUEEZE", "float32", c -> RandomIndexCases.squeeze(c, TensorType.FLOAT32)),
            new Family("SQUEEZE", "int8", c -> RandomIndexCases.squeeze(c, TensorType.INT8)),
            new Family("EXPAND_DIMS", "float32", c -> RandomIndexCases.expandDims(c, TensorType.FLOAT32)),
            new Family("EXPAND_DIMS", "int8", c -> RandomIndexCases.expandDims(c, TensorType.INT8)),
            new Family("REVERSE_V2", "float32", c -> RandomIndexCases.reverse(c, TensorType.FLOAT32)),
            new Family("REVERSE_V2", "int8", c -> RandomIndexCases.reverse(c, TensorType.INT8)),
            new Family("MIRROR_PAD", "float32", c -> RandomIndexCases.mirrorPad(c, TensorType.FLOAT32)),
            new Family("MIRROR_PAD", "int8", c -> RandomIndexCases.mirrorPad(c, TensorType.INT8)),
            new Family("PADV2", "float32", c -> RandomIndexCases.padV2(c, TensorType.FLOAT32)),
            new Family("PADV2", "int8", c -> RandomIndexCases.padV2(c, TensorType.INT8)),
            new Family("ARG_MAX", "float32", c -> RandomIndexCases.argMinMax(c, TensorType.FLOAT32, true)),
            new Family("ARG_MAX", "int8", c -> RandomIndexCases.argMinMax(c, TensorType.INT8, true)),
            new Family("ARG_MIN", "float32", c -> RandomIndexCases.argMinMax(c, TensorType.FLOAT32, false)),
            new Family("ARG_MIN", "int8", c -> RandomIndexCases.argMinMax(c, TensorType.INT8, false)),
            new Family("CUMSUM", "float32", RandomIndexCases::cumsum),
            new Family("GATHER_ND", "float32", c -> RandomIndexCases.gatherNd(c, TensorType.FLOAT32)),
            new Family("GATHER_ND", "int8", c -> RandomIndexCases.gatherNd(c, TensorType.INT8)),
            new Family("SELECT_V2", "float32", c -> RandomIndexCases.selectV2(c, TensorType.FLOAT32)),
            new Family("SELECT_V2", "int8", c -> RandomIndexCases.selectV2(c, TensorType.INT8)),
            new Family("SPACE_TO_BATCH_ND", "float32", c -> RandomIndexCases.spaceBatch(c, TensorType.FLOAT32, true)),
            new Family("SPACE_TO_BATCH_ND", "int8", c -> RandomIndexCases.spaceBatch(c, TensorType.INT8, true)),
            new Family("BATCH_TO_SPACE_ND", "float32", c -> RandomIndexCases.spaceBatch(c, TensorType.FLOAT32, false)),
            new Family("BATCH_TO_SPACE_ND", "int8", c -> RandomIndexCases.spaceBatch(c, TensorType.INT8, false)),
            new Family("REDUCE_MIN", "float32", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_MIN, TensorType.FLOAT32)),
            new Family("REDUCE_MIN", "int8", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_MIN, TensorType.INT8)),
            new Family("REDUCE_ANY", "bool", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_ANY, TensorType.BOOL)),
            new Family("REDUCE_PROD", "float32", c -> RandomShapeCases.reduce(c, BuiltinOperator.REDUCE_PROD, TensorType.FLOAT32)),
            new Family("FLOOR_DIV", "float32", c -> RandomElementwiseCases.nonzero(RandomElementwiseCases.binaryFloat(c, BuiltinOperator.FLOOR_DIV, 2, null, TensorType.FLOAT32, 8, 0), 1)),
            new Family("FLOOR_MOD", "float32", c -> RandomElementwiseCases.nonzero(RandomElementwiseCases.binaryFloat(c, BuiltinOperator.FLOOR_MOD, 1, null, TensorType.FLOAT32, 8, 0), 1)),
            new Family("ZEROS_LIKE", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.ZEROS_LIKE, 1, null, 4, true)),
            new Family("RELU_N1_TO_1", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.RELU_N1_TO_1, 1, null, 2, false)),
            new Family("LOG_SOFTMAX", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.LOG_SOFTMAX, 1, null, 8, false)),
            new Family("L2_NORMALIZATION", "float32", c -> RandomElementwiseCases.unaryFloat(c, BuiltinOperator.L2_NORMALIZATION, 1, null, 4, false, 4)),
            new Family("LOGICAL_AND", "bool", c -> RandomValueCases.logicalBinary(c, BuiltinOperator.LOGICAL_AND)),
            new Family("LOGICAL_OR", "bool", c -> RandomValueCases.logicalBinary(c, BuiltinOperator.LOGICAL_OR)),
            new Family("LOGICAL_NOT", "bool", RandomValueCases::logicalNot),
            new Family("SELECT", "float32", c -> RandomValueCases.select(c, TensorType.FLOAT32)),
            new Family("SELECT", "int8", c -> RandomValueCases.select(c, TensorType.INT8)),
            new Family("CAST", "float32 to int32", c -> RandomValueCases.cast(c, TensorType.FLOAT32, TensorType.INT32)),
            new Family("CAST", "int32 to float32", c -> RandomValueCases.cast(c, TensorType.INT32, TensorType.FLOAT32)),
            new Family("PRELU", "float32", RandomValueCases::prelu),
            new Family("BROADCAST_TO", "float32", c -> RandomValueCases.broadcastTo(c, TensorType.FLOAT32)),
            new Family("BROADCAST_TO", "int8", c -> RandomValueCases.broadcastTo(c, TensorType.INT8)),
            new Family("FILL", "float32", RandomValueCases::fill),
            new Family("SHAPE", "float32", RandomValueCases::shape),
            new Family("ADD_N", "float32", RandomValueCases::addN),
            new Family("EMBEDDING_LOOKUP", "float32", RandomValueCases::embeddingLookup),
            new Family("POW", "float32", RandomValueCases::pow),
            new Family("LOGISTIC", "int8", RandomValueCases::logisticInt8),
            new Family("L2_POOL_2D", "float32", RandomOpCases::l2PoolFloat),
            new Family("SPLIT", "float32", c -> RandomIndexCases.split(c, TensorType.FLOAT32, BuiltinOperator.SPLIT)),
            new Family("SPLIT", "int8", c -> RandomIndexCases.split(c, TensorType.INT8, BuiltinOperator.SPLIT)),
            new Family("SPLIT_V", "float32", c -> RandomIndexCases.split(c, TensorType.FLOAT32, BuiltinOperator.SPLIT_V)),
            new Family("SPLIT_V", "int8", c -> RandomIndexCases.split(c, TensorType.INT8, BuiltinOperator.SPLIT_V)),
            new Family("UNPACK", "float32", c -> RandomIndexCases.split(c, TensorType.FLOAT32, BuiltinOperator.UNPACK)),
            new Family("UNPACK", "int8", c -> RandomIndexCases.split(c, TensorType.INT8, BuiltinOperator.UNPACK)),
            new Family("SIGN", "float32 (definition)", RandomDefinedCases::sign),
            new Family("RELU_0_TO_1", "float32 (definition)", RandomDefinedCases::relu0To1),
            new Family("BROADCAST_ARGS", "int32 (definition)", RandomDefinedCases::broadcastArgs),
            new Family("DYNAMIC_UPDATE_SLICE", "float32 (definition)", RandomDefinedCases::dynamicUpdateSlice),
            new Family("REDUCE_ALL", "bool (definition)", RandomDefinedCases::reduceAll));

    /**
     * Ops of the library's general kernels that have no random cases, and why: one line each,
     * {@code OP: reason} (a text block, so that kernels added on different branches merge).
     */
    private static final String WITHOUT_CASES_LINES = """
            ASSIGN_VARIABLE: a resource variable spans several operators and a CALL_ONCE subgraph, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
            CALL_ONCE: calls other subgraphs, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
            GELU: TF Lite 2.6.2 lacks it and its definition needs erfc; native/tests/test_elu_gelu.c (against erfc from libm) and the opzoo cases test it
            IF: calls other subgraphs, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
            READ_VARIABLE: a resource variable spans several operators and a CALL_ONCE subgraph, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
            UNIDIRECTIONAL_SEQUENCE_LSTM: twenty-some tensors per case; native/tests/test_lstm.c (TFLM's LSTM test vectors) and the opzoo cases test it
            VAR_HANDLE: a resource variable spans several operators and a CALL_ONCE subgraph, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
            WHILE: calls other subgraphs, which single-op models cannot hold; native/tests/test_control_flow.c and the opzoo cases test it
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

    private static SubOptionsT subOptions(byte activation) {
        SubOptionsT options = new SubOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }

    private static DivOptionsT divOptions(byte activation) {
        DivOptionsT options = new DivOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }

    /** A slope in [-0.5, 1.5): negative, leaky, and steeper than one. */
    private static LeakyReluOptionsT leakyReluOptions(RandomOpCases c) {
        LeakyReluOptionsT options = new LeakyReluOptionsT();
        options.setAlpha((float) (c.random.nextDouble() * 2 - 0.5));
        return options;
    }

    /**
     * For each general kernel of the library in its order, one test per family of its op running
     * {@code check} with the family and its seed ({@code baseSeed} + its index); a failing test for
     * a kernel without families or a reason, and for a family of an op the library lacks.
     */
    static Stream<DynamicTest> tests(long baseSeed, ObjLongConsumer<Family> check) {
        List<DynamicTest> tests = new ArrayList<>();
        // Custom ops (TFLM's signal ops, ...) are TFLM's own: TF Lite has no kernel to compare
        // with. native/tests/test_signal*.c check them on TFLM's test values, and test_golden
        // runs audio_preprocessor_int8 through them against TFLM's output.
        List<String> ops = Kernel.all().stream()
                .filter(kernel -> !kernel.int8Only() && kernel.customName() == null)
                .map(Kernel::op)
                .toList();
        for (String op : ops) {
            List<Family> families = FAMILIES.stream().filter(family -> family.op().equals(op)).toList();
            for (Family family : families) {
                long seed = baseSeed + FAMILIES.indexOf(family);
                tests.add(DynamicTest.dynamicTest(family.name(), () -> check.accept(family, seed)));
            }
            if (!families.isEmpty() && WITHOUT_CASES.containsKey(op)) {
                tests.add(DynamicTest.dynamicTest(op, () -> fail(op + " has random families: remove its line "
                        + "from RandomOpFamilies.WITHOUT_CASES")));
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
