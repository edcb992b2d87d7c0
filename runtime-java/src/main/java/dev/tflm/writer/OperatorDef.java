package dev.tflm.writer;

/**
 * An operator of a subgraph ({@code table Operator} in {@code schema.fbs}).
 *
 * @param opcodeIndex   index into the model's operator codes
 * @param inputs        tensor indices; -1 marks an omitted optional input
 * @param outputs       tensor indices
 * @param options       the builtin options as an object-API table of {@code dev.tflm.schema}
 *                      ({@code new Conv2DOptionsT()}, ...), of union BuiltinOptions or
 *                      BuiltinOptions2, or {@code null} for none
 * @param customOptions the opaque options of a custom operator (flexbuffers), or {@code null}
 */
public record OperatorDef(int opcodeIndex, int[] inputs, int[] outputs, Object options, byte[] customOptions) {

    public OperatorDef {
        inputs = inputs.clone();
        outputs = outputs.clone();
        if (options != null) {
            OptionsUnion.of(options); // fails now, not when the model is written
        }
        customOptions = customOptions == null ? null : customOptions.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    @Override
    public byte[] customOptions() {
        return customOptions == null ? null : customOptions.clone();
    }
}
