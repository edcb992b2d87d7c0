package dev.tflm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --target keil}: a µVision 5 project ({@code NAME.uvprojx}) for Arm Compiler 6 and one
 * Cortex-M device of a CMSIS device pack. The pack's start-up code and vector table (RTE
 * components Device:Startup and CMSIS:CORE) replace tflm's GCC start-up and linker script; the
 * rest of the board's glue (debug log, SysTick timer, exit) is in the project, with
 * board-ports/keil/keil_main.c calling board_init and board_exit around main.
 */
final class KeilTarget implements ProjectTarget {

    /**
     * A device of a pack: its name and vendor, the pack ({@code VENDOR.NAME.VERSION}), and its
     * CPUTYPE and features as µVision's Cpu string gives them. {@code cStartup}: the pack's
     * start-up is C (ARM.Cortex_DFP) and takes its initial stack from the scatter file's
     * ARM_LIB_STACK region, which the scatter file µVision generates from the target dialog lacks.
     */
    record Device(String name, String vendor, String packVendor, String packName, String packVersion, String cpu,
            boolean cStartup) {

        String pack() {
            return packVendor + "." + packName + "." + packVersion;
        }
    }

    private static Device cortexDfp(String name, String cpu) {
        return new Device(name, "ARM", "ARM", "Cortex_DFP", "1.1.0", cpu, true);
    }

    /** The devices of the boards whose device packs µVision installs, by board-ports name. */
    static final Map<String, Device> BOARDS = new TreeMap<>(Map.of(
            "mps2-an385", cortexDfp("ARMCM3", "CPUTYPE(\"Cortex-M3\")"),
            "mps2-an386", cortexDfp("ARMCM4", "CPUTYPE(\"Cortex-M4\") FPU2"),
            "mps2-an500", cortexDfp("ARMCM7", "CPUTYPE(\"Cortex-M7\") FPU3(DFPU)"),
            "mps2-an505", cortexDfp("ARMCM33", "CPUTYPE(\"Cortex-M33\") FPU3(SFPU) DSP TZ"),
            "mps3-an547", cortexDfp("ARMCM55", "CPUTYPE(\"Cortex-M55\") FPU3(DFPU) MVE(FP) DSP TZ"),
            "stm32f746g-disco", new Device("STM32F746NGHx", "STMicroelectronics", "Keil", "STM32F7xx_DFP", "2.9.0",
                    "CPUTYPE(\"Cortex-M7\") FPU3(SFPU)", false),
            "bluepill-stm32f103", new Device("STM32F103C8", "STMicroelectronics", "Keil", "STM32F1xx_DFP", "2.4.0",
                    "CPUTYPE(\"Cortex-M3\")", false),
            "microbit", new Device("nRF51822_xxAA", "Nordic Semiconductor", "NordicSemiconductor",
                    "nRF_DeviceFamilyPack", "8.35.0", "CPUTYPE(\"Cortex-M0\")", false)));

    /** The stack of the firmware, as board-ports/common/cortex_m_sections.ld reserves it. */
    static final long STACK_BYTES = 0x2000;

    @Override
    public boolean ownLayout() {
        return true;
    }

    @Override
    public String defaultBoard() {
        return "mps2-an386";
    }

    @Override
    public String builtFor(String board) {
        return "for " + board;
    }

    @Override
    public void write(Path staged, Path dir, ProjectFiles p) throws IOException {
        Device device = BOARDS.get(p.board());
        if (device == null) {
            throw new IllegalArgumentException("project: --target keil knows the boards " + BOARDS.keySet()
                    + ", not " + p.board());
        }
        long[] memory = memory(Files.readString(staged.resolve("board/" + p.board() + "/memory.ld")));
        // The firmware's sources but tflm's GCC start-up, which the pack's replaces.
        List<String> sources = new ArrayList<>(p.firmwareSources().stream()
                .filter(s -> !s.endsWith("/cortex_m_startup.c")).toList());
        Path main = dir.resolve("board/keil/keil_main.c");
        Files.createDirectories(main.getParent());
        Files.copy(SourceTree.locate().root.resolve("board-ports/keil/keil_main.c"), main);
        sources.add("board/keil/keil_main.c");
        ProjectFiles.copyOnly(staged, dir, sources, s -> s);
        // No GCC linker scripts: µVision links with armlink.
        for (String ld : List.of("board/common/cortex_m_sections.ld", "board/" + p.board() + "/memory.ld")) {
            Files.deleteIfExists(dir.resolve(ld));
        }
        String scatter = null;
        if (device.cStartup()) {
            scatter = p.name() + ".sct";
            Files.writeString(dir.resolve(scatter), scatter(p, memory));
        }
        Files.writeString(dir.resolve(p.name() + ".uvprojx"), uvprojx(p, device, memory, sources, scatter));
        Files.writeString(dir.resolve("README.md"), readme(p, device, scatter));
    }

    /** FLASH origin and length, RAM origin and length, from a board's memory.ld. */
    static long[] memory(String ld) {
        long[] memory = new long[4];
        Matcher m = Pattern.compile("(?m)^\\s*(FLASH|RAM)\\s*\\([a-z]*\\)\\s*:\\s*ORIGIN\\s*=\\s*(\\w+)\\s*,"
                + "\\s*LENGTH\\s*=\\s*(\\w+)").matcher(ld);
        int found = 0;
        while (m.find()) {
            int at = m.group(1).equals("FLASH") ? 0 : 2;
            memory[at] = Long.decode(m.group(2));
            memory[at + 1] = size(m.group(3));
            found++;
        }
        if (found != 2) {
            throw new IllegalStateException("memory.ld: want the FLASH and RAM regions, found " + found);
        }
        return memory;
    }

    private static long size(String length) {
        char unit = Character.toUpperCase(length.charAt(length.length() - 1));
        long scale = unit == 'K' ? 1024 : unit == 'M' ? 1024 * 1024 : 1;
        return Long.decode(scale == 1 ? length : length.substring(0, length.length() - 1)) * scale;
    }

    private static String hex(long value) {
        return String.format("0x%08X", value);
    }

    /** µVision's Cpu string: memories, core and its features, clock. */
    static String cpu(ProjectFiles p, Device device, long[] memory) {
        return "IROM(" + hex(memory[0]) + "," + hex(memory[1]) + ") IRAM(" + hex(memory[2]) + "," + hex(memory[3])
                + ") " + device.cpu() + " CLOCK(" + p.cpuHz() + ") ELITTLE";
    }

    /** An armlink scatter file with the board's memory and the stack region the C start-up takes. */
    private static String scatter(ProjectFiles p, long[] memory) {
        return """
                ; %1$s on %2$s: FLASH and RAM of board-ports/%2$s/memory.ld, for armlink (Arm Compiler 6).
                ; The pack's C start-up takes its initial stack pointer from ARM_LIB_STACK, at the end of
                ; RAM like the GCC layout's (board-ports/common/cortex_m_sections.ld, %5$d bytes).
                ; The firmware has no heap (the arena is a static array).
                LR_FLASH %3$s %4$s {
                  ER_FLASH %3$s %4$s {
                    *.o (RESET, +First)
                    *(InRoot$$Sections)
                    .ANY (+RO)
                    .ANY (+XO)
                  }
                  RW_RAM %6$s %7$s {
                    .ANY (+RW +ZI)
                  }
                  ARM_LIB_STACK %8$s EMPTY -%9$s {
                  }
                }
                """.formatted(p.name(), p.board(), hex(memory[0]), hex(memory[1]), STACK_BYTES, hex(memory[2]),
                hex(memory[3] - STACK_BYTES), hex(memory[2] + memory[3]), hex(STACK_BYTES));
    }

    /** XML's five escapes. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static String windows(String path) {
        return ".\\" + path.replace('/', '\\');
    }

    private static String uvprojx(ProjectFiles p, Device device, long[] memory, List<String> sources, String scatter) {
        StringBuilder x = new StringBuilder();
        // The header comment names no command line: XML comments may not hold "--".
        String includes = String.join(";", p.includeDirs().stream().map(KeilTarget::windows).toList());
        String defines = String.join(",", p.firmwareDefines());
        x.append("""
                <?xml version="1.0" encoding="UTF-8" standalone="no" ?>
                <Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="project_projx.xsd">

                  <SchemaVersion>2.1</SchemaVersion>

                  <Header>### uVision Project, (C) Keil Software</Header>
                  <!-- Generated by tflm project (target keil, example %1$s, board %2$s). -->

                  <Targets>
                    <Target>
                      <TargetName>%1$s</TargetName>
                      <ToolsetNumber>0x4</ToolsetNumber>
                      <ToolsetName>ARM-ADS</ToolsetName>
                      <uAC6>1</uAC6>
                      <TargetOption>
                        <TargetCommonOption>
                          <Device>%3$s</Device>
                          <Vendor>%4$s</Vendor>
                          <PackID>%5$s</PackID>
                          <PackURL>https://www.keil.com/pack/</PackURL>
                          <Cpu>%6$s</Cpu>
                          <OutputDirectory>.\\Objects\\</OutputDirectory>
                          <OutputName>%1$s</OutputName>
                          <CreateExecutable>1</CreateExecutable>
                          <CreateHexFile>1</CreateHexFile>
                          <DebugInformation>1</DebugInformation>
                          <BrowseInformation>1</BrowseInformation>
                          <ListingPath>.\\Listings\\</ListingPath>
                        </TargetCommonOption>
                        <TargetArmAds>
                          <ArmAdsMisc>
                            <useUlib>1</useUlib>
                            <OnChipMemories>
                              <OCR_RVCT4>
                                <Type>1</Type>
                                <StartAddress>%7$s</StartAddress>
                                <Size>%8$s</Size>
                              </OCR_RVCT4>
                              <OCR_RVCT9>
                                <Type>0</Type>
                                <StartAddress>%9$s</StartAddress>
                                <Size>%10$s</Size>
                              </OCR_RVCT9>
                            </OnChipMemories>
                          </ArmAdsMisc>
                          <Cads>
                            <Optim>3</Optim>
                            <oTime>1</oTime>
                            <OneElfS>1</OneElfS>
                            <wLevel>2</wLevel>
                            <VariousControls>
                              <MiscControls>-std=c11</MiscControls>
                              <Define>%11$s</Define>
                              <Undefine></Undefine>
                              <IncludePath>%12$s</IncludePath>
                            </VariousControls>
                          </Cads>
                          <LDads>
                            <umfTarg>%13$s</umfTarg>
                            <ScatterFile>%14$s</ScatterFile>
                            <Misc>--entry=Reset_Handler</Misc>
                          </LDads>
                        </TargetArmAds>
                      </TargetOption>
                      <Groups>
                """.formatted(xml(p.name()), xml(p.board()), xml(device.name()), xml(device.vendor()),
                xml(device.pack()), xml(cpu(p, device, memory)), hex(memory[0]), hex(memory[1]), hex(memory[2]),
                hex(memory[3]), xml(defines), xml(includes), scatter == null ? "1" : "0",
                scatter == null ? "" : xml(windows(scatter))));
        for (Map.Entry<String, List<String>> group : groups(sources).entrySet()) {
            x.append("        <Group>\n          <GroupName>").append(xml(group.getKey())).append("</GroupName>\n")
                    .append("          <Files>\n");
            for (String source : group.getValue()) {
                x.append("            <File>\n              <FileName>")
                        .append(xml(source.substring(source.lastIndexOf('/') + 1))).append("</FileName>\n")
                        .append("              <FileType>1</FileType>\n              <FilePath>")
                        .append(xml(windows(source))).append("</FilePath>\n            </File>\n");
            }
            x.append("          </Files>\n        </Group>\n");
        }
        boolean cortexDfp = device.cStartup();
        // Cortex_DFP needs CMSIS 6; the vendors' packs of these devices were written for CMSIS 5.
        String cmsis = cortexDfp ? "6.0.0" : "5.9.0";
        String core = cortexDfp ? "6.0.0" : "5.6.0";
        String startup = cortexDfp
                ? "Cclass=\"Device\" Cgroup=\"Startup\" Cvariant=\"C Startup\" Cvendor=\"ARM\" Cversion=\"2.2.0\""
                        + " condition=\"" + device.name() + " CMSIS\""
                : "Cclass=\"Device\" Cgroup=\"Startup\" Cvendor=\"" + xml(device.packVendor()) + "\"";
        x.append("""
                      </Groups>
                    </Target>
                  </Targets>

                  <RTE>
                    <apis/>
                    <components>
                      <component Cclass="CMSIS" Cgroup="CORE" Cvendor="ARM" Cversion="%1$s">
                        <package name="CMSIS" url="https://www.keil.com/pack/" vendor="ARM" version="%2$s"/>
                        <targetInfos>
                          <targetInfo name="%3$s"/>
                        </targetInfos>
                      </component>
                      <component %4$s>
                        <package name="%5$s" url="https://www.keil.com/pack/" vendor="%6$s" version="%7$s"/>
                        <targetInfos>
                          <targetInfo name="%3$s"/>
                        </targetInfos>
                      </component>
                    </components>
                    <files/>
                  </RTE>

                </Project>
                """.formatted(core, cmsis, xml(p.name()), startup, xml(device.packName()), xml(device.packVendor()),
                xml(device.packVersion())));
        return x.toString();
    }

    /** The sources by µVision group: the runtime, its Cortex-M variants, the example, the board glue. */
    private static Map<String, List<String>> groups(List<String> sources) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String source : sources) {
            String group = source.startsWith("tflm/src/kernels/arm/") ? "tflm Cortex-M variants"
                    : source.startsWith("tflm/") ? "tflm" : source.startsWith("example/") ? "example" : "board";
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(source);
        }
        return groups;
    }

    private static String readme(ProjectFiles p, Device device, String scatter) {
        String memory = scatter != null
                ? "The linker takes the board's memory from `" + scatter + "` (FLASH and RAM of tflm's\n"
                        + "board-ports/" + p.board() + "/memory.ld, and an 8 KiB stack at the end of RAM):\n"
                        + "the pack's C start-up code takes its initial stack pointer from that file's\n"
                        + "ARM_LIB_STACK region, which a memory layout from the target dialog lacks."
                : "The linker uses the memory layout of the target dialog (IROM/IRAM: the board's FLASH\n"
                        + "and RAM). The stack is the pack's start-up file's: raise its Stack_Size to\n"
                        + "0x2000 in the Configuration Wizard of RTE/Device/" + device.name() + "/startup_*.s,\n"
                        + "as much as the GCC build reserves, before running bigger models.";
        return """
                # %1$s for Keil µVision (%2$s, %3$s)

                Generated by `tflm project --target keil --example %1$s --board %2$s`: a µVision 5
                project for the %3$s device of the `%4$s` pack, built with Arm Compiler 6
                (armclang, the default compiler of MDK 5.37 and later).

                1. Install the device pack with µVision's Pack Installer: `%4$s` (or newer)
                   and the CMSIS pack it needs (`ARM.CMSIS`).
                2. Open `%1$s.uvprojx` (*Project → Open Project*). The Run-Time Environment
                   adds the pack's start-up code and vector table (Device:Startup) and the
                   CMSIS core headers (CMSIS:CORE); if µVision asks, let it resolve them.
                3. *Project → Build Target* (F7) builds `Objects/%1$s.axf`; *Debug* runs it on
                   the board or in a simulator of the core.

                The groups list exactly the firmware's sources: the tflm runtime (`tflm/`), the
                Cortex-M variants a %5$s runs (`tflm/src/kernels/arm/`, with their `TFLM_VARIANT_`
                definitions), the example (`example/`) and the board's glue (`board/`: debug log,
                SysTick timer, exit, and `board/keil/keil_main.c`, which calls `board_init` and
                `board_exit` around `main`). The definitions give the arena bytes
                (`FW_ARENA_BYTES`) and the core clock (`TFLM_BOARD_CPU_HZ`).

                %6$s

                The MPS2/MPS3 boards print through Arm semihosting (a debugger or Arm's Fixed
                Virtual Platforms show the output); the other boards on their debug UART at
                115200 baud.
                """.formatted(p.name(), p.board(), device.name(), device.pack(), p.cpu(), memory);
    }
}
