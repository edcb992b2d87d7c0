package dev.tflm.cli;

import dev.tflm.TflmException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code tflm} command line: inspect and run .tflite models with the native runtime.
 * picocli parses each command's arguments into its fields ({@code @Option}, {@code @Parameters});
 * the usage text is {@link #USAGE}, written for people, for help and every usage error.
 */
@Command(name = "tflm")
public final class Main {

    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    /** Everything went well. */
    public static final int EXIT_OK = 0;
    /** The model or the runtime failed; one "error: ..." line on stderr. */
    public static final int EXIT_ERROR = 1;
    /** The command line is wrong; the message and the usage text on stderr. */
    public static final int EXIT_USAGE = 2;

    static final String USAGE = """
            usage: tflm <command> [arguments]

            commands:
              inspect MODEL [--json]
                  Lists the model's operators and op counts, its tensors (type, shape,
                  quantization), inputs and outputs, weight bytes, the custom ops it
                  needs and whether the library registers each (JSON custom_ops), the ops
                  this runtime has no kernel for, and the arena bytes the runtime needs: with
                  the reference kernels (what a board needs; JSON arena_bytes) and with
                  the optimized kernels on this host (arena_bytes_optimized, and the ISA).

              run MODEL [--input INDEX=FILE]... [--output-dir DIR] [--arena BYTES]
                  [--kernels reference|optimized] [--isa LEVEL] [--json]
                  Runs one inference. FILE holds the raw little-endian bytes of input
                  INDEX (0 = the model's first input); its size must match the tensor.
                  Inputs not given are zeros. Writes the raw bytes of every output I to
                  DIR/output-I.bin (DIR defaults to the current directory) and prints
                  the arena bytes used and the invoke time. --arena BYTES sets the arena
                  size instead of sizing it automatically. --kernels picks the kernel
                  set (default optimized). --isa caps the optimized kernels' instruction
                  set: best (default), scalar, or a level of this CPU's family, x86-64
                  avx2 < avx512 < avx512-vnni or Cortex-M arm-dsp < arm-mve; a level of
                  the other family is an error. --json prints one JSON object.

              bench MODEL [--kernels reference|optimized] [--isa LEVEL] [--iterations N]
                  [--warmup N] [--threads N] [--json]
                  Warms up (N rounds, default 0.3 s), then times N inferences on zero
                  inputs (default: as many as fit in 1 s, 10 to 100000) and prints the
                  median and spread (min, p10, p90, max) of the time per inference, the
                  kernel set, its ISA (--isa as for run) and this CPU's best ISA, and a
                  per-operator profile: each operator timed alone, its share, its MACs
                  and GMAC/s. MACs: CONV_2D output elements x kh x kw x in_c/groups,
                  DEPTHWISE_CONV_2D output elements x kh x kw, FULLY_CONNECTED batches x
                  units x depth, SVDF batches x filters x (input + memory); other ops
                  count 0. --threads N also measures throughput: one interpreter per
                  thread over the one model, at 1, 2, 4, ... and N threads, each count
                  running as many inferences on random inputs as were timed, with the
                  inferences per second, the speedup over one thread, and whether every
                  count's outputs equal one thread's (exit 1 if not).

              demo
                  Runs the sine model this project trains in Java for x from 0 to 2π,
                  then prints the arena bytes and the time per inference.

              export-c MODEL [--name NAME] [--out FILE.c]
                  Writes the model as a C array for firmware: 16-byte aligned, const (in
                  flash), with NAME_size; --out also writes FILE.h. NAME defaults to the
                  file name.

              resolver MODEL [--name FUNCTION] [--out FILE]
                  Writes C code registering exactly the kernels the model uses (the
                  names of tflm/ops.h), so the linker leaves the others out.

              project --target TARGET --example NAME --out DIR [--board BOARD]
                      [--model FILE] [--shared DIR]
                  Writes a folder with just the sources one firmware needs, its build
                  files and a README on opening and building it. TARGET: make (a plain
                  Makefile for the host and BOARD, default mps2-an385); vscode (make's
                  folder plus .vscode/: build and run tasks, debugging on the host and in
                  QEMU, IntelliSense settings); platformio (platformio.ini, src/ and
                  include/, no framework; BOARD bluepill-stm32f103, the default,
                  stm32f746g-disco or microbit); zephyr (a Zephyr module, tflm/, and a
                  sample app using it, app/); keil (a µVision project for Arm Compiler 6
                  naming the board's CMSIS device; start-up code from the device pack;
                  BOARD mps2-an386, the default, another MPS2/MPS3 board,
                  stm32f746g-disco, bluepill-stm32f103 or microbit); mbed (CMakeLists.txt
                  and mbed_app.json for Mbed CE; Mbed OS ends in July 2026; BOARD
                  stm32f746g-disco, the default, or mps2-an385/386/500); arduino (an
                  Arduino library with the example sketch, for AVR and Cortex-M boards;
                  no --board). NAME:
                  hello_world, micro_speech, person_detection, benchmark (needs --model).

              validate MODEL [--board BOARD] [--inputs N | --input-dir DIR]
                  [--kernels reference|optimized] [--arena BYTES] [--json] [--html FILE]
                  [--keep DIR]
                  Runs the model on the desktop and on a Cortex-M board in QEMU on the
                  same inputs and compares every output byte; a mismatch names the case,
                  the output and its first differing element. BOARD (default
                  mps2-an386) is a board QEMU emulates; the firmware is a make project
                  (kept in DIR with --keep) built with arm-none-eabi-gcc with exactly
                  the model's kernels. Inputs: N seeded random cases (default 10), or one
                  file per case in DIR (name order), each the raw little-endian bytes of
                  every input in order. Reports the board's arena bytes used, flash
                  (code, model, constant data, the validation inputs) and RAM against
                  its capacity, instructions per inference and per operator (QEMU
                  -icount), the time that makes at the board's clock, and the desktop's
                  time; --html writes the same with charts. A model too big for the
                  board fails naming the region and the bytes missing. --arena sets the
                  firmware's arena (default: the reference kernels' need + 25% + 1 KiB).

              example person_detection [--input FILE.bmp] [--model FILE]
                  [--pixels raw|centered]
                  Runs TFLM's visual wake words model on a BMP (uncompressed 24-bit BGR
                  or 8-bit palettized, BITMAPINFOHEADER or later): gray by ITU-R BT.601
                  luma rounded (8-bit: the palette entry's), scaled to the model's input
                  height x width by area averaging, pixel bytes rows top to bottom into
                  the input. An INT8 input takes each byte reinterpreted with --pixels
                  raw (the default: TFLM's test images hold int8 input bytes), gray -
                  128 with --pixels centered (ordinary photographs, as TFLM's camera
                  examples convert them); UINT8 the value. Prints both scores
                  (output 0 no_person, 1 person; dequantized and raw), then "label:
                  person" or "label: no_person". Defaults: ../shared beside the checkout,
                  models/person_detect.tflite and testdata/person.bmp.

              example micro_speech [--input FILE.wav] [--model FILE] [--preprocessor FILE]
                  [--stride MS] [--features]
                  Keyword spotting on a WAV (PCM or WAVE_FORMAT_EXTENSIBLE PCM, 16 kHz,
                  mono, 16-bit). The preprocessor (audio_preprocessor_int8, TFLM signal
                  ops) turns each 30 ms frame, every 20 ms, into 40 features; the model
                  (micro_speech_quantized) scores 1 s windows of 49 frames, one every
                  --stride ms (default 1000, a multiple of 20); audio shorter than 1 s
                  and the end of the last window are zeros. Prints each window's scores
                  (silence, unknown, yes, no; dequantized) and label, then "label: L":
                  the window label yes or no with the highest score, else unknown if a
                  window says so, else silence. --features prints every feature frame
                  first. Defaults: ../shared's models/ and testdata/yes_1000ms.wav.

              help
                  Prints this text.

            exit codes: 0 success, 1 model or runtime error, 2 usage error
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (args.length == 1 && HELP.contains(args[0])) {
            out.print(USAGE);
            return EXIT_OK;
        }
        CommandLine cli = new CommandLine(new Main());
        for (Object command : List.of(new InspectCommand(out), new RunCommand(out), new BenchCommand(out),
                new DemoCommand(out), new ExportCCommand(out), new ResolverCommand(out), new ProjectCommand(out),
                new ValidateCommand(out, err), ExampleCommand.create(out))) {
            cli.addSubcommand(command);
        }
        cli.setParameterExceptionHandler((e, arguments) -> usageError(err, e.getMessage()));
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, err));
        try {
            int code = cli.execute(args);
            out.flush();
            return code;
        } catch (UnsatisfiedLinkError e) {
            return error(err, e.getMessage());
        }
    }

    /** The exit code of a command that threw: what the model, the files or the runtime said, on one line. */
    private static int failure(Exception e, PrintStream err) throws Exception {
        return switch (e) {
            case UsageException usage -> usageError(err, usage.getMessage());
            case ParameterException usage -> usageError(err, usage.getMessage());
            case NoSuchFileException missing -> error(err, "no such file: " + missing.getFile());
            case IOException io -> error(err, io.toString());
            case TflmException _, IllegalArgumentException _, IllegalStateException _ -> error(err, e.getMessage());
            default -> throw e;
        };
    }

    private static int usageError(PrintStream err, String message) {
        err.println("error: " + message);
        err.println();
        err.print(USAGE);
        return EXIT_USAGE;
    }

    private static int error(PrintStream err, String message) {
        err.println("error: " + oneLine(message));
        return EXIT_ERROR;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown failure" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
