package dev.hopscope.ui;

import dev.hopscope.ui.files.Prompts;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the designer's dialogs from a script, and records what was asked. */
public final class ScriptedPrompts implements Prompts {
    final Deque<Unsaved> unsaved = new ArrayDeque<>();
    final Deque<Boolean> restore = new ArrayDeque<>();
    final Deque<Path> files = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    /** What {@link #showLines} showed: the header, then each line. */
    final List<List<String>> shownLines = new ArrayList<>();

    /** The next file dialog answers with this file. */
    public void willChoose(Path file) { files.add(file); }

    /** The errors shown so far, as "title: message". */
    public List<String> errors() { return List.copyOf(errors); }

    @Override public Unsaved unsavedChanges(String name) {
        asked.add("unsaved " + name);
        return unsaved.isEmpty() ? Unsaved.CANCEL : unsaved.pop();
    }

    @Override public boolean restoreRecovered(String name, String savedAt) {
        asked.add("restore " + name);
        return !restore.isEmpty() && restore.pop();
    }

    @Override public Optional<Path> chooseFileToOpen(Path near) {
        asked.add("open");
        return Optional.ofNullable(files.poll());
    }

    @Override public Optional<Path> chooseFileToSave(Path near, String suggestedName) {
        asked.add("save " + suggestedName);
        return Optional.ofNullable(files.poll());
    }

    @Override public Optional<Path> chooseFileToImport(Path near) {
        asked.add("import");
        return Optional.ofNullable(files.poll());
    }

    @Override public Optional<Path> chooseExportTarget(Path near, String suggestedName, String what, String extension) {
        asked.add("export " + suggestedName + " as " + what);
        return Optional.ofNullable(files.poll());
    }

    @Override public void showLines(String title, String header, List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(lines);
        shownLines.add(all);
    }

    @Override public void error(String title, String message) {
        errors.add(title + ": " + message);
    }
}
