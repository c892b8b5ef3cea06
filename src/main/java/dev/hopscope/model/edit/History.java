package dev.hopscope.model.edit;

import dev.hopscope.model.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The document's undo and redo stacks (unlimited). The current document is always the top of
 * the undo stack's "after" (or the start). Dirty means the stack position differs from the one
 * last saved; once the saved state is unreachable (undone past, then a new edit) it stays dirty.
 * An edit pushed while another is being applied or announced is refused: it would interleave
 * two steps into one history position (Scene Builder's JobManager does the same).
 */
public final class History {

    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private Document current;
    /** Undo depth at the last save; -1 when that state can no longer be reached. */
    private int savedDepth;
    private boolean busy;

    public History(Document start) {
        this.current = start;
        this.savedDepth = 0;
    }

    public Document current() { return current; }

    public void addListener(Runnable r) { listeners.add(r); }

    /**
     * Applies {@code change} to the current document as one step. Returns the step, or empty when
     * the change altered nothing (no empty steps in the Edit menu).
     */
    public Optional<Edit> execute(String description, String mergeKey, UnaryOperator<Document> change) {
        enter();
        Document next;
        try {
            next = change.apply(current);
        } finally {
            busy = false;
        }
        return push(new Edit(description, current, next, mergeKey));
    }

    public Optional<Edit> execute(String description, UnaryOperator<Document> change) {
        return execute(description, null, change);
    }

    /** Records an edit computed elsewhere; its "before" must be the current document. */
    public Optional<Edit> push(Edit edit) {
        enter();
        try {
            if (!edit.before().equals(current))
                throw new IllegalArgumentException("the edit '" + edit.description() + "' starts from another document than the current one");
            if (edit.changesNothing()) return Optional.empty();
            Edit top = undo.peek();
            boolean merge = top != null && edit.mergeKey() != null && edit.mergeKey().equals(top.mergeKey())
                    && undo.size() != savedDepth;
            Edit step = edit;
            if (merge) {
                undo.pop();
                step = top.then(edit);
            }
            if (!redo.isEmpty() && savedDepth > undo.size()) savedDepth = -1;
            redo.clear();
            if (merge && step.changesNothing()) {
                current = step.after();
            } else {
                undo.push(step);
                current = step.after();
            }
            announce();
            return Optional.of(step);
        } finally {
            busy = false;
        }
    }

    public boolean canUndo() { return !undo.isEmpty(); }
    public boolean canRedo() { return !redo.isEmpty(); }

    public Optional<String> undoDescription() { return Optional.ofNullable(undo.peek()).map(Edit::description); }
    public Optional<String> redoDescription() { return Optional.ofNullable(redo.peek()).map(Edit::description); }

    public boolean undo() {
        if (undo.isEmpty()) return false;
        enter();
        try {
            Edit e = undo.pop();
            redo.push(e);
            current = e.before();
            announce();
            return true;
        } finally {
            busy = false;
        }
    }

    public boolean redo() {
        if (redo.isEmpty()) return false;
        enter();
        try {
            Edit e = redo.pop();
            undo.push(e);
            current = e.after();
            announce();
            return true;
        } finally {
            busy = false;
        }
    }

    public int undoDepth() { return undo.size(); }
    public int redoDepth() { return redo.size(); }

    public boolean isDirty() { return savedDepth != undo.size(); }

    public void markSaved() {
        savedDepth = undo.size();
        announce();
    }

    /** Starts over from a document (New, Open): nothing to undo, and clean. */
    public void reset(Document start) {
        enter();
        try {
            undo.clear();
            redo.clear();
            current = start;
            savedDepth = 0;
            announce();
        } finally {
            busy = false;
        }
    }

    private void enter() {
        if (busy) throw new IllegalStateException("an edit was started while another edit was being applied");
        busy = true;
    }

    private void announce() {
        for (Runnable r : List.copyOf(listeners)) r.run();
    }
}
