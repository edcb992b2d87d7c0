package dev.tflm.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report of a small JMH results file (src/test/resources/jmh-results.json). */
class ReportTest {

    private static Comparison comparison;

    @BeforeAll
    static void readFixture() throws IOException {
        String json;
        try (InputStream in = ReportTest.class.getResourceAsStream("/jmh-results.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The fixture has no TF Lite results for person_detect; TF Lite is not asked here.
        comparison = new Comparison(JmhResults.parse(json),
                model -> model.equals("person_detect") ? Optional.of("per-channel axis 3") : Optional.empty());
    }

    @Test
    void resultsAreConvertedToMicroseconds() {
        assertEquals(16_200.0, comparison.measurement("vww_96_int8", Comparison.XNNPACK).orElseThrow().micros(), 1e-9);
        JmhResults.Measurement hello = comparison.measurement("hello_world_int8", Comparison.OPTIMIZED).orElseThrow();
        assertEquals(0.25, hello.micros(), 1e-12);
        assertTrue(Double.isNaN(hello.errorMicros()));
        assertEquals(0.021, comparison.ffmCall().orElseThrow().micros(), 1e-12);
        assertEquals(List.of("vww_96_int8", "hello_world_int8", "person_detect"), comparison.models());
    }

    @Test
    void theTableHasARowPerModelWithTimesAndRatios() {
        String md = MarkdownReport.render(comparison, "AMD EPYC, 2 CPUs", "chart.svg");
        List<String> lines = md.lines().toList();
        assertTrue(lines.contains("| model | tflm optimized | tflm reference | TF Lite 2.6.2 | TF Lite 2.6.2 + XNNPACK "
                + "| vs TF Lite | vs TF Lite + XNNPACK | optimized vs reference |"), md);
        assertTrue(lines.contains("|---|---:|---:|---:|---:|---:|---:|---:|"), md);
        assertTrue(lines.contains("| vww_96_int8 | 270 ± 3.00 | 10800 ± 120 | 17010 ± 200 | 16200 ± 400 "
                + "| 63.0× | 60.0× | 40.0× |"), md);
        // No error without enough iterations (NaN), and ratios below 10 with two decimals.
        assertTrue(lines.contains("| hello_world_int8 | 0.250 | 0.500 ± 0.010 | 2.50 ± 0.100 | 2.00 ± 0.100 "
                + "| 10.0× | 8.00× | 2.00× |"), md);
        assertTrue(lines.contains("| person_detect | 400 ± 5.00 | 16000 ± 100 | rejected | rejected "
                + "| rejected | rejected | 40.0× |"), md);
        // sqrt(63 × 10) = 25.1; sqrt(60 × 8) = 21.9; cbrt(40 × 2 × 40) = 14.7.
        assertTrue(lines.contains("| **geometric mean** | | | | | **25.1×** | **21.9×** | **14.7×** |"), md);
        assertTrue(md.contains("One FFM call (`Interpreter.invoke()` on a model with no operators): **0.021 µs** ± 0.001."),
                md);
        assertTrue(md.contains("Rejected: person_detect — per-channel axis 3"), md);
        assertTrue(md.contains("Machine: AMD EPYC, 2 CPUs"), md);
        assertTrue(md.contains("JMH 1.37, OpenJDK 64-Bit Server VM 25, 1 fork(s), warm-up 2 × 1 s, measurement 3 × 1 s"),
                md);
        assertTrue(md.contains("](chart.svg)"), md);
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerResult() throws Exception {
        String svg = SvgChart.render(comparison);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());

        NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        assertEquals(10, titles.getLength(), "one bar per measured model and engine");
        assertTrue(svg.contains("vww_96_int8, TF Lite 2.6.2: 17010 µs"), svg);
        assertEquals(2, svg.split("rejected by TF Lite", -1).length - 1, svg);

        // Log scale: decades from 0.1 µs (below 0.25) to 100000 µs (above 17010), longer bars for slower runs.
        assertTrue(svg.contains(">0.100</text>") && svg.contains(">100000</text>"), svg);
        assertTrue(barWidth(doc, "vww_96_int8, tflm reference") > barWidth(doc, "vww_96_int8, tflm optimized"));
    }

    private static double barWidth(Document doc, String titlePrefix) {
        NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        for (int i = 0; i < titles.getLength(); i++) {
            if (titles.item(i).getTextContent().startsWith(titlePrefix)) {
                return Double.parseDouble(((Element) titles.item(i).getParentNode()).getAttribute("width"));
            }
        }
        throw new AssertionError("no bar titled " + titlePrefix);
    }

    @Test
    void aTruncatedOrForeignFileIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("[{\"benchmark\": \"x\""));
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("{\"not\": \"jmh\"}"));
    }
}
