package dev.tflm.cli;

import static dev.tflm.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflm.SharedData;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code inspect --memory} and {@code --memory-svg}: the native memory report of real models. */
class InspectMemoryTest {

    @TempDir
    Path dir;

    private static String model(String name) {
        return SharedData.model(name + ".tflite").toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReportsTheLiveBoundOfAnchorsMdAndFiguresThatAddUp() {
        // ../shared/anchors.md: ad01_int8's lower bound (live tensors) is 768 bytes, micro_speech's 5,960.
        for (Map.Entry<String, Double> anchor : Map.of("ad01_int8", 768.0, "micro_speech_quantized", 5960.0)
                .entrySet()) {
            CliRun result = run("inspect", model(anchor.getKey()), "--json", "--memory");
            assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
            Map<String, Object> memory = (Map<String, Object>) CliRun.json(result.out()).get("memory");
            assertEquals(anchor.getValue(), memory.get("live_bound_bytes"), anchor.getKey());
            Map<String, Double> purposes = (Map<String, Double>) memory.get("persistent_by_purpose");
            double sum = purposes.values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals((Double) memory.get("persistent_bytes"), sum, anchor.getKey());
            double area = Math.max((Double) memory.get("planned_bytes"), (Double) memory.get("temporary_peak_bytes"));
            assertEquals((Double) memory.get("arena_bytes"),
                    (Double) memory.get("persistent_bytes") + area + (Double) memory.get("padding_bytes"));
            assertTrue((Double) memory.get("planned_bytes") >= anchor.getValue(), anchor.getKey());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void perTensorFullyConnectedKeepsOnePair() {
        // ad01_int8: ten per-tensor FULLY_CONNECTED layers, one multiplier/shift pair each, kept in
        // the op data: no quantization arrays, and the same op data for every layer whatever its units.
        Map<String, Object> memory = (Map<String, Object>) CliRun.json(
                run("inspect", model("ad01_int8"), "--json", "--memory").out()).get("memory");
        List<Map<String, Object>> operators = (List<Map<String, Object>>) memory.get("operators");
        assertEquals(10, operators.size());
        Object opData = ((Map<String, Object>) operators.get(0).get("persistent")).get("op_data");
        assertTrue((Double) opData > 0, "op data " + opData);
        for (Map<String, Object> op : operators) {
            Map<String, Object> persistent = (Map<String, Object>) op.get("persistent");
            assertEquals(0.0, persistent.get("quantization"));
            assertEquals(opData, persistent.get("op_data"));
        }
    }

    @Test
    void textShowsPurposesOperatorsAndTheBound() {
        CliRun result = run("inspect", model("ad01_int8"), "--memory");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("persistent by purpose"), result.out());
        assertTrue(result.out().matches("(?s).*op data\\s+\\d+\\n.*"), result.out());
        assertFalse(result.out().contains("quantization arrays"), result.out());
        assertTrue(result.out().contains("live-tensor bound 768 bytes at step 0"), result.out());
    }

    @Test
    void svgIsWellFormedAndMarksThePeak() throws Exception {
        Path svg = dir.resolve("plan.svg");
        CliRun result = run("inspect", model("micro_speech_quantized"), "--memory-svg", svg.toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(svg))));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        Element peak = null, plan = null;
        NodeList all = root.getElementsByTagName("*");
        int tensors = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            peak = "peak".equals(e.getAttribute("id")) ? e : peak;
            plan = "plan".equals(e.getAttribute("id")) ? e : plan;
            tensors += "tensor".equals(e.getAttribute("class")) ? 1 : 0;
        }
        assertTrue(peak != null && peak.getTextContent().startsWith("peak at step "), "no peak mark");
        assertTrue(plan != null, "no plan line");
        assertTrue(tensors >= 3, "tensor rectangles: " + tensors);
        assertTrue(root.getTextContent().contains("live-tensor bound 5960 bytes"), root.getTextContent());
    }
}
