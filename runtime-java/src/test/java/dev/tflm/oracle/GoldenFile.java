package dev.tflm.oracle;

import dev.tflm.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A reference file of {@code ../shared/golden/}: one line per tensor,
 * {@code input|output <index> <TYPE> [<d0>,<d1>,...] <lowercase hex of the raw bytes>}.
 */
public record GoldenFile(List<Entry> inputs, List<Entry> outputs) {

    /** One tensor's bytes. */
    public record Entry(int index, String type, int[] shape, byte[] data) {
        public Entry {
            shape = shape.clone();
            data = data.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** The golden inputs of a shared model, {@code golden/<model>.input.txt}. */
    public static GoldenFile inputsOf(String model) {
        return readShared(model + ".input.txt");
    }

    /** The golden outputs of a shared model, {@code golden/<model>.output.txt}. */
    public static GoldenFile outputsOf(String model) {
        return readShared(model + ".output.txt");
    }

    private static GoldenFile readShared(String fileName) {
        try {
            return read(SharedData.file("golden/" + fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a file; blank lines are ignored. */
    public static GoldenFile read(Path file) throws IOException {
        List<Entry> inputs = new ArrayList<>();
        List<Entry> outputs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            if (parts.length != 5) {
                throw new IOException(file + ": expected 5 fields, got: " + line);
            }
            String dims = parts[3].substring(1, parts[3].length() - 1);
            int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
            Entry entry = new Entry(Integer.parseInt(parts[1]), parts[2], shape, HexFormat.of().parseHex(parts[4]));
            switch (parts[0]) {
                case "input" -> inputs.add(entry);
                case "output" -> outputs.add(entry);
                default -> throw new IOException(file + ": unknown line kind: " + line);
            }
        }
        return new GoldenFile(List.copyOf(inputs), List.copyOf(outputs));
    }

    /** The input bytes in input order, ready for {@link TfLiteOracle#run}. */
    public byte[][] inputBytes() {
        return inputs.stream().map(Entry::data).toArray(byte[][]::new);
    }
}
