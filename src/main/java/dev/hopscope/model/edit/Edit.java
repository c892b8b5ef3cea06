package dev.hopscope.model.edit;

import dev.hopscope.model.Document;

import java.util.Objects;

/**
 * One undoable step: what the Edit menu calls it and the whole document before and after.
 * Holding both values (documents are immutable and share their records) makes undo and redo
 * exact by construction. Consecutive edits with the same non-null {@code mergeKey} (a run of
 * nudges, keystrokes in one field) collapse into one step.
 */
public record Edit(String description, Document before, Document after, String mergeKey) {
    public Edit {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    public Edit(String description, Document before, Document after) { this(description, before, after, null); }

    public boolean changesNothing() { return before.equals(after); }

    /** This step followed by {@code next}, as one step named after the later one. */
    public Edit then(Edit next) { return new Edit(next.description, before, next.after, next.mergeKey); }
}
