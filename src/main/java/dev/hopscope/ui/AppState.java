package dev.hopscope.ui;

import dev.hopscope.model.Document;
import dev.hopscope.model.edit.Edit;
import dev.hopscope.model.edit.History;
import dev.hopscope.model.edit.Outcome;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The designer's view model: the open document, the selection, the undo history as properties,
 * the file it came from and a status message. Everything else in the UI observes this.
 *
 * <p>Seams for other panels (keep stable):
 * <ul>
 *   <li>{@link #document()}: the current document; listen to it to re-analyse. Setting it
 *       directly records an undoable step named "Change document"; prefer {@link #executeEdit}.</li>
 *   <li>{@link #selection()}: the ids of the selected nodes, in selection order.</li>
 *   <li>{@link #executeEdit(String, UnaryOperator)}: applies a change as one undoable step.</li>
 *   <li>{@link #message()}: one line for the status bar (refusals, hints).</li>
 *   <li>{@link #resets()}: counts New / Open / sample loads; it moves before {@link #document()} does.</li>
 * </ul>
 */
public final class AppState {

    private final History history;
    private final ObjectProperty<Document> document;
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final StringProperty undoText = new SimpleStringProperty("Undo");
    private final StringProperty redoText = new SimpleStringProperty("Redo");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final javafx.beans.property.IntegerProperty resets = new javafx.beans.property.SimpleIntegerProperty(this, "resets");
    /** True while the history itself moves the document property, so that echo is not recorded again. */
    private boolean syncing;

    public AppState(Document start) {
        history = new History(start);
        document = new SimpleObjectProperty<>(this, "document", start);
        document.addListener((o, was, now) -> {
            if (!syncing && now != null && !now.equals(history.current())) executeEdit("Change document", d -> now);
        });
        history.addListener(this::sync);
        sync();
    }

    /** The current document (an immutable value). */
    public ObjectProperty<Document> document() { return document; }

    public Document current() { return history.current(); }

    /** Ids of the selected nodes. */
    public ObservableSet<String> selection() { return selection; }

    /** Replaces the selection with these ids (unknown ids are ignored). */
    public void select(Collection<String> ids) {
        LinkedHashSet<String> keep = new LinkedHashSet<>();
        for (String id : ids) if (current().node(id).isPresent()) keep.add(id);
        selection.retainAll(keep);
        selection.addAll(keep);
    }

    /** Applies a change as one undoable step; returns false if it changed nothing. */
    public boolean executeEdit(String description, UnaryOperator<Document> change) {
        return executeEdit(description, null, change);
    }

    /** As {@link #executeEdit(String, UnaryOperator)}; consecutive steps with the same merge key undo as one. */
    public boolean executeEdit(String description, String mergeKey, UnaryOperator<Document> change) {
        try {
            Optional<Edit> e = history.execute(description, mergeKey, change);
            return e.isPresent();
        } catch (IllegalArgumentException | IllegalStateException ex) {
            message.set(ex.getMessage());
            return false;
        }
    }

    /** A gesture's result: applied as one step, or its refusal shown in the status line. */
    public boolean apply(Outcome outcome) {
        if (outcome.isRefused()) {
            message.set(outcome.refusal());
            return false;
        }
        Document next = outcome.document();
        boolean done = executeEdit(outcome.description(), d -> next);
        if (done) message.set(outcome.description());
        return done;
    }

    public void undo() {
        String what = history.undoDescription().orElse(null);
        if (history.undo()) message.set("Undid " + what);
    }

    public void redo() {
        String what = history.redoDescription().orElse(null);
        if (history.redo()) message.set("Redid " + what);
    }

    /** Starts over with a document (New, Open, a sample): clean, nothing to undo. */
    public void reset(Document doc, Path from) {
        // counted before the document changes, so a document listener can tell "another document" from an edit
        resets.set(resets.get() + 1);
        selection.clear();
        file.set(from);
        history.reset(doc);
    }

    public void markSaved(Path to) {
        file.set(to);
        history.markSaved();
    }

    public int undoDepth() { return history.undoDepth(); }

    public ReadOnlyBooleanProperty canUndo() { return canUndo; }
    public ReadOnlyBooleanProperty canRedo() { return canRedo; }
    public ReadOnlyBooleanProperty dirty() { return dirty; }
    public ReadOnlyStringProperty undoText() { return undoText; }
    public ReadOnlyStringProperty redoText() { return redoText; }
    public StringProperty message() { return message; }
    public ObjectProperty<Path> file() { return file; }
    /** How many times {@link #reset} started over (New, Open, a sample): panels clear what belonged to the old document. */
    public javafx.beans.property.ReadOnlyIntegerProperty resets() { return resets; }

    private void sync() {
        syncing = true;
        try {
            document.set(history.current());
        } finally {
            syncing = false;
        }
        selection.removeIf(id -> history.current().node(id).isEmpty());
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        dirty.set(history.isDirty());
        undoText.set(history.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(history.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
    }
}
