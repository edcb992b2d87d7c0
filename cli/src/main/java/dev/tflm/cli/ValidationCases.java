package dev.tflm.cli;

import dev.tflm.Tensor;
import dev.tflm.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The inputs {@code tflm validate} runs on the desktop and on the board: cases, each the raw
 * little-endian bytes of every model input in input order, concatenated (one case is what
 * {@code run --input} files hold for each input, back to back).
 *
 * @param cases  each case's bytes, {@code caseBytes} long
 * @param origin where they come from, for the report
 */
record ValidationCases(List<byte[]> cases, int caseBytes, String origin) {

    /** The byte size of one case: the model's inputs, in order. */
    static int caseBytes(List<Tensor> inputs) {
        long bytes = 0;
        for (Tensor input : inputs) {
            bytes += input.byteSize();
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("validate: the model's inputs take " + bytes + " bytes, too many");
        }
        return (int) bytes;
    }

    /**
     * {@code count} cases of seeded random values: floats uniform in [-1, 1), booleans 0 or 1,
     * integers uniform over their type's whole range.
     */
    static ValidationCases random(List<Tensor> inputs, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> cases = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            ByteBuffer bytes = ByteBuffer.allocate(caseBytes(inputs)).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor input : inputs) {
                fill(bytes, input, random);
            }
            cases.add(bytes.array());
        }
        return new ValidationCases(cases, caseBytes(inputs), count + " random cases (seed " + seed + ")");
    }

    private static void fill(ByteBuffer bytes, Tensor input, SplittableRandom random) {
        long elements = input.elementCount();
        TensorType type = input.type();
        for (long e = 0; e < elements; e++) {
            switch (type) {
                case FLOAT32 -> bytes.putFloat((float) (random.nextDouble() * 2 - 1));
                case BOOL -> bytes.put((byte) random.nextInt(2));
                default -> {
                    byte[] value = new byte[(int) (input.byteSize() / Math.max(1, elements))];
                    random.nextBytes(value);
                    bytes.put(value);
                }
            }
        }
    }

    /** One case per regular file of {@code dir}, in name order; each must be one case's size. */
    static ValidationCases fromDirectory(Path dir, List<Tensor> inputs) throws IOException {
        int size = caseBytes(inputs);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("validate: " + dir + " holds no input files");
        }
        List<byte[]> cases = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != size) {
                throw new IllegalArgumentException("validate: " + file + " holds " + bytes.length
                        + " bytes; one case is " + size + " (the model's inputs in order, raw little-endian)");
            }
            cases.add(bytes);
        }
        return new ValidationCases(cases, size, files.size() + " files of " + dir);
    }

    /** Every case back to back, as the firmware's validate_inputs array holds them. */
    byte[] concatenated() {
        byte[] all = new byte[cases.size() * caseBytes];
        for (int c = 0; c < cases.size(); c++) {
            System.arraycopy(cases.get(c), 0, all, c * caseBytes, caseBytes);
        }
        return all;
    }
}
