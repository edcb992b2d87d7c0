package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tflm.Model;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import org.junit.jupiter.api.Test;

/** MACs from shapes, for a model whose every op's count is worked out by hand. */
class OperatorMacsTest {

    @Test
    void countsMultiplyAccumulatesFromTheShapes() {
        TfliteWriter writer = new TfliteWriter();
        int conv = writer.addOperatorCode(BuiltinOperator.CONV_2D, 1);
        int depthwise = writer.addOperatorCode(BuiltinOperator.DEPTHWISE_CONV_2D, 1);
        int fc = writer.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 1);
        int svdf = writer.addOperatorCode(BuiltinOperator.SVDF, 1);
        int add = writer.addOperatorCode(BuiltinOperator.ADD, 1);
        SubgraphBuilder g = writer.addSubgraph("main");

        // Grouped convolution: 4 input channels in 2 groups, so the filter sees 2 of them.
        int convIn = g.addTensor(TensorDef.of("conv_in", TensorType.FLOAT32, 1, 4, 4, 4));
        int convFilter = g.addTensor(TensorDef.of("conv_filter", TensorType.FLOAT32, 8, 3, 3, 2));
        int convOut = g.addTensor(TensorDef.of("conv_out", TensorType.FLOAT32, 1, 4, 4, 8));
        g.addOperator(conv, new int[] {convIn, convFilter, -1}, new int[] {convOut}, null);

        int dwFilter = g.addTensor(TensorDef.of("dw_filter", TensorType.FLOAT32, 1, 3, 3, 8));
        int dwOut = g.addTensor(TensorDef.of("dw_out", TensorType.FLOAT32, 1, 2, 2, 8));
        g.addOperator(depthwise, new int[] {convOut, dwFilter, -1}, new int[] {dwOut}, null);

        int fcIn = g.addTensor(TensorDef.of("fc_in", TensorType.FLOAT32, 2, 7));
        int fcWeights = g.addTensor(TensorDef.of("fc_weights", TensorType.FLOAT32, 5, 7));
        int fcOut = g.addTensor(TensorDef.of("fc_out", TensorType.FLOAT32, 2, 5));
        g.addOperator(fc, new int[] {fcIn, fcWeights, -1}, new int[] {fcOut}, null);

        int svdfIn = g.addTensor(TensorDef.of("svdf_in", TensorType.FLOAT32, 3, 4));
        int feature = g.addTensor(TensorDef.of("feature", TensorType.FLOAT32, 6, 4));
        int time = g.addTensor(TensorDef.of("time", TensorType.FLOAT32, 6, 10));
        int svdfOut = g.addTensor(TensorDef.of("svdf_out", TensorType.FLOAT32, 3, 3));
        g.addOperator(svdf, new int[] {svdfIn, feature, time, -1, -1}, new int[] {svdfOut}, null);

        int sum = g.addTensor(TensorDef.of("sum", TensorType.FLOAT32, 2, 5));
        g.addOperator(add, new int[] {fcOut, fcOut}, new int[] {sum}, null);
        g.inputs(convIn, fcIn, svdfIn).outputs(dwOut, svdfOut, sum);

        try (Model model = Model.fromBytes(writer.toByteArray())) {
            assertArrayEquals(new long[] {
                128 * 3 * 3 * 2,      // CONV_2D: output elements x kh x kw x in_c / groups
                32 * 3 * 3,           // DEPTHWISE_CONV_2D: output elements x kh x kw
                2 * 5 * 7,            // FULLY_CONNECTED: batches x units x depth
                3 * 6 * (4 + 10),     // SVDF: batches x filters x (input + memory)
                0,                    // ADD: no MACs
            }, OperatorMacs.all(model));
        }
    }
}
