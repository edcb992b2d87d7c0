package dev.tflm;

import dev.tflm.schema.Buffer;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.Model;
import dev.tflm.schema.Operator;
import dev.tflm.schema.OperatorCode;
import dev.tflm.schema.QuantizationParameters;
import dev.tflm.schema.SubGraph;
import dev.tflm.schema.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What inspection reports about a model, read once from the flatbuffer with the schema
 * accessors. The main subgraph (0), the one an interpreter runs, is described in full; of the
 * others, which control-flow operators run, only their operators ({@code otherOperators}, in
 * subgraph order), since each needs a kernel too.
 */
record ModelContents(long version, String description, int subgraphCount, List<OperatorInfo> operators,
                     List<OperatorInfo> otherOperators, List<TensorInfo> tensors, List<Integer> inputs,
                     List<Integer> outputs, long weightBytes) {

    /**
     * Reads a model. A damaged file shows up as an out-of-bounds read, a bad index or an
     * unknown enum value while reading; any of them becomes a MALFORMED_MODEL error.
     */
    static ModelContents read(ByteBuffer bytes) {
        if (!Model.hasIdentifier(bytes)) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "not a TensorFlow Lite model: no \"" + Model.FILE_IDENTIFIER + "\" identifier");
        }
        try {
            return readChecked(Model.root(bytes));
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new TflmException(Status.MALFORMED_MODEL, "cannot read model: " + e.getMessage());
        }
    }

    private static ModelContents readChecked(Model model) {
        if (model.subgraphsLength() == 0) {
            throw new TflmException(Status.MALFORMED_MODEL, "model has no subgraph");
        }
        SubGraph main = model.subgraphs(0);
        List<TensorInfo> tensors = new ArrayList<>();
        Set<Long> weightBuffers = new HashSet<>();
        long weightBytes = 0;
        for (int i = 0; i < main.tensorsLength(); i++) {
            TensorInfo tensor = tensor(model, main.tensors(i), i);
            tensors.add(tensor);
            long buffer = main.tensors(i).buffer();
            if (tensor.constant() && weightBuffers.add(buffer)) {
                weightBytes += tensor.bufferBytes();
            }
        }
        List<OperatorInfo> otherOperators = new ArrayList<>();
        for (int s = 1; s < model.subgraphsLength(); s++) {
            otherOperators.addAll(operators(model, model.subgraphs(s)));
        }
        return new ModelContents(model.version(), model.description(), model.subgraphsLength(),
                operators(model, main), otherOperators, tensors, boxed(main.inputs()), boxed(main.outputs()),
                weightBytes);
    }

    private static List<OperatorInfo> operators(Model model, SubGraph subgraph) {
        List<OperatorInfo> operators = new ArrayList<>();
        for (int i = 0; i < subgraph.operatorsLength(); i++) {
            operators.add(operator(model, subgraph.operators(i), i));
        }
        return operators;
    }

    private static TensorInfo tensor(Model model, Tensor tensor, int index) {
        long buffer = tensor.buffer();
        if (buffer >= model.buffersLength() && buffer != 0) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "tensor " + index + " refers to buffer " + buffer + " of " + model.buffersLength());
        }
        Buffer data = model.buffersLength() > 0 ? model.buffers((int) buffer) : null;
        long bufferBytes = data == null ? 0 : data.byteSize();
        boolean variable = tensor.isVariable();
        return new TensorInfo(index, tensor.name() == null ? "" : tensor.name(), TensorType.of(tensor.type()),
                boxed(tensor.shape()), quantization(tensor.quantization()), bufferBytes, variable,
                !variable && bufferBytes > 0);
    }

    private static Quantization quantization(QuantizationParameters parameters) {
        if (parameters == null || parameters.scale().length == 0) {
            return Quantization.NONE;
        }
        return Quantization.perChannel(parameters.scale(), parameters.zeroPoint(), parameters.quantizedDimension());
    }

    private static OperatorInfo operator(Model model, Operator operator, int index) {
        long opcodeIndex = operator.opcodeIndex();
        if (opcodeIndex >= model.operatorCodesLength()) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "operator " + index + " uses opcode " + opcodeIndex + " of " + model.operatorCodesLength());
        }
        OperatorCode code = model.operatorCodes((int) opcodeIndex);
        int builtin = code.effectiveBuiltinCode();
        boolean custom = builtin == BuiltinOperator.CUSTOM.code();
        String customCode = custom ? code.customCode() : null;
        String name = custom && customCode != null ? customCode : BuiltinOperator.nameOf(builtin);
        return new OperatorInfo(index, name, builtin, customCode, code.version(), boxed(operator.inputs()),
                boxed(operator.outputs()));
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
