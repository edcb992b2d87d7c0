package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** BMP files built byte by byte: both bit depths, both row orders, row padding, and what is refused. */
class BmpReaderTest {

    /** A BMP file: headers as given, palette (BGRX entries) and rows in file order, each padded to 4 bytes. */
    private static byte[] bmp(int width, int height, int bits, int compression, int headerSize, int[] palette,
                              byte[][] fileRows) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (byte[] row : fileRows) {
            pixels.writeBytes(row);
            pixels.writeBytes(new byte[(4 - row.length % 4) % 4]);
        }
        int paletteBytes = palette == null ? 0 : 4 * palette.length;
        int offset = 14 + headerSize + paletteBytes;
        ByteBuffer file = ByteBuffer.allocate(offset + pixels.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.put((byte) 'B').put((byte) 'M').putInt(file.capacity()).putInt(0).putInt(offset);
        file.putInt(headerSize).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits)
                .putInt(compression).putInt(pixels.size()).putInt(2835).putInt(2835)
                .putInt(palette == null ? 0 : palette.length).putInt(0);
        file.position(14 + headerSize);
        if (palette != null) {
            for (int bgrx : palette) {
                file.putInt(bgrx);
            }
        }
        file.put(pixels.toByteArray());
        return file.array();
    }

    private static int[] grayPalette() {
        int[] palette = new int[256];
        for (int i = 0; i < 256; i++) {
            palette[i] = i << 16 | i << 8 | i;
        }
        return palette;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void eightBitGrayBottomUpPassesThroughUnchangedRowsTopToBottom() {
        // 3 wide: each row padded with one byte. File order is bottom row first.
        byte[] file = bmp(3, 2, 8, 0, 40, grayPalette(), new byte[][] {bytes(4, 5, 250), bytes(1, 2, 128)});
        BmpReader.Bmp read = BmpReader.read(file);
        assertEquals(new GrayImage(3, 2, bytes(1, 2, 128, 4, 5, 250)), read.image());
        assertEquals(8, read.bitsPerPixel());
        assertFalse(read.topDown());
        assertEquals("3x2 8-bit palettized, bottom-up", read.describe());
    }

    @Test
    void aNegativeHeightIsTopDown() {
        byte[] file = bmp(3, -2, 8, 0, 40, grayPalette(), new byte[][] {bytes(1, 2, 3), bytes(4, 5, 6)});
        BmpReader.Bmp read = BmpReader.read(file);
        assertTrue(read.topDown());
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6), read.image().pixels());
    }

    @Test
    void anEightBitPixelTakesItsPaletteEntrysLuma() {
        // A 3-color palette (biClrUsed 3): red, green, blue.
        int[] palette = {0x00FF0000, 0x0000FF00, 0x000000FF};
        byte[] file = bmp(3, 1, 8, 0, 40, palette, new byte[][] {bytes(0, 1, 2)});
        assertArrayEquals(bytes(76, 150, 29), BmpReader.read(file).image().pixels());
    }

    @Test
    void twentyFourBitIsBgrWithRowsPaddedToFourBytes() {
        // 2 pixels = 6 bytes, padded to 8; BGR order: (B, G, R).
        byte[] bottom = bytes(0, 0, 255, 255, 255, 255);     // red, white
        byte[] top = bytes(255, 0, 0, 10, 20, 30);           // blue, (R 30, G 20, B 10)
        BmpReader.Bmp read = BmpReader.read(bmp(2, 2, 24, 0, 40, null, new byte[][] {bottom, top}));
        int mixed = (299 * 30 + 587 * 20 + 114 * 10 + 500) / 1000;
        assertArrayEquals(bytes(29, mixed, 76, 255), read.image().pixels());
        assertEquals("2x2 24-bit BGR, bottom-up", read.describe());
    }

    @Test
    void lumaIsBt601RoundedAndKeepsGray() {
        for (int v = 0; v < 256; v++) {
            assertEquals(v, BmpReader.luma(v, v, v));
        }
        assertEquals(76, BmpReader.luma(255, 0, 0));   // 76.245
        assertEquals(150, BmpReader.luma(0, 255, 0));  // 149.685
        assertEquals(29, BmpReader.luma(0, 0, 255));   // 29.07
        assertEquals(1, BmpReader.luma(1, 1, 0));      // 0.886
    }

    @Test
    void laterHeadersAreRead() {
        for (int header : new int[] {52, 56, 108, 124}) {
            byte[] file = bmp(1, 1, 24, 0, header, null, new byte[][] {bytes(9, 9, 9)});
            assertArrayEquals(bytes(9), BmpReader.read(file).image().pixels(), "header " + header);
        }
    }

    private static void assertRefused(byte[] file, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BmpReader.read(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void refusesWhatItDoesNotRead() {
        assertRefused("GIF89a....".getBytes(), "not a BMP file", "\"GIF8\"");
        assertRefused(new byte[0], "not a BMP file", "empty");
        assertRefused(bmp(2, 2, 8, 1, 40, grayPalette(), new byte[][] {bytes(0, 0), bytes(0, 0)}),
                "compression BI_RLE8 (1)");
        assertRefused(bmp(1, 1, 32, 3, 40, null, new byte[][] {bytes(0, 0, 0, 0)}), "compression BI_BITFIELDS (3)");
        assertRefused(bmp(1, 1, 32, 0, 40, null, new byte[][] {bytes(0, 0, 0, 0)}), "bit depth: 32 bits");
        assertRefused(bmp(8, 1, 1, 0, 40, new int[] {0, 0xFFFFFF}, new byte[][] {bytes(0)}), "bit depth: 1 bits");
        assertRefused(bmp(1, 1, 16, 0, 40, null, new byte[][] {bytes(0, 0)}), "bit depth: 16 bits");
        byte[] core = bmp(1, 1, 24, 0, 40, null, new byte[][] {bytes(0, 0, 0)});
        core[14] = 12;
        assertRefused(core, "BITMAPCOREHEADER");
        assertRefused(bmp(0, 1, 24, 0, 40, null, new byte[][] {}), "size 0x1");
        byte[] outside = bmp(2, 1, 8, 0, 40, new int[] {0, 0}, new byte[][] {bytes(0, 5)});
        assertRefused(outside, "pixel (1, 0) is color 5 of a 2-color palette");
    }

    @Test
    void refusesEveryTruncation() {
        byte[] file = bmp(3, 2, 24, 0, 40, null, new byte[][] {bytes(1, 2, 3, 4, 5, 6, 7, 8, 9),
                bytes(1, 2, 3, 4, 5, 6, 7, 8, 9)});
        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BmpReader.read(cut),
                    "cut at " + length);
            assertTrue(length < 2 ? e.getMessage().contains("not a BMP") : e.getMessage().contains("truncated"),
                    length + ": " + e.getMessage());
        }
    }

    @Test
    void theSharedImagesAreTheirPixelBytesRowsTopToBottom() throws IOException {
        for (String name : new String[] {"person", "no_person"}) {
            byte[] file = Files.readAllBytes(SharedData.file("testdata/" + name + ".bmp"));
            GrayImage image = BmpReader.read(file).image();
            int offset = ByteBuffer.wrap(file, 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] expected = new byte[96 * 96];
            for (int y = 0; y < 96; y++) {
                System.arraycopy(file, offset + (95 - y) * 96, expected, y * 96, 96);
            }
            assertArrayEquals(expected, image.scaledTo(96, 96).pixels(), name);
        }
    }
}
