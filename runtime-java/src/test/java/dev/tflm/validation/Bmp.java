package dev.tflm.validation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An 8-bit (palettized or grayscale) BMP image's pixel indices, rows top to bottom without
 * padding. Only what the shared test images need: BITMAPINFOHEADER or later, uncompressed.
 */
record Bmp(int width, int height, byte[] pixels) {

    static Bmp read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.limit() < 54 || bytes.get(0) != 'B' || bytes.get(1) != 'M') {
            throw new IOException(file + ": not a BMP file");
        }
        int dataOffset = bytes.getInt(10);
        int width = bytes.getInt(18);
        int signedHeight = bytes.getInt(22);
        int bitsPerPixel = Short.toUnsignedInt(bytes.getShort(28));
        int compression = bytes.getInt(30);
        if (bitsPerPixel != 8 || compression != 0 || width <= 0 || signedHeight == 0) {
            throw new IOException(file + ": expected an uncompressed 8-bit BMP, got " + bitsPerPixel
                    + " bits per pixel, compression " + compression + ", " + width + "x" + signedHeight);
        }
        // a positive height stores rows bottom up, a negative one top down
        boolean bottomUp = signedHeight > 0;
        int height = Math.abs(signedHeight);
        int stride = (width + 3) / 4 * 4; // rows are padded to 4 bytes
        if ((long) dataOffset + (long) stride * height > bytes.limit()) {
            throw new IOException(file + ": pixel data runs past the end of the file");
        }
        byte[] pixels = new byte[width * height];
        for (int row = 0; row < height; row++) {
            int stored = bottomUp ? height - 1 - row : row;
            bytes.get(dataOffset + stored * stride, pixels, row * width, width);
        }
        return new Bmp(width, height, pixels);
    }
}
