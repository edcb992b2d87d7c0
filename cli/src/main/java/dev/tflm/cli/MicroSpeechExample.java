package dev.tflm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code example micro_speech [--input FILE.wav] [--model FILE] [--preprocessor FILE]
 * [--stride MS] [--features]}: TFLM's keyword spotting on a WAV file (16 kHz mono 16-bit,
 * {@link WavReader}). The audio preprocessor turns each 30 ms frame, every 20 ms, into 40
 * features ({@link AudioPreprocessor}); the keyword model scores 1 s windows of 49 frames,
 * one window every {@code --stride} ms ({@link AudioWindows}: audio shorter than 1 s and the
 * end of the last window are zeros). Prints each window's scores and label, then the
 * recording's label ({@link KeywordScores#overall}).
 */
@Command(name = "micro_speech")
final class MicroSpeechExample implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE.wav")
    private Path input;

    @Option(names = "--model", paramLabel = "FILE")
    private Path modelPath;

    @Option(names = "--preprocessor", paramLabel = "FILE")
    private Path preprocessorPath;

    @Option(names = "--stride", paramLabel = "MS")
    private int strideMillis = 1000;

    @Option(names = "--features")
    private boolean printFeatures;

    private final PrintStream out;

    MicroSpeechExample(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, UsageException {
        if (strideMillis <= 0 || strideMillis % 20 != 0) {
            throw new UsageException("micro_speech: --stride takes a positive multiple of 20 ms, got " + strideMillis);
        }
        Path modelFile = ExampleFiles.orShared(modelPath, "models/micro_speech_quantized.tflite", "--model");
        Path preprocessorFile = ExampleFiles.orShared(preprocessorPath, "models/audio_preprocessor_int8.tflite",
                "--preprocessor");
        Path audioFile = ExampleFiles.orShared(input, "testdata/yes_1000ms.wav", "--input");
        short[] audio = readWav(audioFile);
        AudioWindows windows = AudioWindows.every(strideMillis, audio.length);

        try (AudioPreprocessor preprocessor = AudioPreprocessor.open(preprocessorFile);
             KeywordModel keywords = KeywordModel.open(modelFile, preprocessor.featureSize())) {
            out.printf("model         %s%n", modelFile);
            out.printf("preprocessor  %s%n", preprocessorFile);
            out.printf("input         %s: %s%n", audioFile, describe(audio.length, windows));
            byte[][] frames = preprocessor.all(audio, windows);
            if (printFeatures) {
                for (int i = 0; i < frames.length; i++) {
                    out.printf("frame %-5d %s%n", i, join(frames[i]));
                }
            }
            List<KeywordScores> results = new ArrayList<>();
            for (int w = 0; w < windows.count(); w++) {
                KeywordScores scores = keywords.classify(windows.windowFeatures(frames, w));
                results.add(scores);
                double start = windows.firstSample(w) / (double) AudioWindows.SAMPLE_RATE;
                StringBuilder line = new StringBuilder(String.format("window %-4d %6.2f-%.2f s ", w, start,
                        start + AudioWindows.WINDOW_SAMPLES / (double) AudioWindows.SAMPLE_RATE));
                for (int i = 0; i < KeywordScores.LABELS.size(); i++) {
                    line.append(String.format(" %s %.4f", KeywordScores.LABELS.get(i), scores.scores()[i]));
                }
                out.println(line.append("  -> ").append(scores.label()));
            }
            out.println("label: " + KeywordScores.overall(results));
        }
        return Main.EXIT_OK;
    }

    private static String describe(int samples, AudioWindows windows) {
        int count = windows.count();
        long covered = windows.firstSample(count - 1) + AudioWindows.WINDOW_SAMPLES;
        return String.format("%d samples (%.3f s), %d window%s of 1 s every %d ms%s", samples,
                samples / (double) AudioWindows.SAMPLE_RATE, count, count == 1 ? "" : "s",
                windows.strideFrames() * AudioWindows.FRAME_STRIDE * 1000 / AudioWindows.SAMPLE_RATE,
                covered > samples ? ", zeros after the end" : "");
    }

    private static String join(byte[] values) {
        StringBuilder text = new StringBuilder();
        for (byte value : values) {
            text.append(text.isEmpty() ? "" : " ").append(value);
        }
        return text.toString();
    }

    private static short[] readWav(Path file) throws IOException {
        try {
            return WavReader.read(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
