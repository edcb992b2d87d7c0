package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tflm.schema.Buffer;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.Metadata;
import dev.tflm.schema.Model;
import dev.tflm.schema.OperatorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a TensorFlow Lite model file ({@code schema.fbs} version 3, file identifier
 * {@code "TFL3"}) with flatbuffers-java, laid out as TensorFlow Lite's converter lays it out:
 * buffer 0 is the empty sentinel that activation tensors point at, constant data starts on a
 * 16-byte boundary of the file (the schema's {@code force_align: 16}), operator codes carry
 * the builtin code in both {@code deprecated_builtin_code} and {@code builtin_code}.
 *
 * <pre>{@code
 * TfliteWriter w = new TfliteWriter().description("one FC");
 * int fc = w.addOperatorCode(BuiltinOperator.FULLY_CONNECTED, 1);
 * SubgraphBuilder g = w.addSubgraph("main");
 * int in = g.addTensor(TensorDef.of("in", TensorType.FLOAT32, 1, 2));
 * int weights = g.addTensor(TensorDef.of("w", TensorType.FLOAT32, 1, 2).withBuffer(w.addBuffer(bytes)));
 * int out = g.addTensor(TensorDef.of("out", TensorType.FLOAT32, 1, 1));
 * FullyConnectedOptionsT options = new FullyConnectedOptionsT();
 * options.setFusedActivationFunction(ActivationFunctionType.RELU);
 * g.addOperator(fc, new int[] {in, weights, -1}, new int[] {out}, options);
 * g.inputs(in).outputs(out);
 * byte[] model = w.toByteArray();
 * }</pre>
 *
 * <p>Operators take their builtin options as the object-API tables flatc generates from the
 * schema ({@code dev.tflm.schema.*OptionsT}), so any op's options can be written; custom operators
 * take their options as bytes ({@link SubgraphBuilder#addCustomOperator}).
 *
 * <p>Nothing is validated: indices, shapes and codes are written as given, so tests can build
 * malformed models on purpose. The first subgraph added is the model's main subgraph; the others
 * are those its control-flow operators (IF, WHILE, CALL_ONCE) name by index.
 */
public final class TfliteWriter {
    /** The schema version this writer produces. */
    public static final int SCHEMA_VERSION = 3;
    /** The schema's {@code file_identifier}. */
    public static final String FILE_IDENTIFIER = "TFL3";
    /** Constant data alignment from the start of the file ({@code force_align: 16} on {@code Buffer.data}). */
    public static final int BUFFER_ALIGNMENT = 16;

    private record OperatorCodeDef(int builtinCode, String customCode, int version) {
    }

    private record MetadataDef(String name, int buffer) {
    }

    private final List<byte[]> buffers = new ArrayList<>();
    private final List<OperatorCodeDef> operatorCodes = new ArrayList<>();
    private final List<SubgraphBuilder> subgraphs = new ArrayList<>();
    private final List<MetadataDef> metadata = new ArrayList<>();
    private String description;
    private int constantDataOffset;

    /** A writer holding only buffer 0, the empty buffer. */
    public TfliteWriter() {
        buffers.add(null);
    }

    /** Sets {@code Model.description} (the converter writes "MLIR Converted."). */
    public TfliteWriter description(String text) {
        description = text;
        return this;
    }

    /**
     * Places the data of every buffer {@code bytes} past a 16-byte boundary of the file instead of on one, as
     * converters that ignore the schema's {@code force_align: 16} do (TFLM's own int16 models have int64 biases
     * 4 bytes off): 0 (the default), 4, 8 or 12, since a buffer's 4-byte length precedes its data. For testing
     * that a runtime reads such files.
     */
    public TfliteWriter constantDataOffset(int bytes) {
        if (bytes < 0 || bytes >= BUFFER_ALIGNMENT || bytes % Integer.BYTES != 0) {
            throw new IllegalArgumentException("constant data offset must be 0, 4, 8 or 12: " + bytes);
        }
        constantDataOffset = bytes;
        return this;
    }

    /** Adds a buffer holding a copy of {@code data} and returns its index. */
    public int addBuffer(byte[] data) {
        buffers.add(data.clone());
        return buffers.size() - 1;
    }

    /** Adds a buffer without data (as the converter gives every activation tensor) and returns its index. */
    public int addEmptyBuffer() {
        buffers.add(null);
        return buffers.size() - 1;
    }

    /**
     * Adds a builtin operator code ({@link BuiltinOperator}, or any number, such as a code newer than
     * the schema or none at all for a malformed model) and returns its index, the {@code opcodeIndex}
     * of operators using it.
     */
    public int addOperatorCode(int builtinCode, int version) {
        operatorCodes.add(new OperatorCodeDef(builtinCode, null, version));
        return operatorCodes.size() - 1;
    }

    /** Adds a custom operator code (builtin code CUSTOM) and returns its index. */
    public int addCustomOperatorCode(String customCode, int version) {
        operatorCodes.add(new OperatorCodeDef(BuiltinOperator.CUSTOM, customCode, version));
        return operatorCodes.size() - 1;
    }

    /** Adds a subgraph; the first one added is the main subgraph. */
    public SubgraphBuilder addSubgraph(String name) {
        SubgraphBuilder subgraph = new SubgraphBuilder(name);
        subgraphs.add(subgraph);
        return subgraph;
    }

    /** Adds a {@code Model.metadata} entry whose data is a new buffer; returns that buffer's index. */
    public int addMetadata(String name, byte[] data) {
        int buffer = addBuffer(data);
        metadata.add(new MetadataDef(name, buffer));
        return buffer;
    }

    /**
     * Records the oldest TensorFlow Lite release that runs the model, as the converter does:
     * metadata {@code "min_runtime_version"} holding the version as a NUL-padded 16-byte string.
     */
    public int minRuntimeVersion(String version) {
        byte[] text = version.getBytes(StandardCharsets.US_ASCII);
        if (text.length >= 16) {
            throw new IllegalArgumentException("min_runtime_version must be shorter than 16 bytes: " + version);
        }
        return addMetadata("min_runtime_version", Arrays.copyOf(text, 16));
    }

    /** Serializes the model. The same calls always give the same bytes. */
    public byte[] toByteArray() {
        FlatBufferBuilder fbb = new FlatBufferBuilder(1024);
        int buffersVector = writeBuffers(fbb);
        int[] codes = new int[operatorCodes.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = writeOperatorCode(fbb, operatorCodes.get(i));
        }
        int codesVector = Model.createOperatorCodesVector(fbb, codes);
        int[] graphs = new int[subgraphs.size()];
        for (int i = 0; i < graphs.length; i++) {
            graphs[i] = subgraphs.get(i).write(fbb);
        }
        int graphsVector = Model.createSubgraphsVector(fbb, graphs);
        int descriptionString = description == null ? 0 : fbb.createString(description);
        int metadataVector = metadata.isEmpty() ? 0 : writeMetadata(fbb);

        Model.startModel(fbb);
        Model.addVersion(fbb, SCHEMA_VERSION);
        Model.addOperatorCodes(fbb, codesVector);
        Model.addSubgraphs(fbb, graphsVector);
        Model.addDescription(fbb, descriptionString);
        Model.addBuffers(fbb, buffersVector);
        Model.addMetadata(fbb, metadataVector);
        Model.finishModelBuffer(fbb, Model.endModel(fbb));
        return fbb.sizedByteArray();
    }

    private int writeBuffers(FlatBufferBuilder fbb) {
        int[] tables = new int[buffers.size()];
        for (int i = 0; i < tables.length; i++) {
            byte[] data = buffers.get(i);
            int dataVector = data == null ? 0 : Vectors.bytes(fbb, data, BUFFER_ALIGNMENT, constantDataOffset);
            Buffer.startBuffer(fbb);
            Buffer.addData(fbb, dataVector);
            tables[i] = Buffer.endBuffer(fbb);
        }
        return Model.createBuffersVector(fbb, tables);
    }

    private static int writeOperatorCode(FlatBufferBuilder fbb, OperatorCodeDef code) {
        int custom = code.customCode() == null ? 0 : fbb.createString(code.customCode());
        OperatorCode.startOperatorCode(fbb);
        OperatorCode.addCustomCode(fbb, custom);
        OperatorCode.addVersion(fbb, code.version());
        OperatorCode.addBuiltinCode(fbb, code.builtinCode());
        // Readers older than schema 3a only see this byte; codes beyond it read as the placeholder
        // (127, the largest code that fits it).
        int deprecated = Math.min(code.builtinCode(), BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES);
        OperatorCode.addDeprecatedBuiltinCode(fbb, (byte) deprecated);
        return OperatorCode.endOperatorCode(fbb);
    }

    private int writeMetadata(FlatBufferBuilder fbb) {
        int[] tables = new int[metadata.size()];
        for (int i = 0; i < tables.length; i++) {
            int name = fbb.createString(metadata.get(i).name());
            Metadata.startMetadata(fbb);
            Metadata.addName(fbb, name);
            Metadata.addBuffer(fbb, metadata.get(i).buffer());
            tables[i] = Metadata.endMetadata(fbb);
        }
        return Model.createMetadataVector(fbb, tables);
    }
}
