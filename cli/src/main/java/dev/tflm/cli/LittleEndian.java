package dev.tflm.cli;

/** Reading the little-endian fields of BMP and WAV files, and naming bytes in messages. */
final class LittleEndian {

    private LittleEndian() {
    }

    static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    static int s32(byte[] bytes, int at) {
        return u16(bytes, at) | u16(bytes, at + 2) << 16;
    }

    static long u32(byte[] bytes, int at) {
        return s32(bytes, at) & 0xFFFF_FFFFL;
    }

    /** Whether the four bytes at {@code at} spell {@code tag} (ASCII). */
    static boolean tag(byte[] bytes, int at, String tag) {
        if (at + 4 > bytes.length) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Up to four bytes from {@code at} in quotes, printable ASCII as it is, others as \xNN. */
    static String quoted(byte[] bytes, int at) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = at; i < Math.min(at + 4, bytes.length); i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F && b != '"' && b != '\\' ? Character.toString(b)
                    : String.format("\\x%02x", b));
        }
        return text.append('"').toString();
    }
}
