package dev.tflm.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of JMH's JSON results ({@code -rf json}) the report uses: per benchmark and
 * parameter set, the average time converted to microseconds and its error (half the 99.9%
 * confidence interval; NaN when there were too few iterations), and how the run was set up.
 */
record JmhResults(List<Measurement> measurements, String setup) {

    /**
     * @param benchmark   the benchmark method's simple name with its class: {@code InferenceBenchmark.inference}
     * @param params      the {@code @Param} values
     * @param micros      average microseconds per operation
     * @param errorMicros half the confidence interval, in microseconds
     */
    record Measurement(String benchmark, Map<String, String> params, double micros, double errorMicros) {
        Measurement {
            params = Map.copyOf(params);
        }
    }

    static JmhResults parse(String json) {
        JsonNode entries;
        try {
            entries = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JMH results: not JSON: " + e.getOriginalMessage(), e);
        }
        if (!entries.isArray()) {
            throw new IllegalArgumentException("JMH results: expected a JSON array of benchmark results");
        }
        List<Measurement> measurements = new ArrayList<>();
        String setup = "";
        for (JsonNode result : entries) {
            JsonNode metric = result.path("primaryMetric");
            double toMicros = microsPer(metric.path("scoreUnit").asText());
            Map<String, String> params = new LinkedHashMap<>();
            result.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
            measurements.add(new Measurement(simpleName(result.path("benchmark").asText()), params,
                    number(metric.get("score")) * toMicros, number(metric.get("scoreError")) * toMicros));
            if (setup.isEmpty()) {
                setup = String.format("JMH %s, %s %s, %d fork(s), warm-up %d × %s, measurement %d × %s",
                        result.path("jmhVersion").asText(), result.path("vmName").asText(),
                        result.path("jdkVersion").asText(), result.path("forks").asInt(),
                        result.path("warmupIterations").asInt(), result.path("warmupTime").asText(),
                        result.path("measurementIterations").asInt(), result.path("measurementTime").asText());
            }
        }
        return new JmhResults(List.copyOf(measurements), setup);
    }

    /** A number, or the string "NaN" JMH writes for a score error it could not compute (too few iterations). */
    private static double number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.asDouble();
        }
        if (value != null && "NaN".equals(value.asText())) {
            return Double.NaN;
        }
        throw new IllegalArgumentException("JMH results: expected a number, got " + value);
    }

    /** {@code dev.tflm.benchmarks.InferenceBenchmark.inference} → {@code InferenceBenchmark.inference}. */
    private static String simpleName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static double microsPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new IllegalArgumentException("JMH results: unit " + unit
                    + " is not a time per operation (run the benchmarks in average-time mode)");
        };
    }
}
