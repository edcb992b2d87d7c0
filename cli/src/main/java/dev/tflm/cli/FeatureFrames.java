package dev.tflm.cli;

/**
 * Turns audio into feature frames, one 30 ms frame after the other and in order, since a
 * front end may keep state from frame to frame (the audio preprocessor's noise estimate and
 * gain control do). The audio preprocessor model, or a stand-in in tests.
 */
@FunctionalInterface
interface FeatureFrames {

    /** The features of the next frame of {@link AudioWindows#FRAME_SAMPLES} samples. */
    byte[] next(short[] frame);

    /** The feature frames every window of {@code windows} needs, from the first sample of {@code audio} on. */
    default byte[][] all(short[] audio, AudioWindows windows) {
        byte[][] frames = new byte[windows.frames()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = next(AudioWindows.frame(audio, i));
        }
        return frames;
    }
}
