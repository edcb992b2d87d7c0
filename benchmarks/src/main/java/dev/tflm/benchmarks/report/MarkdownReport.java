package dev.tflm.benchmarks.report;

import static dev.tflm.benchmarks.report.Comparison.OPTIMIZED;
import static dev.tflm.benchmarks.report.Comparison.REFERENCE;
import static dev.tflm.benchmarks.report.Comparison.TFLITE;
import static dev.tflm.benchmarks.report.Comparison.XNNPACK;

import java.util.Optional;

/**
 * The comparison as Markdown: one row per model with µs per inference of each engine, then
 * how many times faster our optimized kernels are than TF Lite (XNNPACK off and on) and than
 * our reference kernels; a geometric-mean row; the FFM call cost; TF Lite's rejections.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * @param machine the CPU and core count the results come from, as the reader should see it
     * @param chart   file name of the SVG chart beside the report, linked from it
     */
    static String render(Comparison comparison, String machine, String chart) {
        StringBuilder md = new StringBuilder();
        md.append("# tflm vs TensorFlow Lite 2.6.2: µs per inference\n\n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Run: ").append(comparison.setup()).append(", single thread.  \n");
        md.append("One inference writes the inputs, invokes and reads the outputs through each engine's Java API. ")
                .append("Times are JMH averages ± half the 99.9% confidence interval; ")
                .append("ratios are how many times faster tflm optimized is.\n\n");
        md.append("| model |");
        for (Comparison.Engine engine : Comparison.ENGINES) {
            md.append(' ').append(engine.label()).append(" |");
        }
        md.append(" vs TF Lite | vs TF Lite + XNNPACK | optimized vs reference |\n");
        md.append("|---|").append("---:|".repeat(Comparison.ENGINES.size() + 3)).append('\n');
        for (String model : comparison.models()) {
            md.append("| ").append(model).append(" |");
            for (Comparison.Engine engine : Comparison.ENGINES) {
                md.append(' ').append(cell(comparison, model, engine)).append(" |");
            }
            md.append(' ').append(ratio(comparison.ratio(model, TFLITE, OPTIMIZED), comparison, model)).append(" |");
            md.append(' ').append(ratio(comparison.ratio(model, XNNPACK, OPTIMIZED), comparison, model)).append(" |");
            md.append(' ').append(ratio(comparison.ratio(model, REFERENCE, OPTIMIZED), comparison, null)).append(" |\n");
        }
        md.append("| **geometric mean** |").append(" |".repeat(Comparison.ENGINES.size()));
        md.append(' ').append(mean(comparison.geometricMeanRatio(TFLITE, OPTIMIZED))).append(" |");
        md.append(' ').append(mean(comparison.geometricMeanRatio(XNNPACK, OPTIMIZED))).append(" |");
        md.append(' ').append(mean(comparison.geometricMeanRatio(REFERENCE, OPTIMIZED))).append(" |\n\n");

        comparison.ffmCall().ifPresent(ffm -> md.append("One FFM call (`Interpreter.invoke()` on a model with no ")
                .append("operators): **").append(Format.micros(ffm.micros())).append(" µs**")
                .append(error(ffm.errorMicros())).append(".\n\n"));
        for (String model : comparison.models()) {
            comparison.rejection(model).ifPresent(reason -> md.append("Rejected: ").append(model).append(" — ")
                    .append(shortened(reason.replaceAll("\\s+", " "))).append("\n\n"));
        }
        md.append("![µs per inference, log scale](").append(chart).append(")\n");
        return md.toString();
    }

    /** TF Lite repeats its complaint per tensor; the first 200 characters say what it is. */
    private static String shortened(String reason) {
        return reason.length() <= 200 ? reason : reason.substring(0, 200) + "…";
    }

    private static String cell(Comparison comparison, String model, Comparison.Engine engine) {
        Optional<JmhResults.Measurement> m = comparison.measurement(model, engine);
        if (m.isPresent()) {
            return Format.micros(m.get().micros()) + error(m.get().errorMicros());
        }
        boolean tfLite = engine == TFLITE || engine == XNNPACK;
        return tfLite && comparison.rejection(model).isPresent() ? "rejected" : "—";
    }

    private static String error(double errorMicros) {
        return Double.isFinite(errorMicros) ? " ± " + Format.micros(errorMicros) : "";
    }

    /** A ratio, or "rejected" / "—" when TF Lite's side is missing. */
    private static String ratio(Optional<Double> ratio, Comparison comparison, String tfLiteModel) {
        if (ratio.isPresent()) {
            return Format.ratio(ratio.get());
        }
        return tfLiteModel != null && comparison.rejection(tfLiteModel).isPresent() ? "rejected" : "—";
    }

    private static String mean(Optional<Double> ratio) {
        return ratio.map(r -> "**" + Format.ratio(r) + "**").orElse("—");
    }
}
