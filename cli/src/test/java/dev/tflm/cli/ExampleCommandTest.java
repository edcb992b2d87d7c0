package dev.tflm.cli;

import static dev.tflm.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tflm.Model;
import dev.tflm.SharedData;
import dev.tflm.oracle.GoldenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tflm example}: person_detection and micro_speech on TFLM's test files. The tests that
 * need the audio preprocessor's signal ops skip until the runtime registers them.
 */
class ExampleCommandTest {

    private static final String NO_30MS_FEATURES = "126 103 124 102 124 102 123 100 118 97 118 100 118 98 121 100 "
            + "121 98 117 91 96 74 54 87 100 87 109 92 91 80 64 55 83 74 74 78 114 95 101 81";
    private static final String YES_30MS_FEATURES = "124 105 126 103 125 101 123 100 116 98 115 97 113 90 91 82 "
            + "104 96 117 97 121 103 126 101 125 104 126 104 125 101 116 90 81 74 80 71 83 76 82 71";

    @TempDir
    Path dir;

    private static String shared(String relative) {
        return SharedData.file(relative).toString();
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.getLast();
    }

    @ParameterizedTest
    @CsvSource({"person.bmp, person", "no_person.bmp, no_person"})
    void personDetectionLabelsTheSharedImages(String image, String label) {
        CliRun result = run("example", "person_detection", "--input", shared("testdata/" + image),
                "--model", shared("models/person_detect.tflite"));
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertEquals("label: " + label, lastLine(result.out()), result.out());
        assertTrue(result.out().contains("96x96 8-bit palettized, bottom-up, not scaled, raw pixels into INT8 [1, 96, 96, 1]"),
                result.out());
        // Both scores, dequantized and raw: q = 256 x score - 128.
        assertTrue(result.out().matches("(?s).*\\nno_person  0\\.\\d{4}  \\(int8 -?\\d+\\)\\n"
                + "person     0\\.\\d{4}  \\(int8 -?\\d+\\)\\n.*"), result.out());
    }

    @Test
    void personDetectionScalesAndConvertsA24BitImage() throws IOException {
        // person.bmp as a 192x192 24-bit top-down image: each pixel four times, its gray in B, G and R.
        byte[] source = Files.readAllBytes(SharedData.file("testdata/person.bmp"));
        GrayImage gray = BmpReader.read(source).image();
        int size = 192;
        int stride = size * 3;
        ByteBuffer file = ByteBuffer.allocate(54 + stride * size)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put((byte) 'B').put((byte) 'M').putInt(file.capacity()).putInt(0).putInt(54).putInt(40).putInt(size)
                .putInt(-size).putShort((short) 1).putShort((short) 24).putInt(0).putInt(stride * size)
                .putLong(0).putLong(0);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                byte v = (byte) gray.at(x / 2, y / 2);
                file.put(v).put(v).put(v);
            }
        }
        Path big = Files.write(dir.resolve("big.bmp"), file.array());
        CliRun scaled = run("example", "person_detection", "--input", big.toString(),
                "--model", shared("models/person_detect.tflite"));
        CliRun original = run("example", "person_detection", "--input", shared("testdata/person.bmp"),
                "--model", shared("models/person_detect.tflite"));
        assertEquals(Main.EXIT_OK, scaled.exitCode(), scaled.err());
        assertTrue(scaled.out().contains("192x192 24-bit BGR, top-down, scaled to 96x96 (area averaging)"),
                scaled.out());
        // Averaging four equal pixels gives the pixel back: the same input, the same scores.
        assertEquals(original.out().lines().skip(2).toList(), scaled.out().lines().skip(2).toList());
    }

    @Test
    void personDetectionCentersAPhotographsPixels() throws IOException {
        // person.bmp as the photograph it shows: each pixel byte (the int8 input byte) + 128.
        byte[] photo = Files.readAllBytes(SharedData.file("testdata/person.bmp"));
        int pixels = ByteBuffer.wrap(photo).order(ByteOrder.LITTLE_ENDIAN).getInt(10);
        for (int i = pixels; i < photo.length; i++) {
            photo[i] ^= (byte) 0x80;
        }
        Path file = Files.write(dir.resolve("photo.bmp"), photo);
        CliRun centered = run("example", "person_detection", "--input", file.toString(), "--pixels", "centered",
                "--model", shared("models/person_detect.tflite"));
        CliRun original = run("example", "person_detection", "--input", shared("testdata/person.bmp"),
                "--model", shared("models/person_detect.tflite"));
        assertEquals(Main.EXIT_OK, centered.exitCode(), centered.err());
        assertTrue(centered.out().contains("centered pixels into INT8"), centered.out());
        // gray - 128 is the byte person.bmp holds: the same input, the same scores.
        assertEquals(original.out().lines().skip(2).toList(), centered.out().lines().skip(2).toList());
    }

    @Test
    void personDetectionRefusesAFileThatIsNoBmp() throws IOException {
        Path wav = Files.copy(SharedData.file("testdata/yes_30ms.wav"), dir.resolve("image.bmp"));
        CliRun result = run("example", "person_detection", "--input", wav.toString(),
                "--model", shared("models/person_detect.tflite"));
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertEquals("error: " + wav + ": not a BMP file: a file starting with \"RIFF\"; a BMP file starts with BM",
                result.err().strip());
    }

    @Test
    void aMissingDefaultFileSaysWhichFileWhereAndWhichOption() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExampleFiles.orShared(null, "models/absent_model.tflite", "--model"));
        assertTrue(e.getMessage().startsWith("absent_model.tflite not found: put TFLM's absent_model.tflite at "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("shared/models/absent_model.tflite (../shared/models/absent_model.tflite"
                + " beside the checkout) or pass --model FILE"), e.getMessage());
        assertEquals(Path.of("given"), ExampleFiles.orShared(Path.of("given"), "models/absent_model.tflite", "--m"));
    }

    @Test
    void usageErrors() {
        for (String[] args : List.of(new String[] {"example"}, new String[] {"example", "hello_world"},
                new String[] {"example", "person_detection", "--bogus"},
                new String[] {"example", "micro_speech", "--stride", "30"},
                new String[] {"example", "micro_speech", "--stride", "0"},
                new String[] {"example", "micro_speech", "--features", "extra"})) {
            CliRun result = run(args);
            assertEquals(Main.EXIT_USAGE, result.exitCode(), String.join(" ", args));
            assertTrue(result.err().contains("usage: tflm"), result.err());
        }
    }

    @Test
    void microSpeechRefusesAWavOfAnotherRate() throws IOException {
        byte[] wav = Files.readAllBytes(SharedData.file("testdata/yes_30ms.wav"));
        wav[24] = 0x44; // 16000 = 0x3e80 -> 0x3e44 = 15940 Hz
        Path file = Files.write(dir.resolve("rate.wav"), wav);
        CliRun result = run("example", "micro_speech", "--input", file.toString(),
                "--model", shared("models/micro_speech_quantized.tflite"),
                "--preprocessor", shared("models/audio_preprocessor_int8.tflite"));
        assertEquals(Main.EXIT_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: " + file + ": unsupported WAV sample rate: 15940 Hz"),
                result.err());
    }

    @Test
    void theKeywordModelGivesTflmsGoldenScoresForTheGoldenFeatures() throws IOException {
        byte[] features = GoldenFile.inputsOf("micro_speech_quantized").inputs().getFirst().data();
        byte[] expected = GoldenFile.outputsOf("micro_speech_quantized").outputs().getFirst().data();
        try (KeywordModel model = KeywordModel.open(SharedData.model("micro_speech_quantized.tflite"), 40)) {
            KeywordScores scores = model.classify(features);
            for (int i = 0; i < expected.length; i++) {
                assertEquals((expected[i] + 128) / 256f, scores.scores()[i], 1e-6, "score " + i);
            }
        }
    }

    private static boolean preprocessorRuns() throws IOException {
        try (Model model = Model.load(SharedData.model("audio_preprocessor_int8.tflite"))) {
            return model.operatorProblems().isEmpty();
        }
    }

    private static CliRun microSpeech(String wav, String... more) {
        List<String> args = new ArrayList<>(List.of("example", "micro_speech", "--input",
                shared("testdata/" + wav), "--model", shared("models/micro_speech_quantized.tflite"),
                "--preprocessor", shared("models/audio_preprocessor_int8.tflite")));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void withoutTheSignalOpsMicroSpeechSaysWhichOpsTheAudioPreprocessorNeeds() throws IOException {
        assumeFalse(preprocessorRuns(), "the runtime has the signal ops");
        CliRun result = microSpeech("yes_1000ms.wav");
        assertEquals(Main.EXIT_ERROR, result.exitCode(), result.out());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("error: audio preprocessor "), result.err());
        assertTrue(result.err().contains("cannot run on this runtime: no kernel registered for ops SignalWindow, "),
                result.err());
        assertTrue(result.err().contains("TFLM signal library custom ops"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @ParameterizedTest
    @CsvSource({"yes_1000ms.wav, yes", "no_1000ms.wav, no", "silence_1000ms.wav, silence",
            "noise_1000ms.wav, silence"})
    void microSpeechLabelsTheSharedRecordings(String wav, String label) throws IOException {
        assumeTrue(preprocessorRuns(), "audio_preprocessor_int8's signal ops are not registered yet");
        CliRun result = microSpeech(wav);
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertEquals("label: " + label, lastLine(result.out()), result.out());
        assertTrue(result.out().contains("16000 samples (1.000 s), 1 window of 1 s every 1000 ms\n"), result.out());
        assertTrue(result.out().matches("(?s).*\\nwindow 0 .* silence 0\\.\\d{4} unknown 0\\.\\d{4} yes 0\\.\\d{4}"
                + " no 0\\.\\d{4}  -> " + label + "\\n.*"), result.out());
    }

    @ParameterizedTest
    @CsvSource({"yes_30ms.wav, " + YES_30MS_FEATURES, "no_30ms.wav, " + NO_30MS_FEATURES})
    void theFirstFeatureFrameIsTflms(String wav, String features) throws IOException {
        assumeTrue(preprocessorRuns(), "audio_preprocessor_int8's signal ops are not registered yet");
        CliRun result = microSpeech(wav, "--features");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("480 samples (0.030 s), 1 window of 1 s every 1000 ms, zeros after the end"),
                result.out());
        List<String> frames = result.out().lines().filter(l -> l.startsWith("frame ")).toList();
        assertEquals(49, frames.size(), result.out());
        assertEquals("frame 0     " + features, frames.getFirst());
    }

    @Test
    void aLongerRecordingIsClassifiedWindowByWindow() throws IOException {
        assumeTrue(preprocessorRuns(), "audio_preprocessor_int8's signal ops are not registered yet");
        // silence, yes, no: three windows, the recording's label the more confident keyword. One
        // preprocessor runs through all three seconds, its noise estimate carried from window to window.
        short[] audio = new short[48000];
        for (String[] part : new String[][] {{"silence_1000ms.wav", "0"}, {"yes_1000ms.wav", "1"},
                {"no_1000ms.wav", "2"}}) {
            short[] samples = WavReader.read(Files.readAllBytes(SharedData.file("testdata/" + part[0])));
            System.arraycopy(samples, 0, audio, 16000 * Integer.parseInt(part[1]), 16000);
        }
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * audio.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * audio.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * audio.length);
        for (short sample : audio) {
            wav.putShort(sample);
        }
        Path file = Files.write(dir.resolve("three.wav"), wav.array());
        CliRun result = run("example", "micro_speech", "--input", file.toString(),
                "--model", shared("models/micro_speech_quantized.tflite"),
                "--preprocessor", shared("models/audio_preprocessor_int8.tflite"));
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        List<String> windows = result.out().lines().filter(l -> l.startsWith("window ")).toList();
        assertEquals(3, windows.size(), result.out());
        assertTrue(windows.get(0).endsWith("-> silence"), result.out());
        assertTrue(windows.get(1).endsWith("-> yes"), result.out());
        assertTrue(windows.get(2).endsWith("-> no"), result.out());
        assertTrue(lastLine(result.out()).equals("label: yes") || lastLine(result.out()).equals("label: no"),
                result.out());
    }
}
