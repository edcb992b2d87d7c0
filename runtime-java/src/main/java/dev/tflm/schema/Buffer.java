package dev.tflm.schema;

/** {@code table Buffer}: constant data, inline or (files over 2 GB) at an offset past the flatbuffer. */
public final class Buffer extends SchemaTable {

    public int dataLength() {
        return vectorLength(0, 1);
    }

    public long offset() {
        return longField(1);
    }

    public long size() {
        return longField(2);
    }

    /** Bytes of data this buffer holds, wherever they are stored. */
    public long byteSize() {
        return offset() > 1 ? size() : dataLength();
    }
}
