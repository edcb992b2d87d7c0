package dev.tflm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The library's sources as native/CMakeLists.txt lists them: the tflm-sources.txt it writes,
 * which the bindings jar carries as {@code native/tflm-sources.txt}. Paths are relative to
 * native/.
 *
 * @param runtime  the core and reference kernel sources, which every build compiles
 * @param variants the Cortex-M variants, one entry per core feature
 */
record SourceList(List<String> runtime, List<ArmVariants> variants) {

    static final String RESOURCE = "native/tflm-sources.txt";

    /**
     * The variants of one Cortex-M feature, compiled when the core has it.
     *
     * @param macro       the compiler's macro for the feature, {@code __ARM_FEATURE_DSP}
     * @param sources     their sources
     * @param definitions the {@code TFLM_VARIANT_<OP>} definitions they need
     */
    record ArmVariants(String macro, List<String> sources, List<String> definitions) {
    }

    static SourceList load() throws IOException {
        try (InputStream in = SourceList.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the class path: build the bindings "
                        + "(mvn -pl bindings package), whose CMake build writes it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static SourceList parse(String text) {
        List<String> runtime = new ArrayList<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        Map<String, List<String>> definitions = new LinkedHashMap<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String[] words = line.split("\\s+", 2);
            if (words.length != 2) {
                throw new IllegalStateException(RESOURCE + ": not '<list> <value>': " + line);
            }
            String list = words[0];
            if (list.equals("core") || list.equals("kernel")) {
                runtime.add(words[1]);
            } else if (list.matches("arm-\\w+-define")) {
                definitions.computeIfAbsent(list.substring(0, list.length() - "-define".length()),
                        k -> new ArrayList<>()).add(words[1]);
            } else if (list.matches("arm-\\w+")) {
                sources.computeIfAbsent(list, k -> new ArrayList<>()).add(words[1]);
            } else {
                throw new IllegalStateException(RESOURCE + ": unknown list " + list);
            }
        }
        if (runtime.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no sources");
        }
        List<ArmVariants> variants = new ArrayList<>();
        sources.forEach((feature, files) -> variants.add(new ArmVariants(
                "__ARM_FEATURE_" + feature.substring("arm-".length()).toUpperCase(Locale.ROOT),
                List.copyOf(files), List.copyOf(definitions.getOrDefault(feature, List.of())))));
        return new SourceList(List.copyOf(runtime), List.copyOf(variants));
    }
}
