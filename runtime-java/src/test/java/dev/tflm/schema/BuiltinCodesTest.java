package dev.tflm.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BuiltinCodesTest {

    @Test
    void codesFollowTheSchema() {
        assertEquals("ADD", BuiltinCodes.name(0));
        assertEquals("FULLY_CONNECTED", BuiltinCodes.name(9));
        assertEquals("CUSTOM", BuiltinCodes.name(32));
        assertEquals("QUANTIZE", BuiltinCodes.name(114));
        assertEquals("PLACEHOLDER_FOR_GREATER_OP_CODES", BuiltinCodes.name(127));
        assertEquals("STABLEHLO_CASE", BuiltinCodes.name(209));
        assertEquals("UNKNOWN_210", BuiltinCodes.name(210));
        assertEquals("UNKNOWN_-1", BuiltinCodes.name(-1));
    }

    /** The C side names every code in builtin_codes.h (generated from the schema): both tables agree. */
    @Test
    void agreesWithTheCodesTheNativeRuntimeNames() throws IOException {
        Path codesHeader = Path.of(System.getProperty("tflm.repo", ".."), "native", "include", "tflm",
                "builtin_codes.h");
        Matcher builtin = Pattern.compile("TFLM_BUILTIN_(\\w+)\\s*=\\s*(\\d+)").matcher(Files.readString(codesHeader));
        int checked = 0;
        while (builtin.find()) {
            assertEquals(builtin.group(1), BuiltinCodes.name(Integer.parseInt(builtin.group(2))));
            checked++;
        }
        assertEquals(BuiltinOperator.names.length, checked, "codes named in " + codesHeader);
    }
}
