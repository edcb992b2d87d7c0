package dev.tflm.cli;

import java.util.List;

/**
 * The keyword model's scores for one window of audio (dequantized, in {@link #LABELS} order)
 * and the decisions made of them.
 */
record KeywordScores(float[] scores) {

    /** The keyword model's outputs, in order. */
    static final List<String> LABELS = List.of("silence", "unknown", "yes", "no");
    private static final int SILENCE = 0;
    private static final int UNKNOWN = 1;

    /** The best-scoring label's index; the first of equal scores. */
    int best() {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    String label() {
        return LABELS.get(best());
    }

    /**
     * A recording's label from its windows': its most confident keyword, the label of the
     * window whose best label is a keyword (yes, no) with the highest score (the earliest of
     * equals); without one, unknown if a window's best is unknown, else silence.
     */
    static String overall(List<KeywordScores> windows) {
        KeywordScores keyword = null;
        boolean unknown = false;
        for (KeywordScores window : windows) {
            int best = window.best();
            if (best == UNKNOWN) {
                unknown = true;
            } else if (best != SILENCE && (keyword == null || window.scores[best] > keyword.scores[keyword.best()])) {
                keyword = window;
            }
        }
        return keyword != null ? keyword.label() : LABELS.get(unknown ? UNKNOWN : SILENCE);
    }
}
