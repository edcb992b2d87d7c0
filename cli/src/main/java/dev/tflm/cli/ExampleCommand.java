package dev.tflm.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code example NAME ...}: TFLM's example applications on real inputs, each a subcommand:
 * {@link PersonDetectionExample} and {@link MicroSpeechExample}.
 */
@Command(name = "example")
final class ExampleCommand implements Callable<Integer> {

    private ExampleCommand() {
    }

    /** The command with its examples. */
    static CommandLine create(PrintStream out) {
        return new CommandLine(new ExampleCommand())
                .addSubcommand(new PersonDetectionExample(out))
                .addSubcommand(new MicroSpeechExample(out));
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("example: name one of person_detection, micro_speech");
    }
}
