package dev.tflm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tflm export-c MODEL [--name NAME] [--out FILE.c]}: the model as a C array for firmware
 * (see {@link CArray}). With {@code --out} it writes FILE.c and FILE.h beside it; without, the
 * .c source goes to stdout.
 */
final class ExportCCommand {
    private static final String COMMAND = "export-c";

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
                default -> model = Arguments.modelOperand(COMMAND, arg, model);
            }
        }
        Arguments.requireModel(COMMAND, model);
        name = Arguments.cIdentifier(COMMAND, name, CArray.identifier(model.getFileName().toString()));
        byte[] bytes = Arguments.readModel(model);
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
