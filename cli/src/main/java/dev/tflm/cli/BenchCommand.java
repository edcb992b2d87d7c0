package dev.tflm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflm.Int8Peak;
import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench MODEL [--kernels reference|optimized] [--isa LEVEL] [--iterations N] [--warmup N]
 * [--threads N] [--json]}: the time per inference (median and spread) and a per-operator profile
 * with the MACs each operator does and the rate it reached, as a share of the int8 peak of the
 * kernels' ISA level measured in the same run ({@link Int8Peak}; x86 levels). Inputs are zeros:
 * the kernels' work does not depend on the values. With --threads, also the throughput of one
 * interpreter per thread ({@link Throughput}). The CPU is named in both forms of the report.
 */
@Command(name = "bench")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL")
    private Path modelPath;

    @Mixin
    private KernelOptions kernelOptions = new KernelOptions();

    /** Not given: as many as fit in the profiler's time. */
    @Option(names = "--iterations", paramLabel = "N")
    private Integer iterations;

    /** Not given: the profiler's warm-up time. */
    @Option(names = "--warmup", paramLabel = "N")
    private Integer warmup;

    /** Not given: no throughput measure. */
    @Option(names = "--threads", paramLabel = "N")
    private Integer threads;

    @Option(names = "--json")
    private boolean json;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        // 0 asks the profiler for its defaults
        int iterations = this.iterations == null ? 0 : (int) Checks.positive("--iterations", this.iterations);
        int warmup = this.warmup == null ? 0 : (int) Checks.positive("--warmup", this.warmup);
        int threads = this.threads == null ? 0 : (int) Checks.positive("--threads", this.threads);
        Interpreter.Options options = kernelOptions.builder().build();
        KernelSet kernels = kernelOptions.kernels;
        try (Model model = Model.load(modelPath); Interpreter interpreter = new Interpreter(model, options)) {
            Profiler.Profile profile = new Profiler(interpreter).run(warmup, iterations);
            Optional<Int8Peak> peak = Int8Peak.measure(interpreter.isa());
            // as many inferences per thread count as one thread timed (at least one per thread)
            Throughput throughput = threads == 0 ? null
                    : Throughput.measure(model, options, threads, profile.inference().count());
            Report report = new Report(modelPath, kernels, interpreter, model, profile, peak.orElse(null),
                    throughput);
            out.println(json ? report.json() : report.text());
            // The threads' outputs must equal one thread's: anything else is a bug to report.
            return throughput == null || throughput.identical() ? Main.EXIT_OK : Main.EXIT_ERROR;
        }
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
        private final CpuDescription cpu = CpuDescription.ofThisMachine();
        private final Int8Peak peak; // null when the level has no probe
        private final Throughput throughput; // null without --threads

        Report(Path model, KernelSet kernels, Interpreter interpreter, Model contents, Profiler.Profile profile,
               Int8Peak peak, Throughput throughput) {
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
            this.peak = peak;
            this.throughput = throughput;
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
            s.append(String.format(Locale.ROOT, "cpu          %s%n", cpu.summary()));
            s.append(String.format(Locale.ROOT, "kernels      %s, isa %s (this CPU's best: %s)%n",
                    kernels.name().toLowerCase(Locale.ROOT), isa, cpuIsa));
            s.append(String.format(Locale.ROOT, "arena bytes  %d%n", arenaBytes));
            s.append(String.format(Locale.ROOT, "inference    median %s us   min %s  p10 %s  p90 %s  max %s%n",
                    us(t.medianUs()), us(t.minUs()), us(t.p10Us()), us(t.p90Us()), us(t.maxUs())));
            s.append(String.format(Locale.ROOT, "             %d timed inferences after %d warm-up rounds%n",
                    t.count(), profile.warmupRounds()));
            double networkRate = gmacsPerSecond(totalMacs(), t.medianUs());
            s.append(String.format(Locale.ROOT, "MACs         %d per inference, %s GMAC/s at the median%n",
                    totalMacs(), rate(networkRate)));
            if (peak != null) {
                s.append(String.format(Locale.ROOT,
                        "int8 peak    %s GMAC/s (%s, %d MACs each, alone, measured in this run): network at %.1f%%%n",
                        rate(peak.gmacsPerSecond()), peak.instruction(), peak.macsPerInstruction(),
                        peak.percentOf(networkRate)));
            }
            s.append(String.format(Locale.ROOT,
                    "%noperators (each timed alone; median of %d runs; share of the operators' sum)%n",
                    t.count()));
            s.append(String.format(Locale.ROOT, "  %4s  %-24s %12s %7s %14s %9s%s%n",
                    "idx", "op", "median us", "share", "MACs", "GMAC/s", peak != null ? "   % peak" : ""));
            for (int op = 0; op < profile.operators().size(); op++) {
                double median = profile.operators().get(op).medianUs();
                double opRate = gmacsPerSecond(macs[op], median);
                String ofPeak = peak == null ? ""
                        : macs[op] > 0 ? String.format(Locale.ROOT, " %8.1f", peak.percentOf(opRate)) : "        -";
                s.append(String.format(Locale.ROOT, "  %4d  %-24s %12s %6.1f%% %14d %9s%s%n", op,
                        operatorNames.get(op), us(median), 100 * share(op), macs[op],
                        macs[op] > 0 ? rate(opRate) : "-", ofPeak));
            }
            s.append(String.format(Locale.ROOT, "  %4s  %-24s %12s%n", "", "sum", us(operatorSumUs)));
            if (throughput != null) {
                s.append(String.format(Locale.ROOT,
                        "%nthroughput (one interpreter per thread, one shared model; %d cores)%n",
                        throughput.cores()));
                s.append(String.format(Locale.ROOT, "  %7s %12s %14s %8s%n", "threads", "inferences",
                        "inferences/s", "speedup"));
                for (Throughput.Point p : throughput.points()) {
                    s.append(String.format(Locale.ROOT, "  %7d %12d %14.1f %8.2f%n", p.threads(),
                            p.inferences(), p.inferencesPerSecond(), throughput.speedup(p)));
                }
                s.append(String.format(Locale.ROOT, "  outputs equal one thread's at every count: %s%n",
                        throughput.identical() ? "yes" : "NO"));
            }
            return s.toString().stripTrailing();
        }

        String json() {
            TimeStats t = profile.inference();
            ObjectNode json = Json.object()
                    .put("model", model.toString())
                    .put("cpu", cpu.name())
                    .put("cpu_family", cpu.family())
                    .put("cpu_model", cpu.model())
                    .put("kernels", kernels.name().toLowerCase(Locale.ROOT))
                    .put("isa", isa)
                    .put("cpu_isa", cpuIsa)
                    .put("arena_bytes", arenaBytes)
                    .put("warmup_rounds", profile.warmupRounds())
                    .put("iterations", t.count())
                    .put("median_us", round(t.medianUs()))
                    .put("min_us", round(t.minUs()))
                    .put("p10_us", round(t.p10Us()))
                    .put("p90_us", round(t.p90Us()))
                    .put("max_us", round(t.maxUs()))
                    .put("macs", totalMacs())
                    .put("gmacs_per_s", round(gmacsPerSecond(totalMacs(), t.medianUs())));
            if (peak != null) {
                json.put("peak_instruction", peak.instruction())
                        .put("peak_gmacs_per_s", round(peak.gmacsPerSecond()))
                        .put("percent_of_peak", round(peak.percentOf(gmacsPerSecond(totalMacs(), t.medianUs()))));
            }
            ArrayNode operators = json.putArray("operators");
            for (int op = 0; op < profile.operators().size(); op++) {
                TimeStats o = profile.operators().get(op);
                double opRate = gmacsPerSecond(macs[op], o.medianUs());
                ObjectNode entry = operators.addObject().put("index", op).put("op", operatorNames.get(op))
                        .put("median_us", round(o.medianUs())).put("p10_us", round(o.p10Us()))
                        .put("p90_us", round(o.p90Us())).put("share", round(share(op)))
                        .put("macs", macs[op]).put("gmacs_per_s", round(opRate));
                if (peak != null && macs[op] > 0) {
                    entry.put("percent_of_peak", round(peak.percentOf(opRate)));
                }
            }
            json.put("cores", cpu.cores());
            if (throughput != null) {
                json.put("outputs_identical", throughput.identical());
                ArrayNode points = json.putArray("throughput");
                for (Throughput.Point p : throughput.points()) {
                    points.addObject().put("threads", p.threads()).put("inferences", p.inferences())
                            .put("inferences_per_s", round(p.inferencesPerSecond()))
                            .put("speedup", round(throughput.speedup(p)));
                }
            }
            return Json.line(json);
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
