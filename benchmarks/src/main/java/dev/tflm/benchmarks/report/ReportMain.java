package dev.tflm.benchmarks.report;

import dev.tflm.benchmarks.BenchModels;
import dev.tflm.benchmarks.TfLiteEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ReportMain RESULTS.json --out DIR [--machine TEXT]}: turns JMH's JSON results into
 * DIR/report.md (the table) and DIR/chart.svg (the bar chart). For a model without TF Lite
 * results it asks TF Lite whether it rejects the model, so the report can say so; models are
 * read as the benchmarks read them ({@code -Dtflm.models=DIR}).
 */
public final class ReportMain {

    static final String REPORT = "report.md";
    static final String CHART = "chart.svg";

    private ReportMain() {
    }

    public static void main(String[] args) throws IOException {
        Path results = null;
        Path out = null;
        String machine = "not stated (pass --machine)";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--machine" -> machine = value(args, ++i, "--machine");
                default -> results = Path.of(args[i]);
            }
        }
        if (results == null || out == null) {
            System.err.println("usage: ReportMain RESULTS.json --out DIR [--machine TEXT]");
            System.exit(2);
        }
        Comparison comparison = new Comparison(JmhResults.parse(Files.readString(results)), ReportMain::tfLiteRejection);
        Files.createDirectories(out);
        Files.writeString(out.resolve(REPORT), MarkdownReport.render(comparison, machine, CHART));
        Files.writeString(out.resolve(CHART), SvgChart.render(comparison));
        System.out.println("wrote " + out.resolve(REPORT) + " and " + out.resolve(CHART));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    /** Why TF Lite rejects a model; empty when it runs it, or when the model cannot be read here. */
    private static Optional<String> tfLiteRejection(String model) {
        try {
            return TfLiteEngine.rejects(BenchModels.bytes(model));
        } catch (UncheckedIOException e) {
            System.err.println("report: " + e.getMessage());
            return Optional.empty();
        }
    }
}
