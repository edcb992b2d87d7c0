package dev.tflm;

import dev.tflm.schema.BuiltinOperator;
import java.util.List;

/**
 * One operator of the main subgraph, in execution order. {@code opName} is the
 * BuiltinOperator name, or the custom op's name for CUSTOM ops. Input index -1 marks an
 * omitted optional input.
 */
public record OperatorInfo(int index, String opName, int builtinCode, String customCode, int version,
                           List<Integer> inputs, List<Integer> outputs) {

    public OperatorInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public boolean isCustom() {
        return builtinCode == BuiltinOperator.CUSTOM;
    }
}
