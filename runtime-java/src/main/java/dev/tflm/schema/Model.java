package dev.tflm.schema;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code table Model}: the root of a .tflite file, identified by "TFL3". */
public final class Model extends SchemaTable {

    public static final String FILE_IDENTIFIER = "TFL3";

    /** Whether the buffer, from its position, starts like a TensorFlow Lite model. */
    public static boolean hasIdentifier(ByteBuffer buffer) {
        return buffer.remaining() >= 8 && __has_identifier(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN),
                FILE_IDENTIFIER);
    }

    /** The root table; the buffer's order is set to little-endian, as flatbuffers are. */
    public static Model root(ByteBuffer buffer) {
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        Model model = new Model();
        model.init(buffer.position() + buffer.getInt(buffer.position()), buffer);
        return model;
    }

    public long version() {
        return uintField(0);
    }

    public int operatorCodesLength() {
        return vectorLength(1, 4);
    }

    public OperatorCode operatorCodes(int index) {
        return tableElement(1, index, OperatorCode::new);
    }

    public int subgraphsLength() {
        return vectorLength(2, 4);
    }

    public SubGraph subgraphs(int index) {
        return tableElement(2, index, SubGraph::new);
    }

    public String description() {
        return stringField(3);
    }

    public int buffersLength() {
        return vectorLength(4, 4);
    }

    public Buffer buffers(int index) {
        return tableElement(4, index, Buffer::new);
    }
}
