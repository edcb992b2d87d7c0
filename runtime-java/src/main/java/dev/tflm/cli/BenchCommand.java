package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Isa;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code bench MODEL [--kernels reference|optimized] [--isa LEVEL] [--iterations N] [--warmup N] [--json]}:
 * the time per inference (median and spread) and a per-operator profile with the MACs each
 * operator does and the rate it reached. Inputs are zeros: the kernels' work does not
 * depend on the values.
 */
final class BenchCommand {

    private BenchCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws UsageException, IOException {
        Path modelPath = null;
        KernelSet kernels = KernelSet.OPTIMIZED;
        Isa maxIsa = Isa.BEST;
        int iterations = 0;
        int warmup = 0;
        boolean json = false;
        Arguments args = new Arguments(argList);
        while (args.hasNext()) {
            String arg = args.next();
            switch (arg) {
                case "--kernels" -> kernels = Arguments.kernels(arg, args.value(arg));
                case "--isa" -> maxIsa = Arguments.isa(arg, args.value(arg));
                case "--iterations" -> iterations = positiveInt(arg, args.value(arg));
                case "--warmup" -> warmup = positiveInt(arg, args.value(arg));
                case "--json" -> json = true;
                default -> {
                    if (Arguments.isOption(arg)) {
                        throw new UsageException("bench: unknown option " + arg);
                    }
                    if (modelPath != null) {
                        throw new UsageException("bench: more than one model given");
                    }
                    modelPath = Path.of(arg);
                }
            }
        }
        if (modelPath == null) {
            throw new UsageException("bench: no model given");
        }

        Interpreter.Options options = Interpreter.Options.builder().kernels(kernels).maxIsa(maxIsa).build();
        try (Model model = Model.load(modelPath); Interpreter interpreter = new Interpreter(model, options)) {
            Profiler.Profile profile = new Profiler(interpreter).run(warmup, iterations);
            Report report = new Report(modelPath, kernels, interpreter, model, profile);
            out.println(json ? report.json() : report.text());
        }
    }

    private static int positiveInt(String option, String value) throws UsageException {
        long parsed = Arguments.positiveLong(option, value);
        if (parsed > Integer.MAX_VALUE) {
            throw new UsageException(option + " takes at most " + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) parsed;
    }

    /** What bench prints, as text or one JSON object. */
    private static final class Report {
        private final Path model;
        private final KernelSet kernels;
        private final String isa;
        private final String cpuIsa;
        private final long arenaBytes;
        private final Profiler.Profile profile;
        private final List<String> operatorNames;
        private final long[] macs;
        private final double operatorSumUs;

        Report(Path model, KernelSet kernels, Interpreter interpreter, Model contents, Profiler.Profile profile) {
            this.model = model;
            this.kernels = kernels;
            this.isa = interpreter.isa().label();
            this.cpuIsa = Interpreter.cpuIsa().label();
            this.arenaBytes = interpreter.arenaBytes();
            this.profile = profile;
            this.operatorNames = IntStream.range(0, interpreter.operatorCount())
                    .mapToObj(interpreter::operatorName).toList();
            this.macs = OperatorMacs.all(contents);
            this.operatorSumUs = profile.operators().stream().mapToDouble(TimeStats::medianUs).sum();
        }

        private long totalMacs() {
            long total = 0;
            for (long m : macs) {
                total += m;
            }
            return total;
        }

        /** Share of operator {@code op} in the sum of the operators' medians. */
        private double share(int op) {
            return operatorSumUs > 0 ? profile.operators().get(op).medianUs() / operatorSumUs : 0;
        }

        /** Giga-MACs per second for {@code macs} done in {@code micros}; 0 when there are none. */
        private static double gmacsPerSecond(long macs, double micros) {
            return macs > 0 && micros > 0 ? macs / micros / 1e3 : 0;
        }

        String text() {
            TimeStats t = profile.inference();
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "model        %s%n", model));
            s.append(String.format(Locale.ROOT, "kernels      %s, isa %s (this CPU's best: %s)%n",
                    kernels.name().toLowerCase(Locale.ROOT), isa, cpuIsa));
            s.append(String.format(Locale.ROOT, "arena bytes  %d%n", arenaBytes));
            s.append(String.format(Locale.ROOT, "inference    median %s us   min %s  p10 %s  p90 %s  max %s%n",
                    us(t.medianUs()), us(t.minUs()), us(t.p10Us()), us(t.p90Us()), us(t.maxUs())));
            s.append(String.format(Locale.ROOT, "             %d timed inferences after %d warm-up rounds%n",
                    t.count(), profile.warmupRounds()));
            s.append(String.format(Locale.ROOT, "MACs         %d per inference, %s GMAC/s at the median%n",
                    totalMacs(), rate(gmacsPerSecond(totalMacs(), t.medianUs()))));
            s.append(String.format(Locale.ROOT,
                    "%noperators (each timed alone; median of %d runs; share of the operators' sum)%n",
                    t.count()));
            s.append(String.format(Locale.ROOT, "  %4s  %-24s %12s %7s %14s %9s%n",
                    "idx", "op", "median us", "share", "MACs", "GMAC/s"));
            for (int op = 0; op < profile.operators().size(); op++) {
                double median = profile.operators().get(op).medianUs();
                s.append(String.format(Locale.ROOT, "  %4d  %-24s %12s %6.1f%% %14d %9s%n", op,
                        operatorNames.get(op), us(median), 100 * share(op), macs[op],
                        macs[op] > 0 ? rate(gmacsPerSecond(macs[op], median)) : "-"));
            }
            s.append(String.format(Locale.ROOT, "  %4s  %-24s %12s%n", "", "sum", us(operatorSumUs)));
            return s.toString().stripTrailing();
        }

        String json() {
            TimeStats t = profile.inference();
            JsonWriter json = new JsonWriter().beginObject()
                    .field("model", model.toString())
                    .field("kernels", kernels.name().toLowerCase(Locale.ROOT))
                    .field("isa", isa)
                    .field("cpu_isa", cpuIsa)
                    .field("arena_bytes", arenaBytes)
                    .field("warmup_rounds", profile.warmupRounds())
                    .field("iterations", t.count())
                    .field("median_us", round(t.medianUs()))
                    .field("min_us", round(t.minUs()))
                    .field("p10_us", round(t.p10Us()))
                    .field("p90_us", round(t.p90Us()))
                    .field("max_us", round(t.maxUs()))
                    .field("macs", totalMacs())
                    .field("gmacs_per_s", round(gmacsPerSecond(totalMacs(), t.medianUs())));
            json.name("operators").beginArray();
            for (int op = 0; op < profile.operators().size(); op++) {
                TimeStats o = profile.operators().get(op);
                json.beginObject().field("index", op).field("op", operatorNames.get(op))
                        .field("median_us", round(o.medianUs())).field("p10_us", round(o.p10Us()))
                        .field("p90_us", round(o.p90Us())).field("share", round(share(op)))
                        .field("macs", macs[op]).field("gmacs_per_s", round(gmacsPerSecond(macs[op], o.medianUs())))
                        .endObject();
            }
            return json.endArray().endObject().toString();
        }

        /** Microseconds with three significant decimals, enough to tell sub-microsecond operators apart. */
        private static String us(double micros) {
            return String.format(Locale.ROOT, micros < 10 ? "%.3f" : micros < 1000 ? "%.1f" : "%.0f", micros);
        }

        private static String rate(double gmacs) {
            return String.format(Locale.ROOT, "%.2f", gmacs);
        }

        /** Keeps the JSON readable: 0.001 of a microsecond is below the timer's resolution anyway. */
        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
