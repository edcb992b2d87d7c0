package dev.tflm.cli;

import dev.tflm.schema.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tflm export-c MODEL [--name NAME] [--out FILE.c]}: the model as a C array for firmware
 * (see {@link CArray}). With {@code --out} it writes FILE.c and FILE.h beside it; without, the
 * .c source goes to stdout.
 */
final class ExportCCommand {

    private ExportCCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws IOException, UsageException {
        Arguments args = new Arguments(argList);
        Path model = null;
        String name = null;
        Path file = null;
        while (args.hasNext()) {
            String arg = args.next();
            switch (arg) {
                case "--name" -> name = args.value(arg);
                case "--out" -> file = Path.of(args.value(arg));
                default -> {
                    if (Arguments.isOption(arg)) {
                        throw new UsageException("export-c: unknown option " + arg);
                    }
                    if (model != null) {
                        throw new UsageException("export-c takes one MODEL");
                    }
                    model = Path.of(arg);
                }
            }
        }
        if (model == null) {
            throw new UsageException("export-c needs a MODEL");
        }
        if (name == null) {
            name = CArray.identifier(model.getFileName().toString());
        } else if (!CArray.isIdentifier(name)) {
            throw new UsageException("export-c: --name must be a C identifier, got '" + name + "'");
        }
        byte[] bytes = Files.readAllBytes(model);
        if (!Model.hasIdentifier(ByteBuffer.wrap(bytes))) {
            throw new IllegalArgumentException(model + " is not a .tflite model (no TFL3 identifier)");
        }
        String source = CArray.source(name, bytes, model.getFileName().toString());
        if (file == null) {
            out.print(source);
            return;
        }
        Files.writeString(file, source);
        Path header = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.c$", "") + ".h");
        Files.writeString(header, CArray.header(name));
        out.println("wrote " + file + " and " + header + ": " + name + "[" + bytes.length + "]");
    }
}
