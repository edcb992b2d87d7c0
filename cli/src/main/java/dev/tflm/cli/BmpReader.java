package dev.tflm.cli;

import static dev.tflm.cli.LittleEndian.quoted;
import static dev.tflm.cli.LittleEndian.s32;
import static dev.tflm.cli.LittleEndian.u16;
import static dev.tflm.cli.LittleEndian.u32;

/**
 * Reads a Windows BMP file into a {@link GrayImage}. Accepted: a BITMAPINFOHEADER or a later
 * header (40 bytes or more: V2, V3, V4, V5), uncompressed (BI_RGB), 24-bit BGR or 8-bit
 * palettized, rows bottom-up (positive height) or top-down (negative height), each row padded
 * to a multiple of 4 bytes. Anything else is an IllegalArgumentException naming what the file
 * holds.
 *
 * <p>Gray is ITU-R BT.601 luma, rounded half up in integers:
 * {@code (299 R + 587 G + 114 B + 500) / 1000}. An 8-bit pixel takes its palette entry's
 * luma; in a gray palette (R = G = B) that is the entry's value, so an image with the
 * identity gray palette gives its pixel bytes unchanged.
 */
final class BmpReader {

    private static final int FILE_HEADER = 14;
    private static final int INFO_HEADER = 40;
    private static final int CORE_HEADER = 12;
    private static final int BI_RGB = 0;

    private BmpReader() {
    }

    /** What was read, for messages: "96x96 8-bit palettized, bottom-up". */
    record Bmp(GrayImage image, int bitsPerPixel, boolean topDown) {
        String describe() {
            return image.width() + "x" + image.height() + " " + (bitsPerPixel == 8 ? "8-bit palettized" : "24-bit BGR")
                    + ", " + (topDown ? "top-down" : "bottom-up");
        }
    }

    /** The image of a BMP file's bytes. */
    static Bmp read(byte[] file) {
        if (file.length < 2 || file[0] != 'B' || file[1] != 'M') {
            throw new IllegalArgumentException("not a BMP file: " + (file.length == 0 ? "an empty file"
                    : "a file starting with " + quoted(file, 0)) + "; a BMP file starts with BM");
        }
        if (file.length < FILE_HEADER + 4) {
            throw new IllegalArgumentException("truncated BMP: " + file.length + " bytes, no room for its headers");
        }
        long dataOffset = u32(file, 10);
        long headerSize = u32(file, FILE_HEADER);
        if (headerSize == CORE_HEADER) {
            throw new IllegalArgumentException("unsupported BMP header: BITMAPCOREHEADER (12 bytes, OS/2); "
                    + "this reader takes BITMAPINFOHEADER (40 bytes) or later");
        }
        if (headerSize < INFO_HEADER) {
            throw new IllegalArgumentException("unsupported BMP header of " + headerSize
                    + " bytes; this reader takes BITMAPINFOHEADER (40 bytes) or later");
        }
        if (file.length < FILE_HEADER + headerSize) {
            throw new IllegalArgumentException("truncated BMP: its " + headerSize + "-byte header ends past the file's "
                    + file.length + " bytes");
        }
        int width = s32(file, 18);
        int rawHeight = s32(file, 22);
        int planes = u16(file, 26);
        int bits = u16(file, 28);
        long compression = u32(file, 30);
        long paletteUsed = u32(file, 46);
        if (compression != BI_RGB) {
            throw new IllegalArgumentException("unsupported BMP compression " + compressionName(compression)
                    + "; this reader takes uncompressed (BI_RGB) images");
        }
        if (bits != 8 && bits != 24) {
            throw new IllegalArgumentException("unsupported BMP bit depth: " + bits
                    + " bits per pixel; this reader takes 24-bit BGR and 8-bit palettized images");
        }
        if (planes != 1) {
            throw new IllegalArgumentException("invalid BMP: " + planes + " color planes, must be 1");
        }
        if (width <= 0 || rawHeight == 0 || rawHeight == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("invalid BMP size " + width + "x" + rawHeight);
        }
        boolean topDown = rawHeight < 0;
        int height = Math.abs(rawHeight);

        int[] palette = null;
        if (bits == 8) {
            long entries = paletteUsed == 0 ? 256 : paletteUsed;
            if (entries > 256) {
                throw new IllegalArgumentException("invalid BMP: a palette of " + entries
                        + " colors, an 8-bit image has at most 256");
            }
            long paletteStart = FILE_HEADER + headerSize;
            long paletteEnd = paletteStart + 4 * entries;
            if (paletteEnd > file.length) {
                throw new IllegalArgumentException("truncated BMP: its " + entries
                        + "-color palette ends past the file's " + file.length + " bytes");
            }
            if (paletteEnd > dataOffset) {
                throw new IllegalArgumentException("invalid BMP: its " + entries
                        + "-color palette overlaps the pixel data at offset " + dataOffset);
            }
            palette = new int[(int) entries];
            for (int i = 0; i < entries; i++) {
                int at = (int) (paletteStart + 4L * i);
                palette[i] = luma(file[at + 2] & 0xFF, file[at + 1] & 0xFF, file[at] & 0xFF);
            }
        }
        long stride = ((long) width * bits + 31) / 32 * 4;
        if (dataOffset + stride * height > file.length) {
            throw new IllegalArgumentException("truncated BMP: " + width + "x" + height + " pixels at " + bits
                    + " bits need " + stride * height + " bytes from offset " + dataOffset + ", the file has "
                    + file.length);
        }
        byte[] gray = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int row = (int) (dataOffset + stride * (topDown ? y : height - 1 - y));
            for (int x = 0; x < width; x++) {
                int value;
                if (palette != null) {
                    int index = file[row + x] & 0xFF;
                    if (index >= palette.length) {
                        throw new IllegalArgumentException("invalid BMP: pixel (" + x + ", " + y + ") is color "
                                + index + " of a " + palette.length + "-color palette");
                    }
                    value = palette[index];
                } else {
                    int at = row + 3 * x;
                    value = luma(file[at + 2] & 0xFF, file[at + 1] & 0xFF, file[at] & 0xFF);
                }
                gray[y * width + x] = (byte) value;
            }
        }
        return new Bmp(new GrayImage(width, height, gray), bits, topDown);
    }

    /** ITU-R BT.601 luma of 8-bit R, G, B, rounded half up: gray stays gray. */
    static int luma(int red, int green, int blue) {
        return (299 * red + 587 * green + 114 * blue + 500) / 1000;
    }

    private static String compressionName(long compression) {
        return switch ((int) compression) {
            case 1 -> "BI_RLE8 (1)";
            case 2 -> "BI_RLE4 (2)";
            case 3 -> "BI_BITFIELDS (3)";
            case 4 -> "BI_JPEG (4)";
            case 5 -> "BI_PNG (5)";
            case 6 -> "BI_ALPHABITFIELDS (6)";
            default -> Long.toString(compression);
        };
    }
}
