package dev.tflm.cli;

/**
 * How micro_speech cuts 16 kHz audio: feature frames of 30 ms (480 samples) every 20 ms
 * (320 samples), and windows of 1 s (16000 samples) for the keyword model, which hold 49
 * frames (the 49th covers samples 15360 to 15839). Frame f starts at
 * sample 320 f; window w starts at frame w x {@code strideFrames}. Audio past the end is
 * zeros: a recording shorter than 1 s is padded to one whole window, and the last window of
 * a longer one is padded where it runs past the end.
 */
record AudioWindows(int samples, int strideFrames) {

    static final int SAMPLE_RATE = WavReader.SAMPLE_RATE;
    static final int FRAME_SAMPLES = 480;
    static final int FRAME_STRIDE = 320;
    static final int WINDOW_SAMPLES = SAMPLE_RATE;
    static final int FRAMES_PER_WINDOW = (WINDOW_SAMPLES - FRAME_SAMPLES) / FRAME_STRIDE + 1;

    AudioWindows {
        if (samples < 0 || strideFrames <= 0) {
            throw new IllegalArgumentException("windows of " + samples + " samples every " + strideFrames + " frames");
        }
    }

    /** Windows every {@code strideMillis} (a positive multiple of 20 ms) over {@code samples} samples. */
    static AudioWindows every(int strideMillis, int samples) {
        int frameMillis = FRAME_STRIDE * 1000 / SAMPLE_RATE;
        if (strideMillis <= 0 || strideMillis % frameMillis != 0) {
            throw new IllegalArgumentException("a window stride must be a positive multiple of " + frameMillis
                    + " ms, got " + strideMillis);
        }
        return new AudioWindows(samples, strideMillis / frameMillis);
    }

    /**
     * Windows from the start until one reaches the end of the audio: at least one, then one
     * more per stride the audio runs past the first window.
     */
    int count() {
        long beyond = Math.max(0, samples - WINDOW_SAMPLES);
        long stride = (long) strideFrames * FRAME_STRIDE;
        return Math.toIntExact(1 + (beyond + stride - 1) / stride);
    }

    /** Feature frames all windows together need: frames 0 .. frames() - 1. */
    int frames() {
        return (count() - 1) * strideFrames + FRAMES_PER_WINDOW;
    }

    /** The first frame of window {@code window}. */
    int firstFrame(int window) {
        return window * strideFrames;
    }

    /** The first sample of window {@code window}. */
    long firstSample(int window) {
        return (long) firstFrame(window) * FRAME_STRIDE;
    }

    /** The keyword model's input for window {@code window}: its 49 feature frames one after the other. */
    byte[] windowFeatures(byte[][] frames, int window) {
        int first = firstFrame(window);
        int size = frames[first].length;
        byte[] features = new byte[FRAMES_PER_WINDOW * size];
        for (int i = 0; i < FRAMES_PER_WINDOW; i++) {
            System.arraycopy(frames[first + i], 0, features, i * size, size);
        }
        return features;
    }

    /** Frame {@code index} of {@code audio}: 480 samples from 320 x index, zeros past the end. */
    static short[] frame(short[] audio, int index) {
        short[] frame = new short[FRAME_SAMPLES];
        long start = (long) index * FRAME_STRIDE;
        if (start < audio.length) {
            System.arraycopy(audio, (int) start, frame, 0, (int) Math.min(FRAME_SAMPLES, audio.length - start));
        }
        return frame;
    }
}
