package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** WAV files built chunk by chunk: PCM and WAVE_FORMAT_EXTENSIBLE, skipped chunks, and what is refused. */
class WavReaderTest {

    private static final short[] SAMPLES = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + body.length + body.length % 2).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return chunk.array();
    }

    private static byte[] fmt(int format, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) format)
                .putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits).array();
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt body whose sub-format GUID starts with {@code subFormat}. */
    private static byte[] extensible(int subFormat, byte lastGuidByte) {
        ByteBuffer body = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        body.put(fmt(0xFFFE, 1, 16000, 16)).putShort((short) 22).putShort((short) 16).putInt(4);
        body.putShort((short) subFormat).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0,
                0x38, (byte) 0x9B, lastGuidByte});
        return body.array();
    }

    private static byte[] data(short... samples) {
        ByteBuffer body = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            body.putShort(sample);
        }
        return body.array();
    }

    private static byte[] wav(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer file = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        return file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray())
                .array();
    }

    private static byte[] pcm(short... samples) {
        return wav(chunk("fmt ", fmt(1, 1, 16000, 16)), chunk("data", data(samples)));
    }

    @Test
    void readsPcmSamples() {
        assertArrayEquals(SAMPLES, WavReader.read(pcm(SAMPLES)));
        assertArrayEquals(new short[0], WavReader.read(pcm()));
    }

    @Test
    void readsExtensiblePcm() {
        byte[] file = wav(chunk("fmt ", extensible(1, (byte) 0x71)), chunk("data", data(SAMPLES)));
        assertArrayEquals(SAMPLES, WavReader.read(file));
    }

    @Test
    void skipsUnknownChunksOddSizedOnesWithTheirPadByte() {
        byte[] file = wav(chunk("LIST", "odd".getBytes(StandardCharsets.US_ASCII)), chunk("fmt ", fmt(1, 1, 16000, 16)),
                chunk("fact", new byte[4]), chunk("data", data(SAMPLES)), chunk("id3 ", new byte[7]));
        assertArrayEquals(SAMPLES, WavReader.read(file));
    }

    @Test
    void aLongerFmtChunkIsRead() {
        byte[] fmt = Arrays.copyOf(fmt(1, 1, 16000, 16), 18); // cbSize 0
        assertArrayEquals(SAMPLES, WavReader.read(wav(chunk("fmt ", fmt), chunk("data", data(SAMPLES)))));
    }

    private static void assertRefused(byte[] file, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavReader.read(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void refusesOtherFormats() {
        assertRefused("BM6(....".getBytes(StandardCharsets.US_ASCII), "not a WAV file", "\"BM6(\"");
        assertRefused(new byte[0], "not a WAV file", "empty");
        assertRefused(wav(), "no fmt chunk");
        byte[] avi = pcm(SAMPLES);
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        assertRefused(avi, "not a WAV file", "RIFF file of form \"AVI \"");
        byte[] rifx = pcm(SAMPLES);
        rifx[3] = 'X';
        assertRefused(rifx, "big-endian RIFX");
        assertRefused(wav(chunk("fmt ", fmt(1, 1, 44100, 16)), chunk("data", data(SAMPLES))), "44100 Hz", "16000");
        assertRefused(wav(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", data(SAMPLES))), "8000 Hz");
        assertRefused(wav(chunk("fmt ", fmt(1, 2, 16000, 16)), chunk("data", data(SAMPLES))), "2 channels");
        assertRefused(wav(chunk("fmt ", fmt(1, 1, 16000, 8)), chunk("data", data(SAMPLES))), "8-bit PCM");
        assertRefused(wav(chunk("fmt ", fmt(1, 1, 16000, 24)), chunk("data", data(SAMPLES))), "24-bit PCM");
        assertRefused(wav(chunk("fmt ", fmt(3, 1, 16000, 32)), chunk("data", data(SAMPLES))), "IEEE float (3)");
        assertRefused(wav(chunk("fmt ", fmt(7, 1, 16000, 8)), chunk("data", data(SAMPLES))), "mu-law (7)");
        assertRefused(wav(chunk("fmt ", extensible(3, (byte) 0x71)), chunk("data", data(SAMPLES))),
                "WAVE_FORMAT_EXTENSIBLE with sub-format IEEE float (3)");
        assertRefused(wav(chunk("fmt ", extensible(1, (byte) 0x72)), chunk("data", data(SAMPLES))),
                "WAVE_FORMAT_EXTENSIBLE with sub-format PCM (1)");
        assertRefused(wav(chunk("fmt ", Arrays.copyOf(fmt(1, 1, 16000, 16), 14)), chunk("data", data(SAMPLES))),
                "fmt chunk of 14 bytes");
        assertRefused(wav(chunk("data", data(SAMPLES)), chunk("fmt ", fmt(1, 1, 16000, 16))), "before any fmt");
        assertRefused(wav(chunk("fmt ", fmt(1, 1, 16000, 16))), "no data chunk");
    }

    @Test
    void refusesEveryTruncation() {
        byte[] file = wav(chunk("fmt ", fmt(1, 1, 16000, 16)), chunk("data", data(SAMPLES)));
        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavReader.read(cut),
                    "cut at " + length);
            // Cut between chunks, the file is whole but lacks a chunk.
            String expected = length < 12 ? "not a WAV file" : length == 12 ? "no fmt chunk"
                    : length == 36 ? "no data chunk" : "truncated";
            assertTrue(e.getMessage().contains(expected), length + ": " + e.getMessage());
        }
        byte[] odd = wav(chunk("fmt ", fmt(1, 1, 16000, 16)), chunk("data", new byte[3]));
        assertRefused(Arrays.copyOf(odd, odd.length - 1), "3 bytes, not a whole number of 16-bit samples");
    }

    @Test
    void readsTheSharedRecordings() throws IOException {
        short[] yes = WavReader.read(Files.readAllBytes(SharedData.file("testdata/yes_1000ms.wav")));
        assertArrayEquals(new short[] {-7, -12, -18}, Arrays.copyOf(yes, 3));
        assertEquals(16000, yes.length);
        short[] no = WavReader.read(Files.readAllBytes(SharedData.file("testdata/no_30ms.wav")));
        assertEquals(480, no.length);
    }
}
