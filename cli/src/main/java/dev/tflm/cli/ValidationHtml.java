package dev.tflm.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code tflm validate --html}: one self-contained page (no scripts, no external files) with the
 * report's figures and three inline SVG charts: flash and RAM against the board's capacity, each
 * operator's board instructions, and each case's.
 */
final class ValidationHtml {
    private static final int CHART_WIDTH = 760;
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_HEIGHT = 18;

    private ValidationHtml() {
    }

    /** A part of a stacked bar: label, bytes, fill colour. */
    private record Part(String label, long bytes, String color) {
    }

    static String of(ValidationReport r) {
        StringBuilder h = new StringBuilder();
        String title = "tflm validate: " + r.model.getFileName() + " on " + r.board;
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(MemorySvg.escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:")
                .append(CHART_WIDTH + 40).append("px}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left}"
                        + "td.n{text-align:right}pre{white-space:pre-wrap}.ok{color:#1a7f37}.bad{color:#c62828}svg text{font-size:12px}</style>"
                        + "</head><body>\n");
        h.append("<h1>").append(MemorySvg.escape(title)).append("</h1>\n");
        h.append("<pre>").append(MemorySvg.escape(r.text())).append("</pre>\n");
        h.append(r.matches() ? "<p class=\"ok\" id=\"verdict\">Every output byte matches the desktop.</p>\n"
                : "<p class=\"bad\" id=\"verdict\">" + r.mismatches.size() + " case outputs differ from the desktop.</p>\n");
        h.append("<h2>Memory</h2>\n");
        FirmwareSize s = r.size;
        h.append(stackedBar("flash", s.flashCapacity(), List.of(new Part("code", s.code(), "#4a90d9"),
                new Part("model", s.model(), "#f5a623"), new Part("constant data", s.constants(), "#7ed321"),
                new Part("validation inputs", s.inputs(), "#bd10e0"))));
        h.append(stackedBar("ram", s.ramCapacity(), List.of(new Part("arena used", r.boardRun.arenaUsed(), "#d0021b"),
                new Part("arena spare", s.arena() - r.boardRun.arenaUsed(), "#f8b8b8"),
                new Part("stack", s.stack(), "#9013fe"),
                new Part("other data", s.ram() - s.arena() - s.stack(), "#50e3c2"))));
        h.append("<h2>Board instructions per operator (per inference)</h2>\n");
        h.append(bars("operators", r.operators.stream().map(op -> op.index() + " " + op.name()).toList(),
                r.operators.stream().map(ValidationReport.OperatorLine::instructions).toList()));
        h.append("<h2>Board instructions per case</h2>\n");
        h.append(bars("cases", IntStream.range(0, r.boardRun.invokeNs().size()).mapToObj(c -> "case " + c).toList(),
                r.boardRun.invokeNs()));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** One bar of the capacity's width, split into parts, with a legend below. */
    private static String stackedBar(String id, long capacity, List<Part> parts) {
        int legendRows = parts.size();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", id, CHART_WIDTH,
                40 + 18 * legendRows));
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"4\" width=\"%d\" height=\"24\" fill=\"#eee\" "
                + "stroke=\"#999\"/>%n", CHART_WIDTH - 1));
        double x = 0;
        double perByte = (CHART_WIDTH - 1.0) / Math.max(1, capacity);
        int row = 0;
        long used = 0;
        for (Part part : parts) {
            double w = Math.max(0, part.bytes()) * perByte;
            svg.append(String.format(Locale.ROOT, "<rect class=\"part\" x=\"%.2f\" y=\"4\" width=\"%.2f\" height=\"24\" "
                    + "fill=\"%s\"><title>%s: %,d bytes</title></rect>%n", x, w, part.color(),
                    MemorySvg.escape(part.label()), part.bytes()));
            x += w;
            used += Math.max(0, part.bytes());
            int y = 44 + 18 * row++;
            svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"18\" y=\"%d\">%s %,d bytes</text>%n", y - 10, part.color(), y,
                    MemorySvg.escape(part.label()), part.bytes()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s: %,d of %,d bytes (%s)"
                + "</text>%n</svg>%n", CHART_WIDTH - 4, 44, id, used, capacity, FirmwareSize.share(used, capacity)));
        return svg.toString();
    }

    /** Horizontal bars, one per label, scaled to the largest value. */
    private static String bars(String id, List<String> labels, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", id, CHART_WIDTH,
                (BAR_HEIGHT + 4) * values.size() + 4));
        double perUnit = (CHART_WIDTH - LABEL_WIDTH - 110.0) / max;
        for (int i = 0; i < values.size(); i++) {
            int y = 2 + i * (BAR_HEIGHT + 4);
            double w = values.get(i) * perUnit;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                    + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"#4a90d9\"/>"
                    + "<text x=\"%.2f\" y=\"%d\">%,d</text>%n", LABEL_WIDTH - 6, y + 13, MemorySvg.escape(labels.get(i)),
                    LABEL_WIDTH, y, w, BAR_HEIGHT, LABEL_WIDTH + w + 4, y + 13, values.get(i)));
        }
        return svg.append("</svg>\n").toString();
    }
}
