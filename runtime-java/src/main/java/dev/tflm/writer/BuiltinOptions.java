package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;

/**
 * One member of the {@code BuiltinOptions} union of {@code schema.fbs}: an operator's parameters.
 *
 * <p>To support another operator, add a record here that returns the member's position in the
 * union (1-based, counted in {@code union BuiltinOptions}) and writes its table with the field
 * indices of its {@code table ...Options} declaration. Fields equal to their schema default are
 * omitted, as the converter does.
 */
public interface BuiltinOptions {

    /** The union type written in {@code Operator.builtin_options_type}. */
    int unionType();

    /** Writes the options table and returns its offset. */
    int write(FlatBufferBuilder fbb);

    /** {@code FullyConnectedOptions} (union member 8). */
    record FullyConnected(ActivationFunction activation, boolean keepNumDims) implements BuiltinOptions {
        public FullyConnected(ActivationFunction activation) {
            this(activation, false);
        }

        @Override
        public int unionType() {
            return 8;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(3);
            fbb.addByte(0, activation.code(), 0);
            // field 1 is weights_format: DEFAULT (0), the only format micro kernels read
            fbb.addBoolean(2, keepNumDims, false);
            return fbb.endTable();
        }
    }

    /** {@code Conv2DOptions} (union member 1). */
    record Conv2D(Padding padding, int strideW, int strideH, ActivationFunction activation,
                  int dilationW, int dilationH) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 1;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(6);
            fbb.addInt(1, strideW, 0);
            fbb.addInt(2, strideH, 0);
            fbb.addInt(4, dilationW, 1);
            fbb.addInt(5, dilationH, 1);
            fbb.addByte(0, padding.code(), 0);
            fbb.addByte(3, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code DepthwiseConv2DOptions} (union member 2). */
    record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier,
                           ActivationFunction activation, int dilationW, int dilationH) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 2;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(7);
            fbb.addInt(1, strideW, 0);
            fbb.addInt(2, strideH, 0);
            fbb.addInt(3, depthMultiplier, 0);
            fbb.addInt(5, dilationW, 1);
            fbb.addInt(6, dilationH, 1);
            fbb.addByte(0, padding.code(), 0);
            fbb.addByte(4, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code Pool2DOptions} (union member 5), shared by AVERAGE_POOL_2D and MAX_POOL_2D. */
    record Pool2D(Padding padding, int strideW, int strideH, int filterWidth, int filterHeight,
                  ActivationFunction activation) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 5;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(6);
            fbb.addInt(1, strideW, 0);
            fbb.addInt(2, strideH, 0);
            fbb.addInt(3, filterWidth, 0);
            fbb.addInt(4, filterHeight, 0);
            fbb.addByte(0, padding.code(), 0);
            fbb.addByte(5, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code SoftmaxOptions} (union member 9). */
    record Softmax(float beta) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 9;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(1);
            fbb.addFloat(0, beta, 0.0);
            return fbb.endTable();
        }
    }

    /** {@code AddOptions} (union member 11). */
    record Add(ActivationFunction activation) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 11;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(1);
            fbb.addByte(0, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code MulOptions} (union member 21). */
    record Mul(ActivationFunction activation) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 21;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(1);
            fbb.addByte(0, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code SVDFOptions} (union member 6); asymmetric_quantize_inputs (field 2) is for hybrid models only. */
    record Svdf(int rank, ActivationFunction activation) implements BuiltinOptions {
        @Override
        public int unionType() {
            return 6;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            fbb.startTable(2);
            fbb.addInt(0, rank, 0);
            fbb.addByte(1, activation.code(), 0);
            return fbb.endTable();
        }
    }

    /** {@code ReshapeOptions} (union member 17); recent converters pass the shape as a second input instead. */
    record Reshape(int[] newShape) implements BuiltinOptions {
        public Reshape {
            newShape = newShape.clone();
        }

        @Override
        public int[] newShape() {
            return newShape.clone();
        }

        @Override
        public int unionType() {
            return 17;
        }

        @Override
        public int write(FlatBufferBuilder fbb) {
            int shape = Vectors.ints(fbb, newShape);
            fbb.startTable(1);
            fbb.addOffset(0, shape, 0);
            return fbb.endTable();
        }
    }
}
