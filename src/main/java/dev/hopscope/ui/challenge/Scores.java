package dev.hopscope.ui.challenge;

import dev.hopscope.ui.files.Settings;

import java.util.Optional;

/**
 * The score of the last challenge per sample (by the document's name), kept in the designer's
 * settings ({@code ~/.hopscope/settings.properties}: {@code challenge.NAME.score} and
 * {@code challenge.NAME.questions}).
 */
public final class Scores {
    /** A score: right answers out of questions. */
    public record Score(int right, int questions) {
        @Override public String toString() { return right + " of " + questions; }
    }

    private final Settings settings;

    public Scores(Settings settings) { this.settings = settings; }

    public Optional<Score> last(String sample) {
        String k = key(sample);
        if (!settings.has(k + ".score") || !settings.has(k + ".questions")) return Optional.empty();
        int right = (int) settings.number(k + ".score", -1), questions = (int) settings.number(k + ".questions", -1);
        return right < 0 || questions <= 0 || right > questions ? Optional.empty() : Optional.of(new Score(right, questions));
    }

    public void save(String sample, Score s) {
        String k = key(sample);
        settings.setNumber(k + ".score", s.right());
        settings.setNumber(k + ".questions", s.questions());
        settings.save();
    }

    private static String key(String sample) { return "challenge." + (sample == null || sample.isBlank() ? "untitled" : sample.trim()); }
}
