package dev.tflm.benchmarks.report;

import java.util.Locale;
import java.util.Optional;

/**
 * The comparison as a hand-written SVG bar chart: per model a group of horizontal bars, one
 * per engine, on a logarithmic µs axis (the engines differ by orders of magnitude, and the
 * models by more), each bar labelled with its value; "rejected" where TF Lite refused the model.
 */
final class SvgChart {

    private static final String[] COLORS = {"#1b9e77", "#7570b3", "#d95f02", "#e7298a"};
    private static final int LABEL_WIDTH = 190;
    private static final int PLOT_WIDTH = 560;
    private static final int VALUE_WIDTH = 90;
    private static final int BAR = 13;
    private static final int BAR_GAP = 3;
    private static final int GROUP_GAP = 16;
    private static final int TOP = 64;

    private SvgChart() {
    }

    static String render(Comparison comparison) {
        int engines = Comparison.ENGINES.size();
        int groupHeight = engines * (BAR + BAR_GAP) - BAR_GAP;
        int models = comparison.models().size();
        int plotHeight = models * (groupHeight + GROUP_GAP);
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int height = TOP + plotHeight + 40;
        Axis axis = Axis.of(comparison);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(text(8, 18, "µs per inference (log scale, shorter is faster)", "font-size=\"14\" font-weight=\"bold\""));
        for (int e = 0; e < engines; e++) {
            int x = 8 + e * 200;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    x, COLORS[e]));
            svg.append(text(x + 16, 40, Comparison.ENGINES.get(e).label(), ""));
        }
        for (int decade = axis.minDecade; decade <= axis.maxDecade; decade++) {
            double x = axis.x(Math.pow(10, decade));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP - 4, x, TOP + plotHeight));
            svg.append(text(x - 12, TOP + plotHeight + 16, Format.micros(Math.pow(10, decade)), "fill=\"#555\""));
        }
        svg.append(text(LABEL_WIDTH + PLOT_WIDTH / 2.0 - 10, TOP + plotHeight + 32, "µs", "fill=\"#555\""));

        int y = TOP;
        for (String model : comparison.models()) {
            svg.append(text(8, y + groupHeight / 2.0 + 4, model, ""));
            for (int e = 0; e < engines; e++) {
                Comparison.Engine engine = Comparison.ENGINES.get(e);
                Optional<JmhResults.Measurement> m = comparison.measurement(model, engine);
                int barY = y + e * (BAR + BAR_GAP);
                if (m.isPresent()) {
                    double end = axis.x(m.get().micros());
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                            LABEL_WIDTH, barY, Math.max(end - LABEL_WIDTH, 1), BAR, COLORS[e],
                            escape(model + ", " + engine.label() + ": " + Format.micros(m.get().micros()) + " µs")));
                    svg.append(text(end + 4, barY + BAR - 2, Format.micros(m.get().micros()), "fill=\"#333\""));
                } else {
                    boolean rejected = engine.param().startsWith("tflite") && comparison.rejection(model).isPresent();
                    svg.append(text(LABEL_WIDTH + 4, barY + BAR - 2, rejected ? "rejected by TF Lite" : "no result",
                            "fill=\"#999\" font-style=\"italic\""));
                }
            }
            y += groupHeight + GROUP_GAP;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Whole decades around every measured value; a bar starts at the lowest decade. */
    private record Axis(int minDecade, int maxDecade) {
        static Axis of(Comparison comparison) {
            double min = Double.MAX_VALUE;
            double max = 0;
            for (String model : comparison.models()) {
                for (Comparison.Engine engine : Comparison.ENGINES) {
                    Optional<JmhResults.Measurement> m = comparison.measurement(model, engine);
                    if (m.isPresent()) {
                        min = Math.min(min, m.get().micros());
                        max = Math.max(max, m.get().micros());
                    }
                }
            }
            if (max == 0) {
                return new Axis(0, 1);
            }
            int low = (int) Math.floor(Math.log10(min));
            int high = Math.max((int) Math.ceil(Math.log10(max)), low + 1);
            return new Axis(low, high);
        }

        double x(double micros) {
            double fraction = (Math.log10(micros) - minDecade) / (maxDecade - minDecade);
            return LABEL_WIDTH + fraction * PLOT_WIDTH;
        }
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                attributes.isEmpty() ? "" : " " + attributes, escape(content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
