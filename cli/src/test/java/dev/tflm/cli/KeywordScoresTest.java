package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A window's label and a recording's. */
class KeywordScoresTest {

    private static KeywordScores window(float silence, float unknown, float yes, float no) {
        return new KeywordScores(new float[] {silence, unknown, yes, no});
    }

    @Test
    void aWindowsLabelIsItsBestScoreTheFirstOfEquals() {
        assertEquals("yes", window(0.1f, 0.2f, 0.6f, 0.1f).label());
        assertEquals("no", window(0.1f, 0.2f, 0.1f, 0.6f).label());
        assertEquals("silence", window(0.25f, 0.25f, 0.25f, 0.25f).label());
        assertEquals("unknown", window(0.1f, 0.5f, 0.5f, 0f).label());
    }

    @Test
    void aRecordingsLabelIsItsMostConfidentKeyword() {
        KeywordScores silence = window(0.9f, 0.1f, 0f, 0f);
        KeywordScores unknown = window(0.1f, 0.9f, 0f, 0f);
        KeywordScores weakYes = window(0.1f, 0.3f, 0.4f, 0.2f);
        KeywordScores strongNo = window(0f, 0.1f, 0.1f, 0.8f);
        assertEquals("yes", KeywordScores.overall(List.of(silence, weakYes, unknown)));
        assertEquals("no", KeywordScores.overall(List.of(weakYes, strongNo, silence)));
        assertEquals("yes", KeywordScores.overall(List.of(weakYes, window(0f, 0f, 0.4f, 0.2f))));
        assertEquals("unknown", KeywordScores.overall(List.of(silence, unknown, silence)));
        assertEquals("silence", KeywordScores.overall(List.of(silence, silence)));
        assertEquals("no", KeywordScores.overall(List.of(strongNo)));
    }
}
