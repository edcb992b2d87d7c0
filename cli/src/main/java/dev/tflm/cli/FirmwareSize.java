package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a firmware's bytes go, from {@code arm-none-eabi-size -A} and {@code arm-none-eabi-nm}
 * of its ELF, against the board's FLASH and RAM (the LENGTHs of its memory.ld).
 *
 * <p>Flash is the sections cortex_m_sections.ld places there (vectors, text with its read-only
 * data, exception index, model arrays, the initial values of .data), split into code (the
 * functions' symbols), the model array, the validation inputs (which only this firmware
 * carries) and the rest: constant data (tables, strings, .data's initial values). RAM is .data,
 * .bss (the arena among it) and the stack.
 */
record FirmwareSize(long flash, long code, long model, long inputs, long constants, long flashCapacity,
        long ram, long arena, long stack, long ramCapacity) {

    private static final Pattern SECTION = Pattern.compile("^(\\.\\S+)\\s+(\\d+)\\s+(\\d+)$");
    private static final Pattern SYMBOL = Pattern.compile("^[0-9a-f]+ ([0-9a-f]+) (\\S) (\\S+)$");
    private static final Pattern REGION = Pattern.compile("(FLASH|RAM)\\s*\\([^)]*\\)\\s*:\\s*ORIGIN\\s*=\\s*\\S+,"
            + "\\s*LENGTH\\s*=\\s*(\\d+)([KM]?)");

    static FirmwareSize of(Path elf, Path memoryLd, long arena) throws IOException {
        Map<String, Long> sections = new TreeMap<>();
        for (String line : Tools.run(List.of("arm-none-eabi-size", "-A", "-d", elf.toString()), null).lines().toList()) {
            Matcher m = SECTION.matcher(line.trim());
            if (m.matches()) {
                sections.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        long code = 0;
        long model = 0;
        long inputs = 0;
        for (String line : Tools.run(List.of("arm-none-eabi-nm", "-S", elf.toString()), null).lines().toList()) {
            Matcher m = SYMBOL.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            long size = Long.parseLong(m.group(1), 16);
            switch (m.group(3)) {
                case "model_data" -> model = size;
                case "validate_inputs" -> inputs = size;
                default -> code += m.group(2).equalsIgnoreCase("t") ? size : 0;
            }
        }
        long flash = 0;
        for (String section : List.of(".vectors", ".text", ".ARM.exidx", ".tflm_models", ".data")) {
            flash += sections.getOrDefault(section, 0L);
        }
        long ram = sections.getOrDefault(".data", 0L) + sections.getOrDefault(".bss", 0L)
                + sections.getOrDefault(".stack", 0L);
        Map<String, Long> capacity = capacities(memoryLd);
        return new FirmwareSize(flash, code, model, inputs, flash - code - model - inputs, capacity.get("FLASH"),
                ram, arena, sections.getOrDefault(".stack", 0L), capacity.get("RAM"));
    }

    /** The LENGTH of the FLASH and RAM regions of a board's memory.ld, in bytes. */
    static Map<String, Long> capacities(Path memoryLd) throws IOException {
        Map<String, Long> capacity = new TreeMap<>();
        Matcher m = REGION.matcher(Files.readString(memoryLd));
        while (m.find()) {
            long unit = switch (m.group(3)) {
                case "K" -> 1024L;
                case "M" -> 1024L * 1024;
                default -> 1L;
            };
            capacity.put(m.group(1), Long.parseLong(m.group(2)) * unit);
        }
        if (capacity.size() != 2) {
            throw new IllegalStateException("validate: " + memoryLd + " does not give FLASH and RAM lengths");
        }
        return capacity;
    }

    /** "12.3%" of a capacity. */
    static String share(long bytes, long capacity) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * bytes / capacity);
    }
}
