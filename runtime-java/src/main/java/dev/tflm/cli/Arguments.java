package dev.tflm.cli;

import dev.tflm.Isa;
import dev.tflm.KernelSet;
import dev.tflm.schema.Model;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Walks a command's arguments: options with a value ({@code --name VALUE} or {@code --name=VALUE}) and operands. */
final class Arguments {

    private final List<String> args;
    private int next;
    private String pendingValue;

    Arguments(List<String> args) {
        this.args = args;
    }

    boolean hasNext() {
        return next < args.size();
    }

    /** The next argument; for {@code --name=value} just {@code --name}, keeping the value for {@link #value}. */
    String next() {
        String arg = args.get(next++);
        pendingValue = null;
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            pendingValue = arg.substring(equals + 1);
            return arg.substring(0, equals);
        }
        return arg;
    }

    /** The value of the option just returned by {@link #next}. */
    String value(String option) throws UsageException {
        if (pendingValue != null) {
            String value = pendingValue;
            pendingValue = null;
            return value;
        }
        if (!hasNext()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(next++);
    }

    static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    /** {@code arg} as {@code command}'s one MODEL operand, {@code model} being the one seen so far (or null). */
    static Path modelOperand(String command, String arg, Path model) throws UsageException {
        if (isOption(arg)) {
            throw new UsageException(command + ": unknown option " + arg);
        }
        if (model != null) {
            throw new UsageException(command + " takes one MODEL");
        }
        return Path.of(arg);
    }

    /** The MODEL operand, which {@code command} needs. */
    static Path requireModel(String command, Path model) throws UsageException {
        if (model == null) {
            throw new UsageException(command + " needs a MODEL");
        }
        return model;
    }

    /** {@code --name}'s value, which must be a C identifier, or {@code fallback} when not given. */
    static String cIdentifier(String command, String name, String fallback) throws UsageException {
        if (name == null) {
            return fallback;
        }
        if (!CArray.isIdentifier(name)) {
            throw new UsageException(command + ": --name must be a C identifier, got '" + name + "'");
        }
        return name;
    }

    /** The bytes of a .tflite file; IllegalArgumentException when it lacks the TFL3 identifier. */
    static byte[] readModel(Path model) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        if (bytes.length < 8 || !Model.ModelBufferHasIdentifier(ByteBuffer.wrap(bytes))) {
            throw new IllegalArgumentException(model + " is not a .tflite model (no TFL3 identifier)");
        }
        return bytes;
    }

    static long positiveLong(String option, String value) throws UsageException {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new UsageException(option + " takes a positive number, got '" + value + "'");
    }

    /** {@code --kernels reference|optimized}. */
    static KernelSet kernels(String option, String value) throws UsageException {
        return switch (value) {
            case "optimized" -> KernelSet.OPTIMIZED;
            case "reference" -> KernelSet.REFERENCE;
            default -> throw new UsageException(option + " takes reference or optimized, got '" + value + "'");
        };
    }

    /** {@code --isa LEVEL}: a level's runtime name (tflm_isa_name). */
    static Isa isa(String option, String value) throws UsageException {
        try {
            return Isa.ofLabel(value);
        } catch (IllegalArgumentException e) {
            String levels = Arrays.stream(Isa.values()).map(Isa::label).collect(Collectors.joining(", "));
            throw new UsageException(option + " takes one of " + levels + "; got '" + value + "'");
        }
    }
}
