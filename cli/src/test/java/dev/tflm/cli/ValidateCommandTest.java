package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tflm.KernelSet;
import dev.tflm.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tflm validate}: the firmware's output parsed, outputs compared, the board's memory read
 * from its linker script; and, where make, the Arm toolchain and QEMU are installed (CI), whole
 * runs on mps2-an386 and a model too big for the micro:bit.
 */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private static final String FIRMWARE_OUTPUT = """
            case 0
            output 0 INT8 [1,4] 0a0b0c0d
            # invoke 0 250 ticks = 10000 ns
            case 1
            output 0 INT8 [1,4] 01020304
            # invoke 1 300 ticks = 12000 ns
            # arena 1200 of 2048 bytes
            # operator 0 FULLY_CONNECTED 400 ticks = 16000 ns
            # operator 1 SOFTMAX 150 ticks = 6000 ns
            # done 2 cases
            """;

    @Test
    void parsesTheFirmwaresOutput() {
        BoardRun run = BoardRun.parse(FIRMWARE_OUTPUT, "board");
        assertEquals(2, run.outputs().size());
        assertEquals(List.of(10000L, 12000L), run.invokeNs());
        assertEquals(1200, run.arenaUsed());
        assertEquals(2048, run.arenaSize());
        assertEquals(new BoardRun.OperatorTime("SOFTMAX", 6000), run.operators().get(1));
        assertEquals(4, run.outputs().get(1).getFirst()[3]);
    }

    @Test
    void aFirmwareErrorOrAnUnfinishedRunIsReported() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BoardRun.parse("error: create: arena too small\n", "mps2-an386"));
        assertTrue(error.getMessage().contains("failed on mps2-an386: create: arena too small"), error.getMessage());
        error = assertThrows(IllegalStateException.class, () -> BoardRun.parse("case 0\n", "mps2-an386"));
        assertTrue(error.getMessage().contains("stopped before the end"), error.getMessage());
    }

    @Test
    void aMismatchNamesTheCaseTheOutputAndTheFirstDifferingElement() {
        ValidationCases cases = new ValidationCases(List.of(new byte[1], new byte[1]), 1, "two cases");
        ValidateCommand.DesktopRun desktop = new ValidateCommand.DesktopRun(cases,
                List.of(List.of(new byte[] {10, 11, 12, 13}), List.of(new byte[] {1, 2, 9, 9})), List.of("scores"),
                List.of(1), new long[] {1000, 2000}, 2, "scalar");
        FirmwareSize size = new FirmwareSize(100, 50, 30, 10, 10, 1000, 300, 200, 50, 4000);
        ValidationReport report = new ValidationReport(Path.of("m.tflite"), "b", "cortex-m4f", 25_000_000,
                KernelSet.OPTIMIZED, desktop, BoardRun.parse(FIRMWARE_OUTPUT, "b"), size);
        assertFalse(report.matches());
        assertEquals(1, report.mismatches.size());
        assertEquals("case 1, output 0 (scores): element 2 differs (desktop 0x09, board 0x03); 2 of 4 elements differ",
                report.mismatches.getFirst().describe());
        assertTrue(report.text().contains("MISMATCH in 1 of 2 case outputs"), report.text());
        assertEquals(List.of(8000L, 3000L), report.operators.stream().map(ValidationReport.OperatorLine::instructions)
                .toList(), "per inference: the sums over 2 cases halved");
    }

    @Test
    void readsTheBoardsCapacityFromItsLinkerScript() throws Exception {
        Path ld = SourceTree.locate().root.resolve("board-ports/microbit/memory.ld");
        assertEquals(Map.of("FLASH", 256L * 1024, "RAM", 16L * 1024), FirmwareSize.capacities(ld));
    }

    @Test
    void inputFilesMustEachHoldOneCase() throws Exception {
        Files.write(dir.resolve("a.bin"), new byte[3]);
        CliRun result = CliRun.run("validate", SharedData.model(SharedData.HELLO_WORLD_INT8 + ".tflite").toString(),
                "--input-dir", dir.toString());
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().contains("a.bin holds 3 bytes; one case is 1"), result.err());
        CliRun both = CliRun.run("validate", "m.tflite", "--inputs", "2", "--input-dir", dir.toString());
        assertEquals(Main.EXIT_USAGE, both.exitCode());
    }

    private static void assumeFirmwareTools() {
        for (String tool : List.of("make", "arm-none-eabi-gcc", "qemu-system-arm")) {
            assumeTrue(Tools.onPath(tool), tool + " missing");
        }
    }

    @Test
    void validatesAModelOnABoardAndDrawsTheReport() throws Exception {
        assumeFirmwareTools();
        Path html = dir.resolve("report.html");
        CliRun result = CliRun.run("validate", SharedData.model("keyword_scrambled.tflite").toString(), "--inputs", "3",
                "--json", "--html", html.toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Map<String, Object> json = CliRun.json(result.out());
        assertEquals(true, json.get("match"));
        assertEquals(3.0, json.get("cases"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> operators = (List<Map<String, Object>>) json.get("operators");
        assertEquals(15, operators.size());
        assertEquals("SVDF", operators.get(1).get("name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> arena = (Map<String, Object>) json.get("arena");
        assertTrue((Double) arena.get("used") > 0 && (Double) arena.get("used") <= (Double) arena.get("array"));
        @SuppressWarnings("unchecked")
        Map<String, Object> flash = (Map<String, Object>) json.get("flash");
        assertEquals(Files.size(SharedData.model("keyword_scrambled.tflite")), ((Double) flash.get("model")).longValue());
        assertTrue(result.err().contains("validate: building it for mps2-an386"), "progress: " + result.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg id=\"operators\"") && page.contains("Every output byte matches"), page);
        assertChartsRender(html);
    }

    /** The page in headless Chromium, where installed (CI): its bars are on the screenshot. */
    private void assertChartsRender(Path html) throws Exception {
        String chromium = Tools.onPath("chromium") ? "chromium" : null;
        assumeTrue(chromium != null, "chromium missing");
        Path png = dir.resolve("report.png");
        Tools.run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=820,1800", "--screenshot=" + png, html.toUri().toString()), dir);
        BufferedImage image = ImageIO.read(png.toFile());
        long barPixels = 0;
        long modelPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                barPixels += rgb == 0x4a90d9 ? 1 : 0; // operator bars and the code part of flash
                modelPixels += rgb == 0xf5a623 ? 1 : 0; // the model's part of flash
            }
        }
        assertTrue(barPixels > 2000, "bars drawn: " + barPixels + " pixels");
        assertTrue(modelPixels > 0, "the flash bar's model part drawn");
    }

    @Test
    void aModelTooBigForTheBoardFailsNamingTheRegionAndTheBytesMissing() {
        assumeFirmwareTools();
        CliRun result = CliRun.run("validate", SharedData.model(SharedData.PERSON_DETECT + ".tflite").toString(), "--board",
                "microbit", "--inputs", "1");
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().matches("(?s).*error: validate: person_detect.tflite does not fit microbit: its FLASH "
                + "is short by [0-9,]+ bytes.*"), result.err());
    }
}
