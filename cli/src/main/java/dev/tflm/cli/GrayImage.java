package dev.tflm.cli;

import java.util.Arrays;

/**
 * An 8-bit grayscale image: {@code pixels} holds width x height values 0..255 (read them with
 * {@code & 0xFF}), rows top to bottom, each row left to right.
 */
record GrayImage(int width, int height, byte[] pixels) {

    GrayImage {
        if (width <= 0 || height <= 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /** The pixel at column x, row y (0 = top), 0..255. */
    int at(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /**
     * This image scaled to width x height by area averaging: each target pixel covers a
     * rectangle of the source ({@code this.width / width} by {@code this.height / height}
     * source pixels, fractions included), and its value is the mean of the source pixels
     * weighted by how much of each the rectangle covers, rounded half up. Exact in integers:
     * a source pixel's overlap is counted in units of 1/width by 1/height of a pixel. The same
     * size returns the pixels unchanged; enlarging repeats pixels, blending where a target
     * pixel straddles two source pixels.
     */
    GrayImage scaledTo(int targetWidth, int targetHeight) {
        if (targetWidth == width && targetHeight == height) {
            return new GrayImage(width, height, pixels.clone());
        }
        if (targetWidth <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("cannot scale to " + targetWidth + "x" + targetHeight);
        }
        Span[] columns = spans(width, targetWidth);
        Span[] rows = spans(height, targetHeight);
        long total = (long) width * height; // overlap units in one target pixel
        byte[] scaled = new byte[Math.multiplyExact(targetWidth, targetHeight)];
        for (int ty = 0; ty < targetHeight; ty++) {
            Span row = rows[ty];
            for (int tx = 0; tx < targetWidth; tx++) {
                Span column = columns[tx];
                long sum = 0;
                for (int sy = row.first(); sy <= row.last(); sy++) {
                    long rowSum = 0;
                    for (int sx = column.first(); sx <= column.last(); sx++) {
                        rowSum += (long) column.weight(sx) * at(sx, sy);
                    }
                    sum += rowSum * row.weight(sy);
                }
                scaled[ty * targetWidth + tx] = (byte) ((sum + total / 2) / total);
            }
        }
        return new GrayImage(targetWidth, targetHeight, scaled);
    }

    /**
     * Target pixel t of {@code target} covers [t * source, (t + 1) * source) in units of
     * 1/target source pixel; source pixel s covers [s * target, (s + 1) * target). The span
     * lists the source pixels it touches and their overlaps, which add up to {@code source}.
     */
    private static Span[] spans(int source, int target) {
        Span[] spans = new Span[target];
        for (int t = 0; t < target; t++) {
            long start = (long) t * source;
            long end = start + source;
            int first = (int) (start / target);
            int last = (int) ((end - 1) / target);
            int[] weights = new int[last - first + 1];
            for (int s = first; s <= last; s++) {
                long overlap = Math.min(end, (long) (s + 1) * target) - Math.max(start, (long) s * target);
                weights[s - first] = (int) overlap;
            }
            spans[t] = new Span(first, last, weights);
        }
        return spans;
    }

    private record Span(int first, int last, int[] weights) {
        int weight(int source) {
            return weights[source - first];
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GrayImage image && image.width == width && image.height == height
                && Arrays.equals(image.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + "]";
    }
}
