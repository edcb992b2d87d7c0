package dev.tflm.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark results arranged for reading: per model (in the order the run measured them)
 * the measurement of each engine, the models TF Lite rejects, and the cost of one FFM call.
 */
final class Comparison {

    /** An engine of InferenceBenchmark: its {@code @Param} value and its name in the report. */
    record Engine(String param, String label) {
    }

    static final Engine OPTIMIZED = new Engine("tflm-optimized", "tflm optimized");
    static final Engine REFERENCE = new Engine("tflm-reference", "tflm reference");
    static final Engine TFLITE = new Engine("tflite", "TF Lite 2.6.2");
    static final Engine XNNPACK = new Engine("tflite-xnnpack", "TF Lite 2.6.2 + XNNPACK");
    static final List<Engine> ENGINES = List.of(OPTIMIZED, REFERENCE, TFLITE, XNNPACK);

    static final String INFERENCE = "InferenceBenchmark.inference";
    static final String FFM_CALL = "FfmCallBenchmark.invokeEmptyModel";

    private final Map<String, Map<String, JmhResults.Measurement>> byModel = new LinkedHashMap<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final JmhResults.Measurement ffmCall;
    private final String setup;

    /**
     * @param tfLiteRejection for a model without a TF Lite result, why TF Lite rejects it
     *                        (empty when it does not, and the result is missing for another reason)
     */
    Comparison(JmhResults results, Function<String, Optional<String>> tfLiteRejection) {
        JmhResults.Measurement ffm = null;
        for (JmhResults.Measurement m : results.measurements()) {
            if (m.benchmark().equals(INFERENCE)) {
                byModel.computeIfAbsent(m.params().get("model"), k -> new LinkedHashMap<>())
                        .put(m.params().get("engine"), m);
            } else if (m.benchmark().equals(FFM_CALL)) {
                ffm = m;
            }
        }
        this.ffmCall = ffm;
        this.setup = results.setup();
        for (String model : byModel.keySet()) {
            if (measurement(model, TFLITE).isEmpty() || measurement(model, XNNPACK).isEmpty()) {
                tfLiteRejection.apply(model).ifPresent(reason -> rejected.put(model, reason));
            }
        }
    }

    List<String> models() {
        return new ArrayList<>(byModel.keySet());
    }

    Optional<JmhResults.Measurement> measurement(String model, Engine engine) {
        return Optional.ofNullable(byModel.getOrDefault(model, Map.of()).get(engine.param()));
    }

    /** Why TF Lite rejects the model, when it does. */
    Optional<String> rejection(String model) {
        return Optional.ofNullable(rejected.get(model));
    }

    /** How many times longer {@code slower} takes than {@code faster} on the model, when both ran. */
    Optional<Double> ratio(String model, Engine slower, Engine faster) {
        return measurement(model, slower).flatMap(s -> measurement(model, faster).map(f -> s.micros() / f.micros()));
    }

    /** The geometric mean of a ratio over the models where it exists. */
    Optional<Double> geometricMeanRatio(Engine slower, Engine faster) {
        double logSum = 0;
        int count = 0;
        for (String model : byModel.keySet()) {
            Optional<Double> r = ratio(model, slower, faster);
            if (r.isPresent()) {
                logSum += Math.log(r.get());
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(Math.exp(logSum / count));
    }

    Optional<JmhResults.Measurement> ffmCall() {
        return Optional.ofNullable(ffmCall);
    }

    String setup() {
        return setup;
    }
}
