package dev.tflm.cli;

import dev.tflm.Model;
import dev.tflm.OperatorInfo;
import dev.tflm.TensorInfo;
import java.util.List;

/**
 * Multiply-accumulates one operator performs per inference, from the model's shapes:
 * <ul>
 *   <li>CONV_2D: output elements × kh × kw × the filter's input channels (in_c / groups);
 *   <li>DEPTHWISE_CONV_2D: output elements × kh × kw;
 *   <li>FULLY_CONNECTED: output elements (batches × units) × input depth;
 *   <li>SVDF: batches × filters × (input size + memory size);
 *   <li>every other op: 0. Pooling, element-wise and data-movement ops do no
 *       multiply-accumulates worth a MAC/s figure, so the profile shows none for them.
 * </ul>
 * Unknown dimensions (-1) count as 1, as in {@link TensorInfo#elementCount()}.
 */
final class OperatorMacs {

    private OperatorMacs() {
    }

    static long of(Model model, OperatorInfo op) {
        List<TensorInfo> tensors = model.tensors();
        return switch (op.opName()) {
            case "CONV_2D" -> output(tensors, op) * dim(tensors, op, 1, 1) * dim(tensors, op, 1, 2)
                    * dim(tensors, op, 1, 3);
            case "DEPTHWISE_CONV_2D" -> output(tensors, op) * dim(tensors, op, 1, 1) * dim(tensors, op, 1, 2);
            case "FULLY_CONNECTED" -> output(tensors, op) * lastDim(tensors, op, 1);
            case "SVDF" -> dim(tensors, op, 0, 0) * dim(tensors, op, 1, 0)
                    * (dim(tensors, op, 1, 1) + dim(tensors, op, 2, 1));
            default -> 0;
        };
    }

    /** MACs of every operator, in execution order. */
    static long[] all(Model model) {
        return model.operators().stream().mapToLong(op -> of(model, op)).toArray();
    }

    private static long output(List<TensorInfo> tensors, OperatorInfo op) {
        return op.outputs().isEmpty() ? 0 : tensors.get(op.outputs().getFirst()).elementCount();
    }

    /** Dimension {@code d} of input {@code input}; 0 when the model lacks it, so the MACs are 0, not a guess. */
    private static long dim(List<TensorInfo> tensors, OperatorInfo op, int input, int d) {
        List<Integer> shape = shape(tensors, op, input);
        return d < shape.size() ? Math.max(shape.get(d), 1) : 0;
    }

    private static long lastDim(List<TensorInfo> tensors, OperatorInfo op, int input) {
        List<Integer> shape = shape(tensors, op, input);
        return shape.isEmpty() ? 0 : Math.max(shape.getLast(), 1);
    }

    private static List<Integer> shape(List<TensorInfo> tensors, OperatorInfo op, int input) {
        if (input >= op.inputs().size() || op.inputs().get(input) < 0) {
            return List.of();
        }
        return tensors.get(op.inputs().get(input)).shape();
    }
}
