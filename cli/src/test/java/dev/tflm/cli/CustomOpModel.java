package dev.tflm.cli;

import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model with a custom op the library has no kernel for, for the commands that report one. */
final class CustomOpModel {

    private CustomOpModel() {}

    /** x → CUSTOM JavaScale → CUSTOM JavaScale → RELU → y, float32 [4], written to dir/custom.tflite. */
    static Path write(Path dir) throws IOException {
        TfliteWriter writer = new TfliteWriter();
        int custom = writer.addCustomOperatorCode("JavaScale", 1);
        int relu = writer.addOperatorCode(BuiltinOperator.RELU, 1);
        SubgraphBuilder g = writer.addSubgraph("main");
        int[] t = new int[4];
        for (int i = 0; i < t.length; i++) {
            t[i] = g.addTensor(TensorDef.of("t" + i, TensorType.FLOAT32, 4));
        }
        g.addCustomOperator(custom, new int[] {t[0]}, new int[] {t[1]}, null);
        g.addCustomOperator(custom, new int[] {t[1]}, new int[] {t[2]}, null);
        g.addOperator(relu, new int[] {t[2]}, new int[] {t[3]}, null);
        g.inputs(t[0]).outputs(t[3]);
        return Files.write(dir.resolve("custom.tflite"), writer.toByteArray());
    }
}
