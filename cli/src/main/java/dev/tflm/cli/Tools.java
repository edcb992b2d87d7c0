package dev.tflm.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The external programs a command runs (make, the Arm toolchain, QEMU). */
final class Tools {
    /** Lines of a failed program's output quoted in the error. */
    private static final int QUOTED_LINES = 12;
    private static final long TIMEOUT_MINUTES = 30;

    private Tools() {
    }

    /** The result of a program: its exit status and its stdout and stderr, merged. */
    record Result(int status, String output) {
        /** The last lines of the output, for an error message. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        }
    }

    /** Runs command in dir (null: the working directory) to its end. */
    static Result execute(List<String> command, Path dir) throws IOException {
        requireOnPath(command.getFirst());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " ran over " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }

    /** Runs command and returns its output; a failure throws with the output's last lines. */
    static String run(List<String> command, Path dir) throws IOException {
        Result result = execute(command, dir);
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.status() + "):\n"
                    + result.tail());
        }
        return result.output();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void requireOnPath(String program) {
        if (!program.contains(File.separator) && !onPath(program)) {
            throw new IllegalStateException(program + " is not installed (not on PATH); validate needs make, "
                    + "arm-none-eabi-gcc (gcc-arm-none-eabi, libnewlib-arm-none-eabi) and qemu-system-arm "
                    + "(qemu-system-arm)");
        }
    }
}
