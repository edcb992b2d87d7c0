package dev.tflm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflm.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HelloWorldTest {

    private static final Pattern ROW = Pattern.compile("x = (\\S+)\\s+y = (\\S+)\\s+\\(sin x = (\\S+)\\)");

    /** Runs main and returns its (x, y, sin x) rows. */
    private static List<double[]> run(String... args) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HelloWorld.main(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out.lines().map(ROW::matcher).filter(Matcher::find)
                .map(m -> new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))})
                .toList();
    }

    @Test
    void theBuiltInSineModelFollowsTheSine() throws IOException {
        List<double[]> rows = run();
        assertEquals(9, rows.size());
        for (double[] row : rows) {
            assertEquals(row[2], row[1], 0.05, "x = " + row[0]);
        }
    }

    @Test
    void runsAModelFileGivenAsArgument() throws IOException {
        Path model = SharedData.model(SharedData.HELLO_WORLD_FLOAT + ".tflite");
        assertEquals(9, run(model.toString()).size());
    }
}
