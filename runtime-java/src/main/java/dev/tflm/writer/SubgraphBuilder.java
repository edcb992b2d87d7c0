package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tflm.Quantization;
import dev.tflm.schema.Operator;
import dev.tflm.schema.QuantizationParameters;
import dev.tflm.schema.SubGraph;
import dev.tflm.schema.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors, operators, inputs and outputs of one subgraph, created by
 * {@link TfliteWriter#addSubgraph(String)}. Operators run in the order they are added.
 */
public final class SubgraphBuilder {
    private final String name;
    private final List<TensorDef> tensors = new ArrayList<>();
    private final List<OperatorDef> operators = new ArrayList<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];

    SubgraphBuilder(String name) {
        this.name = name;
    }

    /** Adds a tensor and returns its index in this subgraph. */
    public int addTensor(TensorDef tensor) {
        tensors.add(tensor);
        return tensors.size() - 1;
    }

    /**
     * Adds an operator with builtin options and returns its index. {@code options} is an object-API
     * table of {@code dev.tflm.schema} ({@code new Conv2DOptionsT()}, ...) or {@code null} for none.
     */
    public int addOperator(int opcodeIndex, int[] inputs, int[] outputs, Object options) {
        return addOperator(new OperatorDef(opcodeIndex, inputs, outputs, options, null));
    }

    /** Adds an operator with a custom operator's options (flexbuffers) and returns its index. */
    public int addCustomOperator(int opcodeIndex, int[] inputs, int[] outputs, byte[] customOptions) {
        return addOperator(new OperatorDef(opcodeIndex, inputs, outputs, null, customOptions));
    }

    /** Adds an operator and returns its index. */
    public int addOperator(OperatorDef operator) {
        operators.add(operator);
        return operators.size() - 1;
    }

    /** Sets the tensors the caller fills before invoking. */
    public SubgraphBuilder inputs(int... tensorIndices) {
        inputs = tensorIndices.clone();
        return this;
    }

    /** Sets the tensors the caller reads after invoking. */
    public SubgraphBuilder outputs(int... tensorIndices) {
        outputs = tensorIndices.clone();
        return this;
    }

    int write(FlatBufferBuilder fbb) {
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensorOffsets.length; i++) {
            tensorOffsets[i] = writeTensor(fbb, tensors.get(i));
        }
        int[] operatorOffsets = new int[operators.size()];
        for (int i = 0; i < operatorOffsets.length; i++) {
            operatorOffsets[i] = writeOperator(fbb, operators.get(i));
        }
        int tensorVector = SubGraph.createTensorsVector(fbb, tensorOffsets);
        int inputVector = SubGraph.createInputsVector(fbb, inputs);
        int outputVector = SubGraph.createOutputsVector(fbb, outputs);
        int operatorVector = SubGraph.createOperatorsVector(fbb, operatorOffsets);
        int nameString = fbb.createString(name);
        SubGraph.startSubGraph(fbb);
        SubGraph.addTensors(fbb, tensorVector);
        SubGraph.addInputs(fbb, inputVector);
        SubGraph.addOutputs(fbb, outputVector);
        SubGraph.addOperators(fbb, operatorVector);
        SubGraph.addName(fbb, nameString);
        return SubGraph.endSubGraph(fbb);
    }

    private static int writeTensor(FlatBufferBuilder fbb, TensorDef tensor) {
        int shape = Tensor.createShapeVector(fbb, tensor.shape());
        int name = fbb.createString(tensor.name());
        int quantization = tensor.quantization() == null ? 0 : writeQuantization(fbb, tensor.quantization());
        Tensor.startTensor(fbb);
        Tensor.addShape(fbb, shape);
        Tensor.addBuffer(fbb, tensor.buffer());
        Tensor.addName(fbb, name);
        Tensor.addQuantization(fbb, quantization);
        Tensor.addType(fbb, (byte) tensor.type());
        Tensor.addIsVariable(fbb, tensor.isVariable());
        return Tensor.endTensor(fbb);
    }

    private static int writeQuantization(FlatBufferBuilder fbb, Quantization q) {
        float[] scales = new float[q.scales().size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = q.scales().get(i);
        }
        int scale = QuantizationParameters.createScaleVector(fbb, scales);
        int zeroPoint = QuantizationParameters.createZeroPointVector(fbb,
                q.zeroPoints().stream().mapToLong(Long::longValue).toArray());
        // the calibration min and max, which the converter omits, and the details union stay unset
        QuantizationParameters.startQuantizationParameters(fbb);
        QuantizationParameters.addScale(fbb, scale);
        QuantizationParameters.addZeroPoint(fbb, zeroPoint);
        QuantizationParameters.addQuantizedDimension(fbb, q.quantizedDimension());
        return QuantizationParameters.endQuantizationParameters(fbb);
    }

    private static int writeOperator(FlatBufferBuilder fbb, OperatorDef op) {
        int inputs = Operator.createInputsVector(fbb, op.inputs());
        int outputs = Operator.createOutputsVector(fbb, op.outputs());
        OptionsUnion options = op.options() == null ? null : OptionsUnion.of(op.options());
        int optionsTable = options == null ? 0 : options.write(fbb);
        int custom = op.customOptions() == null ? 0 : Operator.createCustomOptionsVector(fbb, op.customOptions());
        Operator.startOperator(fbb);
        Operator.addOpcodeIndex(fbb, op.opcodeIndex());
        Operator.addInputs(fbb, inputs);
        Operator.addOutputs(fbb, outputs);
        // fields in the order of the converter's files: offsets, then the union type byte
        if (options != null) {
            options.addTable(fbb, optionsTable);
        }
        Operator.addCustomOptions(fbb, custom);
        // custom_options_format has one value: FLEXBUFFERS (0), the default
        if (options != null) {
            options.addType(fbb);
        }
        return Operator.endOperator(fbb);
    }
}
