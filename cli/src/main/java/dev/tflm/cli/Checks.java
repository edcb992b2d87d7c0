package dev.tflm.cli;

import dev.tflm.Isa;
import dev.tflm.KernelSet;
import dev.tflm.schema.Model;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What the commands check beyond picocli's parsing: option values, and that a file is a model. */
final class Checks {
    private Checks() {
    }

    /** {@code --kernels reference|optimized}. */
    static final class Kernels implements ITypeConverter<KernelSet> {
        @Override
        public KernelSet convert(String value) {
            return switch (value) {
                case "optimized" -> KernelSet.OPTIMIZED;
                case "reference" -> KernelSet.REFERENCE;
                default -> throw new TypeConversionException("takes reference or optimized, got '" + value + "'");
            };
        }
    }

    /** {@code --isa LEVEL}: a level's runtime name (tflm_isa_name). */
    static final class Level implements ITypeConverter<Isa> {
        @Override
        public Isa convert(String value) {
            try {
                return Isa.ofLabel(value);
            } catch (IllegalArgumentException e) {
                String levels = Arrays.stream(Isa.values()).map(Isa::label).collect(Collectors.joining(", "));
                throw new TypeConversionException("takes one of " + levels + "; got '" + value + "'");
            }
        }
    }

    static long positive(String option, long value) throws UsageException {
        if (value <= 0) {
            throw new UsageException(option + " takes a positive number, got " + value);
        }
        return value;
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
}
