package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflm.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedValuesWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject()
                .field("a", 1)
                .array("b", List.of(1, 2.5f))
                .name("c").beginArray().beginObject().endObject().beginArray().endArray().endArray()
                .name("d").nullValue()
                .field("e", true)
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":[1,2.5],\"c\":[{},[]],\"d\":null,\"e\":true}", json);
    }

    @Test
    void escapesStringsAndNonFiniteNumbers() {
        String json = new JsonWriter().beginObject()
                .field("quote\"back\\slash", "line\nbreak\ttab\u0001")
                .name("nan").value(Double.NaN)
                .endObject().toString();
        assertEquals(Map.of("quote\"back\\slash", "line\nbreak\ttab\u0001", "nan", "null"),
                Map.of("quote\"back\\slash", ((Map<?, ?>) JsonReader.parse(json)).get("quote\"back\\slash"),
                        "nan", String.valueOf(((Map<?, ?>) JsonReader.parse(json)).get("nan"))));
    }
}
