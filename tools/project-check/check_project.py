#!/usr/bin/env python3
"""Reads back a project `tflm project --target TARGET --board BOARD` wrote, builds exactly what
its project files list, and runs it in QEMU against the host.

    tools/project-check/check_project.py TARGET DIR --board BOARD

The IDEs and build systems of these targets (Keil, Mbed, PlatformIO, Zephyr, VS Code) do not
run here, so this is their stand-in: it parses the target's own project files (JSON, XML, ini,
CMake) for the source list, include directories and definitions, compiles that list with
arm-none-eabi-gcc for a QEMU board of BOARD's core (board-ports/*/board.cmake) and with cc for
the host, runs both, and requires the same output (every line not starting with '#', as
cmake/scripts/run_firmware.cmake compares). A project that lists a wrong file, misses one, or
misses a definition fails here: it does not compile, link or print the host's lines.

The project's board glue (its files under a folder named `board`: start-up code, debug log and
timer of BOARD, or the framework's) is replaced by the QEMU board's from this checkout, since
QEMU does not emulate BOARD; the glue that needs no framework is still compiled for BOARD's core.
"""
import argparse
import configparser
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

TREE = Path(__file__).resolve().parents[2]
HOST_ARENA = 1048576


class ProjectError(Exception):
    """The project is wrong: its files cannot be read back, or what they list does not build or run."""


class Project:
    """What a project's files say: sources, include directories, definitions (paths relative to its folder)."""

    def __init__(self, sources, includes, defines, framework_glue=()):
        self.sources = list(sources)
        self.includes = list(includes)
        self.defines = list(defines)
        # Glue that compiles only inside the target's framework (Zephyr, Mbed): not compiled here.
        self.framework_glue = set(framework_glue)

    def glue(self):
        return [s for s in self.sources if "board" in Path(s).parts[:-1]]

    def portable(self):
        glue = set(self.glue())
        return [s for s in self.sources if s not in glue]


# ---- CMake board data ---------------------------------------------------------------------

def cmake_sets(path):
    """Every set(NAME values...) at the start of a line of a CMake file, comments dropped."""
    text = re.sub(r"#.*", "", Path(path).read_text())
    return {m.group(1): m.group(2).split() for m in re.finditer(r"(?m)^set\((\w+)([^)]*)\)", text)}


def board_data(name):
    path = TREE / "board-ports" / name / "board.cmake"
    if not path.is_file():
        raise SystemExit(f"check_project: no board {name} ({path})")
    return cmake_sets(path)


def cpu_flags(cpu):
    return cmake_sets(TREE / "cmake" / "toolchains" / f"{cpu}.cmake")["TFLM_ARM_CPU_FLAGS"]


def qemu_board(cpu):
    """A board QEMU emulates with this core, the first by name."""
    for board_cmake in sorted((TREE / "board-ports").glob("*/board.cmake")):
        data = cmake_sets(board_cmake)
        if data.get("TFLM_BOARD_CPU") == [cpu] and data.get("TFLM_BOARD_QEMU"):
            return board_cmake.parent.name, data
    raise SystemExit(f"check_project: no QEMU board with a {cpu} core in board-ports/")


# ---- Readers: one per target ----------------------------------------------------------------

def strip_workspace(path):
    return path.replace("${workspaceFolder}/", "")


def read_vscode(dir, board):
    """The build task of BOARD in .vscode/tasks.json, dry-run (make -n) for its compile command;
    .vscode/c_cpp_properties.json must give IntelliSense that command's includes and defines,
    and launch.json must debug the file it writes."""
    tasks = json.loads((dir / ".vscode/tasks.json").read_text())["tasks"]
    build = [t for t in tasks if t.get("group", {}).get("kind") == "build" and f"BOARD={board}" in t.get("args", [])]
    if len(build) != 1:
        raise ProjectError(f"tasks.json: want one build task with BOARD={board}, found {len(build)}")
    dry_run = run([build[0]["command"], "-n", *build[0]["args"]], cwd=dir)
    compile_lines = [line for line in dry_run.splitlines() if " -o " in line and "gcc" in line]
    if len(compile_lines) != 1:
        raise ProjectError(f"the build task's make -n gives {len(compile_lines)} compile commands:\n{dry_run}")
    words = shlex.split(compile_lines[0])
    project = Project([w for w in words if w.endswith(".c")], *compiler_flags(words))
    program = words[words.index("-o") + 1]
    configs = json.loads((dir / ".vscode/c_cpp_properties.json").read_text())["configurations"]
    config = next((c for c in configs if c["name"] == board), None)
    if config is None:
        raise ProjectError(f"c_cpp_properties.json has no configuration {board}")
    if [strip_workspace(i) for i in config["includePath"]] != project.includes:
        raise ProjectError(f"c_cpp_properties.json includePath {config['includePath']} is not the build's "
                           f"{project.includes}")
    if sorted(config["defines"]) != sorted(project.defines):
        raise ProjectError(f"c_cpp_properties.json defines {config['defines']} are not the build's {project.defines}")
    launch = json.loads((dir / ".vscode/launch.json").read_text())["configurations"]
    debugged = {strip_workspace(c.get("executable", c.get("program", ""))) for c in launch}
    if program not in debugged:
        raise ProjectError(f"launch.json debugs {sorted(debugged)}, not the build's {program}")
    return project


def compiler_flags(words):
    """The include directories and definitions among compiler flags."""
    return [w[2:] for w in words if w.startswith("-I")], [w[2:] for w in words if w.startswith("-D")]


def read_platformio(dir, board):
    """platformio.ini's default environment: its build_src_filter applied to src_dir (as
    PlatformIO does: the +<glob>/-<glob> in order), include_dir plus build_flags' -I, and
    build_flags' -D; its linker script must be there."""
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(dir / "platformio.ini")
    envs = ini.get("platformio", "default_envs", fallback="").split()
    if len(envs) != 1 or not ini.has_section(f"env:{envs[0]}"):
        raise ProjectError(f"platformio.ini: want one default env with its [env:NAME] section, found {envs}")
    env = ini[f"env:{envs[0]}"]
    src_dir = ini.get("platformio", "src_dir", fallback="src")
    include_dir = ini.get("platformio", "include_dir", fallback="include")
    files = sorted(str(f.relative_to(dir / src_dir)) for f in (dir / src_dir).rglob("*") if f.is_file())
    selected = set(files)  # PlatformIO's default filter: +<*>
    for sign, pattern in re.findall(r"([+-])<([^>]*)>", env.get("build_src_filter", "+<*>")):
        if pattern.endswith("/"):
            pattern += "*"
        matched = {f for f in files if fnmatch.fnmatch(f, pattern)}
        selected = selected | matched if sign == "+" else selected - matched
    sources = [f"{src_dir}/{f}" for f in files if f in selected and f.endswith((".c", ".cpp", ".S"))]
    includes, defines = compiler_flags(shlex.split(env.get("build_flags", "")))
    ldscript = env.get("board_build.ldscript")
    if ldscript is None or not (dir / ldscript).is_file():
        raise ProjectError(f"platformio.ini: board_build.ldscript {ldscript} is not a file of the project")
    return Project(sources, [include_dir, *includes], defines)


def cmake_commands(path):
    """The commands of a CMake file as (name, arguments), comments dropped; bracket arguments
    ([=[...]=]) are one argument."""
    text = re.sub(r"(?m)#.*$", "", path.read_text())
    commands = []
    for name, args in re.findall(r"(\w+)\s*\(((?:[^()]|\[=\[.*?\]=\])*)\)", text, re.S):
        words = re.findall(r"\[=\[(.*?)\]=\]|(\S+)", args, re.S)
        commands.append((name, [bracket or word for bracket, word in words]))
    return commands


def cmake_lists(path, prefix, wanted):
    """The arguments of the commands named in WANTED (keywords dropped), paths under PREFIX."""
    values = {name: [] for name in wanted.values()}
    for name, args in cmake_commands(path):
        if name in wanted:
            args = [a for a in args if a not in ("app", "PRIVATE", "PUBLIC", "INTERFACE")]
            if wanted[name] != "defines":
                args = [f"{prefix}/{a.replace('${CMAKE_CURRENT_SOURCE_DIR}/', '')}" for a in args]
            values[wanted[name]] += args
    return values


def read_zephyr(dir, board):
    """The module (tflm/: zephyr/module.yml, its CMakeLists.txt's zephyr_library_sources,
    zephyr_include_directories and zephyr_library_compile_definitions, guarded by a Kconfig
    symbol prj.conf must set) and the sample (app/CMakeLists.txt's target_sources,
    target_include_directories and target_compile_definitions). The sample's board glue
    (printk) compiles only inside Zephyr."""
    module_yml = (dir / "tflm/zephyr/module.yml").read_text()
    cmake_dir = re.search(r"(?m)^\s+cmake:\s*(\S+)", module_yml)
    kconfig = re.search(r"(?m)^\s+kconfig:\s*(\S+)", module_yml)
    if not cmake_dir or not kconfig:
        raise ProjectError("tflm/zephyr/module.yml names no build cmake folder or kconfig file")
    module = (dir / "tflm" / cmake_dir.group(1)).resolve()
    symbols = re.findall(r"(?m)^config\s+(\w+)", (dir / "tflm" / kconfig.group(1)).read_text())
    guards = re.findall(r"if\s*\(\s*CONFIG_(\w+)\s*\)", (module / "CMakeLists.txt").read_text())
    conf = (dir / "app/prj.conf").read_text()
    for guard in guards:
        if guard not in symbols or not re.search(rf"(?m)^CONFIG_{guard}=y$", conf):
            raise ProjectError(f"the module builds if CONFIG_{guard}: Kconfig must define it and prj.conf set it")
    lib = cmake_lists(module / "CMakeLists.txt", module.relative_to(dir.resolve()),
                      {"zephyr_library_sources": "sources", "zephyr_include_directories": "includes",
                       "zephyr_library_compile_definitions": "defines"})
    app = cmake_lists(dir / "app/CMakeLists.txt", "app",
                      {"target_sources": "sources", "target_include_directories": "includes",
                       "target_compile_definitions": "defines"})
    glue = [s for s in app["sources"] if "board" in Path(s).parts[:-1]]
    return Project(lib["sources"] + app["sources"], lib["includes"] + app["includes"],
                   lib["defines"] + app["defines"], framework_glue=glue)


def keil_path(path):
    """A µVision path (.\\dir\\file.c) relative to the project's folder (dir/file.c)."""
    path = path.replace("\\", "/")
    return path[2:] if path.startswith("./") else path


def read_keil(dir, board):
    """The .uvprojx's one target: its Groups' FilePath, its C compiler's IncludePath (';') and
    Define (','), its device and pack (TargetCommonOption) and, unless it takes the memory
    layout from the target dialog, a scatter file of the project. The pack's start-up code
    (RTE Device:Startup) is not among the files: nothing of it to compile here."""
    projects = sorted(dir.glob("*.uvprojx"))
    if len(projects) != 1:
        raise ProjectError(f"want one .uvprojx, found {[p.name for p in projects]}")
    targets = ElementTree.parse(projects[0]).getroot().findall("Targets/Target")
    if len(targets) != 1:
        raise ProjectError(f"{projects[0].name}: want one target, found {len(targets)}")
    target = targets[0]
    common = target.find("TargetOption/TargetCommonOption")
    for field in ("Device", "Vendor", "PackID", "Cpu"):
        if not (common.findtext(field) or "").strip():
            raise ProjectError(f"{projects[0].name}: TargetCommonOption names no {field}")
    if target.findtext("uAC6") != "1":
        raise ProjectError(f"{projects[0].name}: the target does not build with Arm Compiler 6 (uAC6)")
    ads = target.find("TargetOption/TargetArmAds")
    if ads.findtext("LDads/umfTarg") != "1":
        scatter = keil_path(ads.findtext("LDads/ScatterFile") or "")
        if not scatter or not (dir / scatter).is_file():
            raise ProjectError(f"{projects[0].name}: the scatter file '{scatter}' is not a file of the project")
    controls = ads.find("Cads/VariousControls")
    sources = [keil_path(f.findtext("FilePath")) for f in target.findall("Groups/Group/Files/File")]
    includes = [keil_path(i) for i in (controls.findtext("IncludePath") or "").split(";") if i]
    defines = [d for d in (controls.findtext("Define") or "").split(",") if d]
    return Project(sources, includes, defines)


def read_mbed(dir, board):
    """CMakeLists.txt's add_executable and target_sources, target_include_directories and
    target_compile_definitions of the application; its MBED_TARGET must have its section
    in mbed_app.json's target_overrides. The board glue under board/mbed/ (Mbed's console,
    ticker and exit) compiles only inside Mbed."""
    values = {"sources": [], "includes": [], "defines": []}
    wanted = {"add_executable": "sources", "target_sources": "sources",
              "target_include_directories": "includes", "target_compile_definitions": "defines"}
    mbed_target = None
    for name, args in cmake_commands(dir / "CMakeLists.txt"):
        if name == "set" and args[:1] == ["MBED_TARGET"] and len(args) > 1:
            mbed_target = args[1]
        if name in wanted:
            values[wanted[name]] += [a for a in args[1:] if a not in ("PRIVATE", "PUBLIC", "INTERFACE")]
    if mbed_target is None:
        raise ProjectError("CMakeLists.txt sets no MBED_TARGET")
    overrides = json.loads((dir / "mbed_app.json").read_text()).get("target_overrides", {})
    if mbed_target not in overrides:
        raise ProjectError(f"mbed_app.json's target_overrides have no section for {mbed_target}")
    glue = [s for s in values["sources"] if Path(s).parts[:2] == ("board", "mbed")]
    return Project(values["sources"], values["includes"], values["defines"], framework_glue=glue)


READERS = {"vscode": read_vscode, "platformio": read_platformio, "zephyr": read_zephyr, "keil": read_keil,
           "mbed": read_mbed}


# ---- Build and run ----------------------------------------------------------------------------

def run(command, cwd=None, timeout=300):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise ProjectError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def flags(project, dir, defines):
    return [f"-I{dir / i}" for i in project.includes] + [f"-D{d}" for d in defines]


def check(target, dir, board):
    dir = dir.resolve()
    project = READERS[target](dir, board)
    if not project.sources:
        raise ProjectError("the project lists no sources")
    missing = [s for s in project.sources if not (dir / s).is_file()]
    if missing:
        raise ProjectError(f"the project lists files it does not hold: {missing}")
    cpu = board_data(board)["TFLM_BOARD_CPU"][0]
    with tempfile.TemporaryDirectory(prefix="check-project-") as scratch:
        return build_and_run(project, dir, board, cpu, Path(scratch))


def build_and_run(project, dir, board, cpu, out):
    qemu_name, qemu_data = qemu_board(cpu)
    arm = cpu_flags(cpu)
    common = ["-std=c11", "-O2", "-Wall", "-Wextra"]
    # BOARD's own glue compiles for its core.
    for glue in project.glue():
        if glue not in project.framework_glue:
            run(["arm-none-eabi-gcc", *common, *arm, *flags(project, dir, project.defines), "-c", dir / glue,
                 "-o", out / "glue.o"])
    # The firmware: the project's sources, the QEMU board's glue.
    ports = TREE / "board-ports"
    qemu_sources = [(ports / qemu_name / s).resolve() for s in qemu_data.get("TFLM_BOARD_SOURCES", [])]
    firmware = out / "firmware.elf"
    # The QEMU board's timer needs its clock, which a project whose glue is a framework's lacks.
    defines = project.defines
    if not any(d.startswith("TFLM_BOARD_CPU_HZ=") for d in defines):
        defines = [*defines, f"TFLM_BOARD_CPU_HZ={qemu_data['TFLM_BOARD_CPU_HZ'][0]}u"]
    run(["arm-none-eabi-gcc", *common, *arm, "-ffunction-sections", "-fdata-sections",
         *flags(project, dir, defines), *[dir / s for s in project.portable()], *qemu_sources,
         *arm, "-nostartfiles", "--specs=nano.specs", "-Wl,--gc-sections", f"-L{ports / 'common'}",
         f"-T{ports / qemu_name / 'memory.ld'}", "-o", firmware])
    # The host: the same sources and definitions but the Cortex-M variants (kernels/arm/ and
    # their TFLM_VARIANT_ definitions, byte-exact stand-ins for reference kernels), a
    # host-sized arena, the host board.
    host_defines = [d for d in project.defines
                    if not d.startswith(("FW_ARENA_BYTES=", "TFLM_VARIANT_"))] + [f"FW_ARENA_BYTES={HOST_ARENA}"]
    host_sources = [dir / s for s in project.portable() if "kernels/arm/" not in s]
    host = out / "host"
    run(["cc", *common, *flags(project, dir, host_defines), *host_sources, ports / "host/board.c", "-lm",
         "-o", host])
    board_out = run(["qemu-system-arm", *qemu_data["TFLM_BOARD_QEMU"], "-display", "none", "-monitor", "none",
                     "-serial", "null", "-chardev", "stdio,id=semihosting", "-semihosting-config",
                     "enable=on,target=native,chardev=semihosting", "-icount", "shift=0", "-kernel", firmware])
    host_out = run([host])
    strip = lambda text: [line for line in text.splitlines() if not line.startswith("#")]
    if not strip(host_out):
        raise ProjectError(f"the host program printed nothing to compare:\n{host_out}")
    if strip(board_out) != strip(host_out):
        raise ProjectError(f"{qemu_name}'s output differs from the host's.\nhost:\n{host_out}\nboard:\n{board_out}")
    return qemu_name, len(project.sources), len(strip(host_out))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=sorted(READERS))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--board", required=True, help="the board the project was generated for")
    args = parser.parse_args()
    try:
        qemu_name, sources, lines = check(args.target, args.dir, args.board)
    except (ProjectError, OSError, KeyError, ValueError, json.JSONDecodeError, ElementTree.ParseError) as e:
        print(f"check_project: {args.target} project {args.dir}: {e}", file=sys.stderr)
        return 1
    print(f"check_project: {args.target} project for {args.board}: its {sources} sources built and ran "
          f"on {qemu_name} in QEMU, {lines} lines equal to the host's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
