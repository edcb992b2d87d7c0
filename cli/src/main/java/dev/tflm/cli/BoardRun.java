package dev.tflm.cli;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the validate firmware (examples/firmware/validate/main.c) printed: every case's output
 * bytes, each invoke's instructions, the arena, and the instructions of each operator summed
 * over the cases. Instructions are the firmware's nanoseconds under QEMU's -icount shift=0.
 *
 * @param outputs         per case, per output, the output's bytes
 * @param invokeNs        per case, the invoke's nanoseconds (instructions)
 * @param arenaUsed       the arena bytes the interpreter used
 * @param arenaSize       the arena array's bytes
 * @param operators       per operator, its name and nanoseconds summed over the cases
 */
record BoardRun(List<List<byte[]>> outputs, List<Long> invokeNs, long arenaUsed, long arenaSize,
        List<OperatorTime> operators) {

    record OperatorTime(String name, long ns) {
    }

    private static final Pattern CASE = Pattern.compile("case (\\d+)");
    private static final Pattern OUTPUT = Pattern.compile("output (\\d+) \\S+ \\[[^]]*] ?([0-9a-f]*)");
    private static final Pattern INVOKE = Pattern.compile("# invoke (\\d+) \\d+ ticks = (\\d+) ns");
    private static final Pattern ARENA = Pattern.compile("# arena (\\d+) of (\\d+) bytes");
    private static final Pattern OPERATOR = Pattern.compile("# operator (\\d+) (\\S+) \\d+ ticks = (\\d+) ns");
    private static final Pattern DONE = Pattern.compile("# done (\\d+) cases");
    private static final Pattern ERROR = Pattern.compile("error: (.*)");

    /** Parses the firmware's text; an error line, or a run that did not finish, throws. */
    static BoardRun parse(String text, String board) {
        List<List<byte[]>> outputs = new ArrayList<>();
        List<Long> invokes = new ArrayList<>();
        List<OperatorTime> operators = new ArrayList<>();
        long arenaUsed = -1;
        long arenaSize = -1;
        boolean done = false;
        for (String line : text.lines().toList()) {
            Matcher m;
            if ((m = ERROR.matcher(line)).matches()) {
                throw new IllegalStateException("validate: the firmware failed on " + board + ": " + m.group(1));
            } else if ((m = CASE.matcher(line)).matches()) {
                outputs.add(new ArrayList<>());
            } else if ((m = OUTPUT.matcher(line)).matches() && !outputs.isEmpty()) {
                outputs.getLast().add(HexFormat.of().parseHex(m.group(2)));
            } else if ((m = INVOKE.matcher(line)).matches()) {
                invokes.add(Long.parseLong(m.group(2)));
            } else if ((m = ARENA.matcher(line)).matches()) {
                arenaUsed = Long.parseLong(m.group(1));
                arenaSize = Long.parseLong(m.group(2));
            } else if ((m = OPERATOR.matcher(line)).matches()) {
                operators.add(new OperatorTime(m.group(2), Long.parseLong(m.group(3))));
            } else if (DONE.matcher(line).matches()) {
                done = true;
            }
        }
        if (!done) {
            throw new IllegalStateException("validate: the firmware stopped before the end on " + board
                    + "; it printed:\n" + text);
        }
        return new BoardRun(outputs, invokes, arenaUsed, arenaSize, operators);
    }
}
