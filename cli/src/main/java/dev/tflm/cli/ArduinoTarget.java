package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --target arduino}: an Arduino library in the 1.5 library format ({@code
 * library.properties}, the runtime under {@code src/}, the example as {@code
 * examples/NAME/NAME.ino} with its C files beside it). Any Arduino core compiles it: AVR (Mega
 * 2560, 8 KB of RAM: hello_world) and the Cortex-M ones (Nano 33 BLE, Portenta). Arduino's
 * builder compiles every source under {@code src/} and takes no -D flags, so the library holds
 * the reference kernels only (the Cortex-M variants need definitions) and the example's
 * settings are #defines at the top of its main.
 */
final class ArduinoTarget implements ProjectTarget {

    /** The arena on AVR of the examples that fit its RAM (bytes the AVR build reports, rounded up). */
    static final Map<String, Long> AVR_ARENA = Map.of("hello_world", 1280L);

    /** The library's version: the CMake project's. */
    static final String VERSION = "0.1.0";

    @Override
    public boolean ownLayout() {
        return true;
    }

    @Override
    public String builtFor(String board) {
        return "as an Arduino library";
    }

    @Override
    public void write(Path staged, Path dir, ProjectFiles p) throws IOException {
        // The runtime: its sources and headers under src/, as "core/x.h" and "tflm/x.h" find them.
        copyTree(staged.resolve("tflm/src"), dir.resolve("src"), "kernels/arm");
        copyTree(staged.resolve("tflm/include/tflm"), dir.resolve("src/tflm"), null);
        for (String header : List.of("board.h", "div_u64_small.h")) {
            copy(staged.resolve("board/common").resolve(header), dir.resolve("src").resolve(header));
        }
        copy(SourceTree.locate().root.resolve("board-ports/arduino/board.cpp"), dir.resolve("src/board_arduino.cpp"));
        Files.writeString(dir.resolve("src/tflm.h"), """
                /* tflm, the runtime for TensorFlow Lite models, as an Arduino library: include
                 * <tflm.h> in a sketch for the interpreter (tflm/tflm.h) and the kernels
                 * (tflm/ops.h). board.h is the debug log and timer the examples print with. */
                #ifndef TFLM_ARDUINO_H
                #define TFLM_ARDUINO_H

                #include "tflm/ops.h"
                #include "tflm/tflm.h"

                #endif
                """);
        // The example: its main (renamed, with its settings), helpers and arrays beside the sketch.
        Path sketch = dir.resolve("examples").resolve(p.name());
        Files.createDirectories(sketch);
        try (Stream<Path> files = Files.list(staged.resolve("example"))) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.equals("main.c")) {
                    Files.writeString(sketch.resolve(p.name() + "_main.c"), exampleMain(Files.readString(file), p));
                } else {
                    copy(file, sketch.resolve(fileName));
                }
            }
        }
        Files.writeString(sketch.resolve(p.name() + ".ino"), """
                /* %1$s, from `tflm project --target arduino`: runs the example once and
                 * prints its lines on Serial at 115200 baud (%1$s_main.c). */
                #include <tflm.h>

                extern "C" {
                #include "board.h"
                int tflm_example_main(void);
                }

                void setup()
                {
                    board_init();
                    board_exit(tflm_example_main());
                }

                void loop()
                {
                }
                """.formatted(p.name()));
        Files.writeString(dir.resolve("library.properties"), """
                name=tflm
                version=%s
                author=tflm
                maintainer=tflm
                sentence=Runs TensorFlow Lite models on microcontrollers: the tflm runtime with the %s example.
                paragraph=A C11 runtime for .tflite flatbuffers with one arena, no heap and reference kernels byte-exact to TFLM's.
                category=Data Processing
                url=https://www.tensorflow.org/lite/microcontrollers
                architectures=*
                includes=tflm.h
                """.formatted(VERSION, p.name()));
        Files.writeString(dir.resolve("README.md"), readme(p));
    }

    /** main.c as a function the sketch calls, with the settings the Makefile passes as -D. */
    private static String exampleMain(String main, ProjectFiles p) {
        String renamed = main.replace("int main(void)", "int tflm_example_main(void)");
        if (renamed.equals(main)) {
            throw new IllegalStateException("examples/firmware/" + p.name() + "/main.c has no int main(void)");
        }
        StringBuilder settings = new StringBuilder("/* Settings of `tflm project --target arduino` (Arduino's builder takes no -D). */\n")
                .append("#ifndef FW_ARENA_BYTES\n#if defined(__AVR__)\n");
        Long avrArena = AVR_ARENA.get(p.name());
        if (avrArena != null) {
            settings.append("#define FW_ARENA_BYTES ").append(avrArena).append(" /* 16-bit pointers: smaller tables */\n");
        } else {
            settings.append("#error \"").append(p.name()).append(" needs more RAM than an 8-bit AVR has: pick a Cortex-M board\"\n");
        }
        settings.append("#else\n#define FW_ARENA_BYTES ").append(p.arena()).append("\n#endif\n#endif\n");
        for (String define : p.defines()) {
            int equals = define.indexOf('=');
            settings.append("#define ").append(equals < 0 ? define : define.substring(0, equals) + " " + define.substring(equals + 1))
                    .append('\n');
        }
        return settings.append('\n').append(renamed).toString();
    }

    private static String readme(ProjectFiles p) {
        return """
                # tflm: %1$s as an Arduino library

                Generated by `tflm project --target arduino --example %1$s`. An Arduino library
                (library specification 1.5): the runtime under `src/`, the example sketch in
                `examples/%1$s/`. It prints its lines on Serial at 115200 baud.

                ## Arduino IDE

                Copy this folder into your sketchbook's `libraries/` folder (or *Sketch > Include
                Library > Add .ZIP Library* with the folder zipped), then open *File > Examples >
                tflm > %1$s*, pick the board and upload. With arduino-cli:

                    arduino-cli compile --library . --fqbn arduino:avr:mega examples/%1$s

                With Debian's arduino-builder, arduino-core-avr and simavr, from this folder (what
                the project's CI runs; Debian's AVR core needs `DECIMAL_DIG`, which its avr-gcc 5.4
                names `__DECIMAL_DIG__`, and the build folder must exist):

                    mkdir -p /tmp/tflm-build
                    arduino-builder -hardware /usr/share/arduino/hardware \\
                        -hardware /usr/share/arduino-builder -tools /usr/bin -libraries .. \\
                        -fqbn arduino:avr:mega:cpu=atmega2560 \\
                        -prefs=compiler.cpp.extra_flags=-DDECIMAL_DIG=__DECIMAL_DIG__ \\
                        -build-path /tmp/tflm-build examples/%1$s/%1$s.ino
                    simavr -m atmega2560 -f 16000000 /tmp/tflm-build/%1$s.ino.elf

                simavr shows each line the board prints in colour, with the newline as a final `.`,
                and ends when the sketch is done (it sleeps with interrupts off).

                ## Boards

                - **AVR** (Arduino Mega 2560: 8 KB of RAM, 256 KB of flash). An 8-bit core with a
                  16-bit `int`; the runtime computes in 32 and 64 bits where TFLM does and gives
                  its bytes. AVR reads its flash through other instructions than its RAM, and the
                  runtime reads a model through ordinary pointers, so the model array is copied to
                  RAM at start-up (`const` data is RAM on AVR): the model, the arena
                  (`FW_ARENA_BYTES` in `%1$s_main.c`, %2$d bytes on Cortex-M), the runtime's
                  error messages and the stack share the 8 KB. The sine
                  model of hello_world fits; micro_speech and person_detection do not (use a
                  Cortex-M board). Floats are 32-bit IEEE on AVR as elsewhere; `double` is 32
                  bits there, which no integer kernel uses.
                - **Cortex-M** (Arduino Nano 33 BLE and Nano 33 BLE Sense: nRF52840, Cortex-M4F,
                  256 KB RAM, 1 MB flash; Portenta H7; Nano RP2040 Connect; Due; Zero). The same
                  library; the model stays in flash. Install the board's core (*Arduino Mbed OS
                  Nano Boards* for the Nano 33 BLE) and pick the board. This library holds the
                  reference kernels; for the Cortex-M DSP and Helium kernels, which the build
                  selects with `-D` flags Arduino does not pass, use `tflm project --target make`.

                `board_arduino.cpp` gives the runtime's examples their debug log (Serial) and
                timer (`micros()`); a sketch of your own only needs `#include <tflm.h>`.
                """.formatted(p.name(), p.arena());
    }

    private static void copyTree(Path from, Path to, String skip) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = from.relativize(file);
                if (skip != null && relative.startsWith(skip)) {
                    continue;
                }
                copy(file, to.resolve(relative.toString()));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
