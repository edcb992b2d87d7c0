package dev.tflm.benchmarks.report;

import java.util.Locale;

/** Numbers as the report prints them: three significant digits down to 0.001 µs. */
final class Format {

    private Format() {
    }

    static String micros(double us) {
        String pattern = us < 1 ? "%.3f" : us < 10 ? "%.2f" : us < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, pattern, us);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2f×" : "%.1f×", ratio);
    }
}
