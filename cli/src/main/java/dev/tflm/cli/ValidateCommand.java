package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import dev.tflm.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tflm validate MODEL [--board B] [--inputs N | --input-dir DIR] [--kernels K] [--arena BYTES]
 * [--json] [--html FILE] [--keep DIR]}: the model on the desktop (the Java API) and on a board
 * (the validate firmware, built with make and arm-none-eabi-gcc from a generated project, run in
 * QEMU with -icount), on the same inputs, every output byte compared; with the board's arena,
 * flash and RAM against its capacity and its instructions per inference and per operator.
 */
@Command(name = "validate")
final class ValidateCommand implements Callable<Integer> {
    static final String DEFAULT_BOARD = "mps2-an386";
    private static final int DEFAULT_CASES = 10;
    private static final int MAX_CASES = 1000;
    private static final long SEED = 1;
    /** Linker errors of a firmware too big for its board (ld's and cortex_m_sections.ld's). */
    private static final Pattern OVERFLOW = Pattern.compile("region `(\\w+)' overflowed by (\\d+) bytes");

    @Parameters(paramLabel = "MODEL")
    private Path modelPath;

    @Option(names = "--board", paramLabel = "BOARD")
    private String board = DEFAULT_BOARD;

    @Option(names = "--inputs", paramLabel = "N")
    private Integer caseCount;

    @Option(names = "--input-dir", paramLabel = "DIR")
    private Path inputDir;

    @Option(names = "--kernels", converter = Checks.Kernels.class)
    private KernelSet kernels = KernelSet.OPTIMIZED;

    @Option(names = "--arena", paramLabel = "BYTES")
    private Long arenaOption;

    @Option(names = "--json")
    private boolean json;

    @Option(names = "--html", paramLabel = "FILE")
    private Path html;

    @Option(names = "--keep", paramLabel = "DIR")
    private Path keep;

    private final PrintStream out;
    private final PrintStream progress;

    ValidateCommand(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    @Override
    public Integer call() throws IOException, UsageException {
        if (caseCount != null && inputDir != null) {
            throw new UsageException("validate: give --inputs N or --input-dir DIR, not both");
        }
        int count = caseCount != null ? caseCount : DEFAULT_CASES;
        if (count < 1 || count > MAX_CASES) {
            throw new UsageException("validate: --inputs takes 1 to " + MAX_CASES + ", got " + count);
        }
        if (arenaOption != null) {
            Checks.positive("validate: --arena", arenaOption);
        }
        byte[] modelBytes = Checks.readModel(modelPath);
        try (Model model = Model.load(modelPath)) {
            progress.println("validate: running " + modelPath.getFileName() + " on the desktop");
            DesktopRun desktop = DesktopRun.of(model, kernels, inputDir, count);
            long arena = arenaOption != null ? arenaOption : boardArena(model);
            Path dir = keep != null ? keep : Files.createTempDirectory("tflm-validate");
            try {
                ValidationReport report = onBoard(modelBytes, desktop, arena, dir);
                if (json) {
                    out.println(Json.line(report.json()));
                } else {
                    out.print(report.text());
                }
                if (html != null) {
                    Files.writeString(html, report.html());
                    progress.println("validate: wrote " + html);
                }
                return report.matches() ? Main.EXIT_OK : Main.EXIT_ERROR;
            } finally {
                if (keep == null) {
                    ProjectCommand.deleteTree(dir);
                }
            }
        }
    }

    /**
     * The board's arena: the reference kernels' need on this host (64-bit tables, so above a
     * 32-bit board's) with a quarter and 1 KiB to spare for the Cortex-M variants' scratch,
     * rounded up to 1 KiB. The firmware reports what it used.
     */
    private static long boardArena(Model model) {
        try (Interpreter reference = new Interpreter(model,
                Interpreter.Options.builder().kernels(KernelSet.REFERENCE).build())) {
            long need = reference.arenaBytes() + reference.arenaBytes() / 4 + 1024;
            return (need + 1023) / 1024 * 1024;
        }
    }

    private ValidationReport onBoard(byte[] modelBytes, DesktopRun desktop, long arena, Path dir)
            throws IOException, UsageException {
        SourceTree tree = SourceTree.locate();
        Map<String, List<String>> boardData = tree.board(board);
        List<String> qemu = boardData.getOrDefault("TFLM_BOARD_QEMU", List.of());
        if (qemu.isEmpty()) {
            throw new UsageException("validate: --board must be a board QEMU emulates (board.cmake's TFLM_BOARD_QEMU), "
                    + "got " + board);
        }
        dev.tflm.schema.Model schema = dev.tflm.schema.Model.getRootAsModel(ByteBuffer.wrap(modelBytes));
        String resolver = ResolverCommand.source("validate_register_ops", ResolverCommand.kernels(schema),
                modelPath.getFileName().toString());
        Map<String, String> generated = Map.of(
                "validate_data.h", dataHeader(desktop, ResolverCommand.kernels(schema).size()),
                "validate_inputs.c", CArray.source("validate_inputs", desktop.cases().concatenated(), "tflm validate"),
                "validate_ops.c", resolver);
        progress.println("validate: writing the firmware project to " + dir + " (arena " + arena + " bytes)");
        new ProjectCommand(progress, "make", "validate", dir, board, modelPath, null)
                .write(new MakeTarget(), arena, generated);

        progress.println("validate: building it for " + board + " (make, arm-none-eabi-gcc)");
        Tools.Result build = Tools.execute(List.of("make", "-s", "BOARD=" + board), dir);
        if (build.status() != 0) {
            throw new IllegalStateException(buildFailure(build, arena, desktop.cases().concatenated().length));
        }
        Path elf = dir.resolve("validate.elf");
        FirmwareSize size = FirmwareSize.of(elf, tree.root.resolve("board-ports").resolve(board).resolve("memory.ld"),
                arena);

        progress.println("validate: running " + desktop.cases().cases().size() + " cases on " + board
                + " in qemu-system-arm (-icount shift=0: one instruction per ns)");
        List<String> command = new ArrayList<>(List.of("qemu-system-arm"));
        command.addAll(qemu);
        command.addAll(List.of("-display", "none", "-monitor", "none", "-serial", "null", "-chardev",
                "stdio,id=semihosting", "-semihosting-config", "enable=on,target=native,chardev=semihosting",
                "-icount", "shift=0", "-kernel", elf.toString()));
        Tools.Result run = Tools.execute(command, dir);
        BoardRun boardRun = BoardRun.parse(run.output(), board);
        long hz = Long.parseLong(String.join("", boardData.getOrDefault("TFLM_BOARD_CPU_HZ", List.of("0"))));
        String cpu = String.join("", boardData.getOrDefault("TFLM_BOARD_CPU", List.of()));
        return new ValidationReport(modelPath, board, cpu, hz, kernels, desktop, boardRun, size);
    }

    /** Why the firmware did not build: for a model too big for the board, each region and the bytes missing. */
    private String buildFailure(Tools.Result build, long arena, int inputBytes) {
        List<String> missing = new ArrayList<>();
        Matcher m = OVERFLOW.matcher(build.output());
        while (m.find()) {
            String region = m.group(1);
            missing.add(String.format(Locale.ROOT, "its %s is short by %,d bytes (%s)", region, Long.parseLong(m.group(2)),
                    region.equals("RAM") ? String.format(Locale.ROOT, "the arena takes %,d", arena)
                            : String.format(Locale.ROOT, "code, the model and %,d bytes of validation inputs",
                                    inputBytes)));
        }
        if (!missing.isEmpty()) {
            return "validate: " + modelPath.getFileName() + " does not fit " + board + ": " + String.join("; ", missing);
        }
        return "validate: the firmware did not build for " + board + ":\n" + build.tail();
    }

    /** validate_data.h: the counts main.c is compiled with, and the arrays' declarations. */
    private String dataHeader(DesktopRun desktop, int kernelCount) {
        return "/* Generated by `tflm validate`: do not edit. */\n"
                + "#ifndef VALIDATE_DATA_H\n#define VALIDATE_DATA_H\n"
                + "#include <stdint.h>\n#include \"tflm/ops.h\"\n#include \"tflm/tflm.h\"\n\n"
                + "#define VALIDATE_CASE_COUNT " + desktop.cases().cases().size() + "u\n"
                + "#define VALIDATE_CASE_BYTES " + desktop.cases().caseBytes() + "u\n"
                + "#define VALIDATE_OPERATOR_COUNT " + desktop.operatorCount() + "u\n"
                + "#define VALIDATE_KERNEL_COUNT " + kernelCount + "\n"
                + "#define VALIDATE_KERNELS " + (kernels == KernelSet.REFERENCE ? "TFLM_KERNELS_REFERENCE"
                        : "TFLM_KERNELS_OPTIMIZED") + "\n\n"
                + "extern const uint8_t validate_inputs[];\n"
                + "tflm_status validate_register_ops(tflm_op_resolver *resolver,\n"
                + "                                  const tflm_kernel *storage[VALIDATE_KERNEL_COUNT]);\n"
                + "#endif\n";
    }

    /** The model run through the Java API on every case: outputs and invoke times. */
    record DesktopRun(ValidationCases cases, List<List<byte[]>> outputs, List<String> outputNames,
            List<Integer> outputElementBytes, long[] invokeNanos, int operatorCount, String isa) {

        static DesktopRun of(Model model, KernelSet kernels, Path inputDir, int count) throws IOException {
            try (Interpreter interpreter = new Interpreter(model, Interpreter.Options.builder().kernels(kernels).build())) {
                List<Tensor> inputs = new ArrayList<>();
                for (int i = 0; i < interpreter.inputCount(); i++) {
                    inputs.add(interpreter.input(i));
                }
                ValidationCases cases = inputDir != null ? ValidationCases.fromDirectory(inputDir, inputs)
                        : ValidationCases.random(inputs, count, SEED);
                // One invoke first, so that the times leave out what the first invoke does once
                // (the x86 kernels pack their weights then); the state it leaves is reset.
                fill(inputs, cases.cases().getFirst());
                interpreter.invoke();
                interpreter.resetState();
                List<List<byte[]>> outputs = new ArrayList<>();
                long[] nanos = new long[cases.cases().size()];
                for (int c = 0; c < nanos.length; c++) {
                    fill(inputs, cases.cases().get(c));
                    long start = System.nanoTime();
                    interpreter.invoke();
                    nanos[c] = System.nanoTime() - start;
                    List<byte[]> caseOutputs = new ArrayList<>();
                    for (int o = 0; o < interpreter.outputCount(); o++) {
                        caseOutputs.add(interpreter.output(o).toByteArray());
                    }
                    outputs.add(caseOutputs);
                }
                List<String> names = new ArrayList<>();
                List<Integer> elementBytes = new ArrayList<>();
                for (int o = 0; o < interpreter.outputCount(); o++) {
                    Tensor output = interpreter.output(o);
                    names.add(output.name());
                    elementBytes.add(output.elementCount() == 0 ? 1
                            : (int) Math.max(1, output.byteSize() / output.elementCount()));
                }
                return new DesktopRun(cases, outputs, names, elementBytes, nanos, interpreter.operatorCount(),
                        interpreter.isa().label());
            }
        }

        /** Copies one case's bytes into the inputs, in order. */
        private static void fill(List<Tensor> inputs, byte[] bytes) {
            int at = 0;
            for (Tensor input : inputs) {
                int n = (int) input.byteSize();
                input.copyFrom(Arrays.copyOfRange(bytes, at, at + n));
                at += n;
            }
        }
    }
}
