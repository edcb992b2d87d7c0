package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tflm.Quantization;
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

    /** Adds an operator with builtin options ({@code null} for none) and returns its index. */
    public int addOperator(int opcodeIndex, int[] inputs, int[] outputs, BuiltinOptions options) {
        return addOperator(new OperatorDef(opcodeIndex, inputs, outputs, options, null));
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
        int tensorVector = fbb.createVectorOfTables(tensorOffsets);
        int inputVector = Vectors.ints(fbb, inputs);
        int outputVector = Vectors.ints(fbb, outputs);
        int operatorVector = fbb.createVectorOfTables(operatorOffsets);
        int nameString = fbb.createString(name);
        fbb.startTable(5);
        fbb.addOffset(0, tensorVector, 0);
        fbb.addOffset(1, inputVector, 0);
        fbb.addOffset(2, outputVector, 0);
        fbb.addOffset(3, operatorVector, 0);
        fbb.addOffset(4, nameString, 0);
        return fbb.endTable();
    }

    private static int writeTensor(FlatBufferBuilder fbb, TensorDef tensor) {
        int shape = Vectors.ints(fbb, tensor.shape());
        int name = fbb.createString(tensor.name());
        int quantization = tensor.quantization() == null ? 0 : writeQuantization(fbb, tensor.quantization());
        fbb.startTable(6);
        fbb.addOffset(0, shape, 0);
        fbb.addInt(2, tensor.buffer(), 0);
        fbb.addOffset(3, name, 0);
        fbb.addOffset(4, quantization, 0);
        fbb.addByte(1, (byte) tensor.type(), 0);
        fbb.addBoolean(5, tensor.isVariable(), false);
        return fbb.endTable();
    }

    private static int writeQuantization(FlatBufferBuilder fbb, Quantization q) {
        int scale = Vectors.floats(fbb, q.scales());
        int zeroPoint = Vectors.longs(fbb, q.zeroPoints());
        // fields 0 and 1 are the calibration min and max, which the converter omits;
        // fields 4 and 5 are the unused `details` union (type, value)
        fbb.startTable(7);
        fbb.addOffset(2, scale, 0);
        fbb.addOffset(3, zeroPoint, 0);
        fbb.addInt(6, q.quantizedDimension(), 0);
        return fbb.endTable();
    }

    private static int writeOperator(FlatBufferBuilder fbb, OperatorDef op) {
        int inputs = Vectors.ints(fbb, op.inputs());
        int outputs = Vectors.ints(fbb, op.outputs());
        int options = op.options() == null ? 0 : op.options().write(fbb);
        int custom = op.customOptions() == null ? 0 : fbb.createByteVector(op.customOptions());
        fbb.startTable(7);
        fbb.addInt(0, op.opcodeIndex(), 0);
        fbb.addOffset(1, inputs, 0);
        fbb.addOffset(2, outputs, 0);
        fbb.addOffset(4, options, 0);
        fbb.addOffset(5, custom, 0);
        // field 6, custom_options_format, has one value: FLEXBUFFERS (0), the default
        if (op.options() != null) {
            fbb.addByte(3, (byte) op.options().unionType(), 0);
        }
        return fbb.endTable();
    }
}
