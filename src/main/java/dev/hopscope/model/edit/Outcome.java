package dev.hopscope.model.edit;

import dev.hopscope.model.Document;

import java.util.Optional;

/**
 * The result of a gesture that may be refused: the next document and what to call the step, or
 * a sentence telling the user why it cannot be done.
 */
public record Outcome(Document document, String description, String refusal) {

    public static Outcome done(Document doc, String description) { return new Outcome(doc, description, null); }

    public static Outcome refused(String why) { return new Outcome(null, null, why); }

    public boolean isRefused() { return refusal != null; }

    public Optional<Document> result() { return Optional.ofNullable(document); }
}
