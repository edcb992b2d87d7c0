package dev.tflm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The features of a Cortex-M core that select the runtime's Cortex-M variants, from its
 * {@code -mcpu}: what arm-none-eabi-gcc's {@code __ARM_FEATURE_DSP} and {@code
 * __ARM_FEATURE_MVE} say for it. The Makefile asks the compiler; IDE project files are written
 * without one, so this table answers for them.
 */
final class ArmCore {

    private static final Set<String> DSP = Set.of("cortex-m4", "cortex-m7", "cortex-m33", "cortex-m35p",
            "cortex-m55", "cortex-m85");
    private static final Set<String> MVE = Set.of("cortex-m55", "cortex-m85");

    private ArmCore() {
    }

    /** The feature macros the core of these compiler flags defines. */
    static List<String> features(List<String> cpuFlags) {
        String mcpu = cpuFlags.stream().filter(f -> f.startsWith("-mcpu=")).map(f -> f.substring(6))
                .findFirst().orElse("");
        String core = mcpu.split("\\+", 2)[0];
        List<String> features = new ArrayList<>();
        if (DSP.contains(core) && !mcpu.contains("+nodsp")) {
            features.add("__ARM_FEATURE_DSP");
        }
        if (MVE.contains(core) && !mcpu.contains("+nomve")) {
            features.add("__ARM_FEATURE_MVE");
        }
        return features;
    }
}
