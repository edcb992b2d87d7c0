package dev.tflm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflm.KernelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@code tflm validate}: outputs compared byte for byte, and the board's memory
 * and instructions, as text, JSON and HTML ({@link ValidationHtml}).
 */
final class ValidationReport {
    /** Mismatches listed in full; the count says how many more there are. */
    private static final int LISTED_MISMATCHES = 10;

    /** An output of a case whose bytes differ: the first differing element and how many differ. */
    record Mismatch(int caseIndex, int output, String name, long element, String desktop, String board,
            long differing, long elements) {
        String describe() {
            return String.format(Locale.ROOT, "case %d, output %d (%s): element %d differs (desktop %s, board %s); "
                    + "%d of %d elements differ", caseIndex, output, name, element, desktop, board, differing, elements);
        }
    }

    /** An operator's board instructions per inference (mean over the cases) and share of the total. */
    record OperatorLine(int index, String name, long instructions, double share) {
    }

    final Path model;
    final String board;
    final String cpu;
    final long hz;
    final KernelSet kernels;
    final ValidateCommand.DesktopRun desktop;
    final BoardRun boardRun;
    final FirmwareSize size;
    final List<Mismatch> mismatches;
    final List<OperatorLine> operators;

    ValidationReport(Path model, String board, String cpu, long hz, KernelSet kernels,
            ValidateCommand.DesktopRun desktop, BoardRun boardRun, FirmwareSize size) {
        this.model = model;
        this.board = board;
        this.cpu = cpu;
        this.hz = hz;
        this.kernels = kernels;
        this.desktop = desktop;
        this.boardRun = boardRun;
        this.size = size;
        this.mismatches = compare(desktop, boardRun);
        this.operators = operatorLines(boardRun, desktop.cases().cases().size());
    }

    boolean matches() {
        return mismatches.isEmpty();
    }

    int cases() {
        return desktop.cases().cases().size();
    }

    /** Board instructions per inference over the cases: median, min, max. */
    long[] boardInstructions() {
        long[] sorted = boardRun.invokeNs().stream().mapToLong(Long::longValue).sorted().toArray();
        return new long[] {sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]};
    }

    /** Microseconds per inference at the board's clock, one instruction per cycle. */
    double boardMicrosAtClock() {
        return hz > 0 ? boardInstructions()[0] * 1e6 / hz : Double.NaN;
    }

    TimeStats desktopTime() {
        return TimeStats.ofNanos(desktop.invokeNanos());
    }

    private static List<Mismatch> compare(ValidateCommand.DesktopRun desktop, BoardRun board) {
        List<Mismatch> found = new ArrayList<>();
        int cases = desktop.outputs().size();
        if (board.outputs().size() != cases) {
            throw new IllegalStateException("validate: the board printed " + board.outputs().size() + " cases, the "
                    + "desktop ran " + cases);
        }
        for (int c = 0; c < cases; c++) {
            List<byte[]> want = desktop.outputs().get(c);
            List<byte[]> got = board.outputs().get(c);
            if (got.size() != want.size()) {
                throw new IllegalStateException("validate: case " + c + ": the board printed " + got.size()
                        + " outputs, the model has " + want.size());
            }
            for (int o = 0; o < want.size(); o++) {
                int width = desktop.outputElementBytes().get(o);
                Mismatch m = firstDifference(c, o, desktop.outputNames().get(o), width, want.get(o), got.get(o));
                if (m != null) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private static Mismatch firstDifference(int c, int o, String name, int width, byte[] want, byte[] got) {
        if (Arrays.equals(want, got)) {
            return null;
        }
        long elements = Math.max(want.length, got.length) / width;
        long first = -1;
        long differing = 0;
        for (long e = 0; e < elements; e++) {
            if (!Arrays.equals(want, (int) (e * width), (int) Math.min(want.length, (e + 1) * width), got,
                    (int) Math.min(got.length, e * width), (int) Math.min(got.length, (e + 1) * width))) {
                first = first < 0 ? e : first;
                differing++;
            }
        }
        return new Mismatch(c, o, name, first, element(want, first, width), element(got, first, width), differing,
                elements);
    }

    /** An element's bytes as little-endian hex, "-" past the end. */
    private static String element(byte[] bytes, long e, int width) {
        int at = (int) (e * width);
        if (at + width > bytes.length) {
            return "-";
        }
        byte[] value = new byte[width];
        for (int i = 0; i < width; i++) {
            value[i] = bytes[at + width - 1 - i];
        }
        return "0x" + HexFormat.of().formatHex(value);
    }

    private static List<OperatorLine> operatorLines(BoardRun run, int cases) {
        long total = run.operators().stream().mapToLong(BoardRun.OperatorTime::ns).sum();
        List<OperatorLine> lines = new ArrayList<>();
        for (int i = 0; i < run.operators().size(); i++) {
            BoardRun.OperatorTime op = run.operators().get(i);
            lines.add(new OperatorLine(i, op.name(), op.ns() / cases, total > 0 ? (double) op.ns() / total : 0));
        }
        return lines;
    }

    String text() {
        StringBuilder s = new StringBuilder();
        long[] instructions = boardInstructions();
        TimeStats desktopTime = desktopTime();
        s.append(String.format(Locale.ROOT, "validate   %s on %s (%s, %d MHz), %s kernels%n", model.getFileName(),
                board, cpu, hz / 1_000_000, kernels.name().toLowerCase(Locale.ROOT)));
        s.append(String.format(Locale.ROOT, "inputs     %s%n", desktop.cases().origin()));
        if (matches()) {
            s.append(String.format(Locale.ROOT, "outputs    match: %d cases x %d outputs, every byte equal%n", cases(),
                    desktop.outputNames().size()));
        } else {
            s.append(String.format(Locale.ROOT, "outputs    MISMATCH in %d of %d case outputs%n", mismatches.size(),
                    cases() * desktop.outputNames().size()));
            for (Mismatch m : mismatches.subList(0, Math.min(LISTED_MISMATCHES, mismatches.size()))) {
                s.append("           ").append(m.describe()).append('\n');
            }
            if (mismatches.size() > LISTED_MISMATCHES) {
                s.append(String.format(Locale.ROOT, "           ... and %d more%n", mismatches.size() - LISTED_MISMATCHES));
            }
        }
        s.append(String.format(Locale.ROOT, "arena      %,d bytes used (the firmware's arena array: %,d)%n",
                boardRun.arenaUsed(), boardRun.arenaSize()));
        s.append(String.format(Locale.ROOT, "flash      %,d of %,d bytes (%s): code %,d, model %,d, constant data %,d, "
                + "validation inputs %,d%n", size.flash(), size.flashCapacity(),
                FirmwareSize.share(size.flash(), size.flashCapacity()), size.code(), size.model(), size.constants(),
                size.inputs()));
        s.append(String.format(Locale.ROOT, "ram        %,d of %,d bytes (%s): arena array %,d, stack %,d, other data %,d%n",
                size.ram(), size.ramCapacity(), FirmwareSize.share(size.ram(), size.ramCapacity()), size.arena(),
                size.stack(), size.ram() - size.arena() - size.stack()));
        s.append(String.format(Locale.ROOT, "board      %,d instructions per inference (median of %d; min %,d, max %,d)%n",
                instructions[0], cases(), instructions[1], instructions[2]));
        s.append(String.format(Locale.ROOT, "           %,.1f µs at %d MHz if every instruction took one cycle: a lower "
                + "bound, real cores spend more on loads, branches and flash wait states%n", boardMicrosAtClock(),
                hz / 1_000_000));
        s.append(String.format(Locale.ROOT, "desktop    %.1f µs per inference (median of %d, isa %s)%n",
                desktopTime.medianUs(), cases(), desktop.isa()));
        s.append("operators  board instructions per inference\n");
        for (OperatorLine op : operators) {
            s.append(String.format(Locale.ROOT, "  %4d  %-26s %,14d  %5.1f%%%n", op.index(), op.name(), op.instructions(),
                    100 * op.share()));
        }
        return s.toString();
    }

    ObjectNode json() {
        ObjectNode json = Json.object();
        long[] instructions = boardInstructions();
        json.put("model", model.toString()).put("board", board).put("cpu", cpu).put("cpu_hz", hz)
                .put("kernels", kernels.name().toLowerCase(Locale.ROOT)).put("cases", cases())
                .put("inputs", desktop.cases().origin()).put("match", matches());
        ArrayNode list = json.putArray("mismatches");
        for (Mismatch m : mismatches) {
            list.addObject().put("case", m.caseIndex()).put("output", m.output()).put("name", m.name())
                    .put("element", m.element()).put("desktop", m.desktop()).put("board", m.board())
                    .put("differing_elements", m.differing()).put("elements", m.elements());
        }
        json.putObject("arena").put("used", boardRun.arenaUsed()).put("array", boardRun.arenaSize());
        json.putObject("flash").put("total", size.flash()).put("capacity", size.flashCapacity())
                .put("code", size.code()).put("model", size.model()).put("constant_data", size.constants())
                .put("validation_inputs", size.inputs());
        json.putObject("ram").put("total", size.ram()).put("capacity", size.ramCapacity())
                .put("arena_array", size.arena()).put("stack", size.stack())
                .put("other_data", size.ram() - size.arena() - size.stack());
        ObjectNode boardNode = json.putObject("board_instructions");
        boardNode.put("median", instructions[0]).put("min", instructions[1]).put("max", instructions[2])
                .set("per_case", Json.array(boardRun.invokeNs()));
        json.put("board_us_at_clock", boardMicrosAtClock());
        ArrayNode ops = json.putArray("operators");
        for (OperatorLine op : operators) {
            ops.addObject().put("index", op.index()).put("name", op.name())
                    .put("instructions_per_inference", op.instructions()).put("share", op.share());
        }
        TimeStats time = desktopTime();
        json.putObject("desktop").put("median_us", time.medianUs()).put("min_us", time.minUs())
                .put("max_us", time.maxUs()).put("isa", desktop.isa());
        return json;
    }

    String html() {
        return ValidationHtml.of(this);
    }
}
