package dev.tflm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tflm export-c MODEL [--name NAME] [--out FILE.c]}: the model as a C array for firmware
 * (see {@link CArray}). With {@code --out} it writes FILE.c and FILE.h beside it; without, the
 * .c source goes to stdout.
 */
@Command(name = ExportCCommand.COMMAND)
final class ExportCCommand implements Callable<Integer> {
    static final String COMMAND = "export-c";

    @Parameters(paramLabel = "MODEL")
    private Path model;

    @Option(names = "--name", paramLabel = "NAME")
    private String name;

    @Option(names = "--out", paramLabel = "FILE.c")
    private Path file;

    private final PrintStream out;

    ExportCCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, UsageException {
        String name = Checks.cIdentifier(COMMAND, this.name, CArray.identifier(model.getFileName().toString()));
        byte[] bytes = Checks.readModel(model);
        String source = CArray.source(name, bytes, model.getFileName().toString());
        if (file == null) {
            out.print(source);
            return Main.EXIT_OK;
        }
        Files.writeString(file, source);
        Path header = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.c$", "") + ".h");
        Files.writeString(header, CArray.header(name));
        out.println("wrote " + file + " and " + header + ": " + name + "[" + bytes.length + "]");
        return Main.EXIT_OK;
    }
}
