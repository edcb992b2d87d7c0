package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU a benchmark ran on, as reports must state it (timings and peaks differ between CPU
 * families): Linux's /proc/cpuinfo for the first processor, else the JVM's os.arch only.
 *
 * @param name the model name ("AMD EPYC 9R45", "Intel(R) Xeon(R) Processor @ 2.80GHz")
 * @param family the CPUID family ("26" for Zen 5), or "" when unknown
 * @param model the CPUID model, or ""
 * @param cores the processors the JVM may use
 */
record CpuDescription(String name, String family, String model, int cores) {

    static CpuDescription ofThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, String> fields = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.isBlank()) {
                    break; // the first processor's block only
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux: the architecture is all there is
        }
        return new CpuDescription(fields.getOrDefault("model name", System.getProperty("os.arch")),
                fields.getOrDefault("cpu family", ""), fields.getOrDefault("model", ""), cores);
    }

    /** One line: name, family and model when known, cores. */
    String summary() {
        String cpuid = family.isEmpty() ? "" : " (family " + family + ", model " + model + ")";
        return name + cpuid + ", " + cores + " cores";
    }
}
