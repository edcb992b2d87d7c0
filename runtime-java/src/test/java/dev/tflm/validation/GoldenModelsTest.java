package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflm.SharedData;
import dev.tflm.oracle.GoldenFile;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared model (but audio_preprocessor_int8, whose TFLM signal custom ops this runtime
 * lacks) on its golden input, through the Java API with an automatically sized arena: integer
 * outputs must equal TFLM's reference outputs byte for byte, float32 outputs be within
 * 1e-4 × max(1, |expected|) (golden/README.md).
 */
class GoldenModelsTest {
    private static final double FLOAT_TOLERANCE = 1e-4;

    @TestFactory
    Stream<DynamicTest> outputsEqualTflmReference() {
        return SharedData.modelNamesExcept(Set.of(SharedData.AUDIO_PREPROCESSOR)).stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> checkModel(name)));
    }

    /** Guards the generator the differential tests rely on: seed 12345 must give the golden inputs. */
    @TestFactory
    Stream<DynamicTest> goldenInputsAreTheReadmeGenerator() {
        return SharedData.modelNamesExcept(Set.of()).stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Lcg lcg = new Lcg(Lcg.GOLDEN_SEED);
                    for (GoldenFile.Entry input : GoldenFile.inputsOf(name).inputs()) {
                        byte[] expected = input.data();
                        assertArrayEquals(expected, lcg.tensor(input.type().equals("FLOAT32"), expected.length),
                                name + " input " + input.index());
                    }
                }));
    }

    private static void checkModel(String name) {
        GoldenFile inputs = GoldenFile.inputsOf(name);
        List<GoldenFile.Entry> expected = GoldenFile.outputsOf(name).outputs();

        List<byte[]> actual = OurRuntime.run(SharedData.modelBytes(name), inputs.inputBytes());

        assertEquals(expected.size(), actual.size(), name + ": output count");
        for (GoldenFile.Entry output : expected) {
            byte[] got = actual.get(output.index());
            String what = name + " output " + output.index() + " (" + output.type() + ")";
            if (output.type().equals("FLOAT32")) {
                double worst = Deviation.assertFloat32Within(output.data(), got, FLOAT_TOLERANCE, () -> what);
                System.out.printf("%s: largest |diff| / max(1, |expected|) = %.3g%n", what, worst);
            } else {
                assertArrayEquals(output.data(), got, what);
            }
        }
    }
}
