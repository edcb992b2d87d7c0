package dev.tflm.cli;

import static dev.tflm.cli.LittleEndian.quoted;
import static dev.tflm.cli.LittleEndian.tag;
import static dev.tflm.cli.LittleEndian.u16;
import static dev.tflm.cli.LittleEndian.u32;

/**
 * Reads the samples of a WAV file as the micro_speech models take them: RIFF/WAVE with a fmt
 * chunk of PCM (format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM sub-format), 16 kHz, mono,
 * 16-bit little-endian. Chunks other than fmt and data are skipped (each padded to an even
 * size, as RIFF says); the RIFF size field is not trusted, the chunks are. Anything else, a
 * truncated file or data chunk included, is an IllegalArgumentException naming what was found.
 */
final class WavReader {

    static final int SAMPLE_RATE = 16_000;

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** KSDATAFORMAT_SUBTYPE_PCM after its first two bytes (the format tag 1): ...-0000-0010-8000-00AA00389B71. */
    private static final byte[] PCM_GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
            (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /** The 16-bit samples of a WAV file's bytes. */
    static short[] read(byte[] file) {
        if (file.length < 12 || !tag(file, 0, "RIFF") || !tag(file, 8, "WAVE")) {
            String found = file.length >= 4 && tag(file, 0, "RIFX") ? "a big-endian RIFX file"
                    : file.length >= 12 && tag(file, 0, "RIFF") ? "a RIFF file of form " + quoted(file, 8)
                    : file.length == 0 ? "an empty file" : "a file starting with " + quoted(file, 0);
            throw new IllegalArgumentException("not a WAV file: " + found + "; a WAV file starts with RIFF....WAVE");
        }
        boolean formatSeen = false;
        int at = 12;
        while (at < file.length) {
            if (file.length - at < 8) {
                throw new IllegalArgumentException("truncated WAV: " + (file.length - at)
                        + " stray byte(s) at offset " + at + " where a chunk header (8 bytes) should be");
            }
            String id = quoted(file, at);
            long size = u32(file, at + 4);
            int body = at + 8;
            if (tag(file, at, "data")) {
                if (!formatSeen) {
                    throw new IllegalArgumentException("invalid WAV: the data chunk comes before any fmt chunk");
                }
                return samples(file, body, size);
            }
            if (body + size > file.length) {
                throw new IllegalArgumentException("truncated WAV: chunk " + id + " at offset " + at + " declares "
                        + size + " bytes, " + (file.length - body) + " follow");
            }
            if (tag(file, at, "fmt ")) {
                checkFormat(file, body, size);
                formatSeen = true;
            }
            at = Math.toIntExact(body + size + (size & 1));
        }
        throw new IllegalArgumentException(formatSeen ? "invalid WAV: no data chunk" : "invalid WAV: no fmt chunk");
    }

    private static void checkFormat(byte[] file, int at, long size) {
        if (size < 16) {
            throw new IllegalArgumentException("invalid WAV: a fmt chunk of " + size + " bytes, at least 16 expected");
        }
        int format = u16(file, at);
        int channels = u16(file, at + 2);
        long rate = u32(file, at + 4);
        int blockAlign = u16(file, at + 12);
        int bits = u16(file, at + 14);
        if (format == FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw new IllegalArgumentException("invalid WAV: WAVE_FORMAT_EXTENSIBLE with a fmt chunk of "
                        + size + " bytes, 40 expected");
            }
            int subFormat = u16(file, at + 24);
            if (subFormat != FORMAT_PCM || !matches(file, at + 26, PCM_GUID_TAIL)) {
                throw new IllegalArgumentException("unsupported WAV sample format: WAVE_FORMAT_EXTENSIBLE with "
                        + "sub-format " + formatName(subFormat) + "; only 16-bit PCM is read");
            }
        } else if (format != FORMAT_PCM) {
            throw new IllegalArgumentException("unsupported WAV sample format: " + formatName(format)
                    + "; only 16-bit PCM (format 1) is read");
        }
        if (bits != 16) {
            throw new IllegalArgumentException("unsupported WAV sample format: " + bits
                    + "-bit PCM; the models take 16-bit samples");
        }
        if (channels != 1) {
            throw new IllegalArgumentException("unsupported WAV: " + channels
                    + " channels; the models take mono audio (1 channel)");
        }
        if (rate != SAMPLE_RATE) {
            throw new IllegalArgumentException("unsupported WAV sample rate: " + rate + " Hz; the models take "
                    + SAMPLE_RATE + " Hz (resample the file first)");
        }
        if (blockAlign != 2) {
            throw new IllegalArgumentException("invalid WAV: block align " + blockAlign
                    + " for mono 16-bit samples, 2 expected");
        }
    }

    private static short[] samples(byte[] file, int at, long size) {
        long available = file.length - at;
        if (size > available) {
            throw new IllegalArgumentException("truncated WAV: the data chunk declares " + size + " bytes ("
                    + size / 2 + " samples), " + available + " follow");
        }
        if (size % 2 != 0) {
            throw new IllegalArgumentException("truncated WAV: the data chunk holds " + size
                    + " bytes, not a whole number of 16-bit samples");
        }
        short[] samples = new short[(int) (size / 2)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) u16(file, at + 2 * i);
        }
        return samples;
    }

    private static String formatName(int format) {
        return switch (format) {
            case 1 -> "PCM (1)";
            case 2 -> "ADPCM (2)";
            case 3 -> "IEEE float (3)";
            case 6 -> "A-law (6)";
            case 7 -> "mu-law (7)";
            case 0x11 -> "IMA ADPCM (0x11)";
            case 0x55 -> "MP3 (0x55)";
            default -> String.format("0x%04x", format);
        };
    }

    private static boolean matches(byte[] bytes, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
