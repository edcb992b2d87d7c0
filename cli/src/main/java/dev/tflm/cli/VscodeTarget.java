package dev.tflm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --target vscode}: the portable folder of {@code --target make} (sources and Makefile)
 * plus {@code .vscode/}: tasks that call the Makefile, launch configurations that debug the
 * host program with gdb and the firmware in QEMU through its gdb server, and IntelliSense's
 * include paths and definitions, the Makefile's.
 */
final class VscodeTarget implements ProjectTarget {

    /** The port of QEMU's gdb server ({@code -s} listens there). */
    private static final int GDB_PORT = 1234;

    /** What the gdb server task prints when QEMU starts. */
    private static final String SERVER_STARTED = "qemu: gdb server on port " + GDB_PORT;

    @Override
    public void write(Path staged, Path dir, ProjectFiles p) throws IOException {
        new MakeTarget().write(staged, dir, p);
        Path vscode = dir.resolve(".vscode");
        Files.createDirectories(vscode);
        List<String> qemu = p.boardData().getOrDefault("TFLM_BOARD_QEMU", List.of());
        Files.writeString(vscode.resolve("tasks.json"), Json.pretty(tasks(p, qemu)));
        Files.writeString(vscode.resolve("launch.json"), Json.pretty(launch(p, qemu)));
        Files.writeString(vscode.resolve("c_cpp_properties.json"), Json.pretty(properties(p)));
        Files.writeString(dir.resolve("README.md"), readme(p, !qemu.isEmpty()));
    }

    private static ObjectNode tasks(ProjectFiles p, List<String> qemu) {
        ArrayNode tasks = Json.object().arrayNode();
        tasks.add(makeTask("build host", List.of(), true));
        tasks.add(makeTask("build " + p.board(), List.of("BOARD=" + p.board()), false));
        tasks.add(makeTask("run host", List.of("run"), false));
        tasks.add(makeTask("run " + p.board(), List.of("BOARD=" + p.board(), "run"), false));
        if (!qemu.isEmpty()) {
            // QEMU halted at reset with its gdb server on GDB_PORT (-s -S), for cppdbg to attach.
            // A background task: QEMU prints nothing, so the task says it has started (the
            // background pattern VS Code waits for before it starts the debugger).
            List<String> command = new ArrayList<>(List.of("echo", "'" + SERVER_STARTED + "'", "&&",
                    "qemu-system-arm"));
            command.addAll(qemu);
            command.addAll(List.of("-display", "none", "-monitor", "none", "-serial", "null", "-semihosting-config",
                    "enable=on,target=native", "-s", "-S", "-kernel", p.name() + ".elf"));
            ObjectNode gdbServer = Json.object().put("label", "qemu gdb server").put("type", "shell")
                    .put("command", String.join(" ", command)).put("isBackground", true)
                    .put("dependsOn", "build " + p.board());
            ObjectNode matcher = gdbServer.putObject("problemMatcher");
            matcher.put("owner", "qemu").set("pattern", Json.object().put("regexp", "^(" + SERVER_STARTED + ")$"));
            matcher.putObject("background").put("activeBegin", true).put("beginsPattern", SERVER_STARTED)
                    .put("endsPattern", SERVER_STARTED);
            tasks.add(gdbServer);
        }
        return Json.object().put("version", "2.0.0").set("tasks", tasks);
    }

    private static ObjectNode makeTask(String label, List<String> args, boolean isDefault) {
        ObjectNode task = Json.object().put("label", label).put("type", "shell").put("command", "make");
        task.set("args", Json.strings(args));
        ObjectNode group = task.putObject("group").put("kind", label.startsWith("build") ? "build" : "test");
        if (isDefault) {
            group.put("isDefault", true);
        }
        task.set("problemMatcher", Json.strings(List.of("$gcc")));
        return task;
    }

    private static ObjectNode launch(ProjectFiles p, List<String> qemu) {
        ArrayNode configurations = Json.object().arrayNode();
        configurations.add(Json.object().put("name", "host: " + p.name()).put("type", "cppdbg")
                .put("request", "launch").put("program", "${workspaceFolder}/" + p.name())
                .put("cwd", "${workspaceFolder}").put("MIMode", "gdb").put("preLaunchTask", "build host"));
        if (!qemu.isEmpty()) {
            String elf = "${workspaceFolder}/" + p.name() + ".elf";
            // Cortex-Debug starts QEMU itself (servertype qemu) with the board's machine.
            ObjectNode cortexDebug = Json.object().put("name", p.board() + " in QEMU (Cortex-Debug)")
                    .put("type", "cortex-debug").put("request", "launch").put("servertype", "qemu")
                    .put("cwd", "${workspaceFolder}").put("executable", elf).put("cpu", p.cpu().replace("cortex-m4f", "cortex-m4"))
                    .put("machine", machine(qemu)).put("gdbPath", "gdb-multiarch").put("runToEntryPoint", "main")
                    .put("preLaunchTask", "build " + p.board());
            cortexDebug.set("serverArgs", Json.strings(List.of("-semihosting-config", "enable=on,target=native")));
            configurations.add(cortexDebug);
            // Microsoft's C/C++ extension attaches to the QEMU the "qemu gdb server" task starts.
            configurations.add(Json.object().put("name", p.board() + " in QEMU (cppdbg)").put("type", "cppdbg")
                    .put("request", "launch").put("program", elf).put("cwd", "${workspaceFolder}")
                    .put("MIMode", "gdb").put("miDebuggerPath", "gdb-multiarch")
                    .put("miDebuggerServerAddress", "localhost:" + GDB_PORT).put("stopAtEntry", true)
                    .put("preLaunchTask", "qemu gdb server"));
        }
        return Json.object().put("version", "0.2.0").set("configurations", configurations);
    }

    private static String machine(List<String> qemu) {
        int at = qemu.indexOf("-machine");
        return at >= 0 && at + 1 < qemu.size() ? qemu.get(at + 1) : "";
    }

    /** IntelliSense sees what the Makefile compiles: its include paths and definitions, per board. */
    private static ObjectNode properties(ProjectFiles p) {
        List<String> includes = p.includeDirs().stream().map(i -> "${workspaceFolder}/" + i).toList();
        ArrayNode configurations = Json.object().arrayNode();
        List<String> hostDefines = new ArrayList<>(p.defines());
        hostDefines.add("FW_ARENA_BYTES=1048576");
        configurations.add(configuration("host", includes, hostDefines, "cc", List.of()));
        configurations.add(configuration(p.board(), includes, p.firmwareDefines(), "arm-none-eabi-gcc", p.cpuFlags()));
        return Json.object().put("version", 4).set("configurations", configurations);
    }

    private static ObjectNode configuration(String name, List<String> includes, List<String> defines, String compiler,
            List<String> compilerArgs) {
        ObjectNode configuration = Json.object().put("name", name);
        configuration.set("includePath", Json.strings(includes));
        configuration.set("defines", Json.strings(defines));
        configuration.put("compilerPath", compiler);
        configuration.set("compilerArgs", Json.strings(compilerArgs));
        return configuration.put("cStandard", "c11").put("intelliSenseMode", compiler.equals("cc") ? "linux-gcc-x64"
                : "linux-gcc-arm");
    }

    private static String readme(ProjectFiles p, boolean qemu) {
        return """
                # %1$s for VS Code

                Generated by `tflm project --target vscode --example %1$s`: the sources of one
                program, a Makefile for the host and %2$s (`make`, `make BOARD=%2$s`), and
                `.vscode/`. Open this folder in VS Code (*File > Open Folder*).

                - **Build**: *Terminal > Run Build Task* (`build host`, or `build %2$s` with
                  arm-none-eabi-gcc). *Run Task* has `run host` and `run %2$s`%3$s.
                - **Debug**: *Run and Debug* has `host: %1$s` (C/C++ extension, gdb)%4$s.
                - **IntelliSense**: pick the `host` or `%2$s` configuration (*C/C++: Select a
                  Configuration*); both have the Makefile's include paths and definitions.
                """.formatted(p.name(), p.board(), qemu ? " (in qemu-system-arm)" : "",
                qemu ? ", and the firmware in QEMU through its gdb server: `" + p.board() + " in QEMU (Cortex-Debug)`"
                        + " (the Cortex-Debug extension starts QEMU) or `" + p.board() + " in QEMU (cppdbg)` (the"
                        + " `qemu gdb server` task starts it halted; gdb-multiarch attaches to port " + GDB_PORT + ")"
                        : "");
    }
}
