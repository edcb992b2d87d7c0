package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing arithmetic of micro_speech, and the frames a front end is given, without the preprocessor. */
class AudioWindowsTest {

    @Test
    void oneSecondIs49FramesOf30MsEvery20Ms() {
        assertEquals(49, AudioWindows.FRAMES_PER_WINDOW);
        AudioWindows second = AudioWindows.every(1000, 16000);
        assertEquals(1, second.count());
        assertEquals(49, second.frames());
        // The last frame ends inside the window: 48 x 320 + 480 = 15840 <= 16000.
        assertEquals(15840, (second.frames() - 1) * AudioWindows.FRAME_STRIDE + AudioWindows.FRAME_SAMPLES);
    }

    @Test
    void shorterAudioIsOneWindow() {
        for (int samples : new int[] {0, 1, 480, 15999, 16000}) {
            assertEquals(1, AudioWindows.every(1000, samples).count(), samples + " samples");
            assertEquals(1, AudioWindows.every(20, samples).count(), samples + " samples");
        }
    }

    @Test
    void longerAudioAddsAWindowPerStrideItRunsPast() {
        assertEquals(2, AudioWindows.every(1000, 16001).count());
        assertEquals(2, AudioWindows.every(1000, 32000).count());
        assertEquals(3, AudioWindows.every(1000, 40000).count()); // 2.5 s: windows at 0, 1, 2 s
        AudioWindows fifths = AudioWindows.every(200, 40000); // 1 + ceil(24000 / 3200) = 9
        assertEquals(9, fifths.count());
        assertEquals(8 * 10 + 49, fifths.frames());
        assertEquals(6 * 3200, fifths.firstSample(6));
        assertEquals(30, fifths.firstFrame(3));
    }

    @Test
    void theStrideIsAPositiveMultipleOf20Ms() {
        assertEquals(50, AudioWindows.every(1000, 0).strideFrames());
        assertEquals(1, AudioWindows.every(20, 0).strideFrames());
        for (int bad : new int[] {0, -20, 10, 30, 1001}) {
            assertThrows(IllegalArgumentException.class, () -> AudioWindows.every(bad, 16000), bad + " ms");
        }
    }

    @Test
    void aFrameIs480SamplesFrom320TimesItsIndexThenZeros() {
        short[] audio = new short[1000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (i + 1);
        }
        short[] first = AudioWindows.frame(audio, 0);
        assertEquals(480, first.length);
        assertEquals(1, first[0]);
        assertEquals(480, first[479]);
        short[] third = AudioWindows.frame(audio, 2);
        assertEquals(641, third[0]);
        assertEquals(1000, third[359]);   // sample 999, the last
        assertEquals(0, third[360]);
        assertArrayEquals(new short[480], AudioWindows.frame(audio, 4)); // starts at 1280
    }

    @Test
    void aFrontEndSeesEveryFrameInOrderAndWindowsConcatenateTheirFrames() {
        short[] audio = new short[16000 + 8000]; // 1.5 s
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (i / 320);       // each 20 ms step holds its index
        }
        AudioWindows windows = AudioWindows.every(500, audio.length);
        assertEquals(2, windows.count());
        List<Integer> seen = new ArrayList<>();
        // A stand-in front end: its "features" are the frame's first sample and its call number.
        FeatureFrames frontEnd = frame -> {
            seen.add((int) frame[0]);
            return new byte[] {(byte) frame[0], (byte) seen.size()};
        };
        byte[][] frames = frontEnd.all(audio, windows);
        assertEquals(25 + 49, frames.length);
        for (int i = 0; i < frames.length; i++) {
            assertEquals(i, seen.get(i));
        }
        byte[] second = windows.windowFeatures(frames, 1);
        assertEquals(49 * 2, second.length);
        assertEquals(25, second[0]);
        assertEquals(26, second[1]);
        assertEquals(25 + 48, second[2 * 48]);
    }
}
