package dev.hopscope.ui.files;

import java.nio.file.Path;
import java.util.Optional;

/** The questions the designer asks the user about files; the window answers with dialogs, tests with a script. */
public interface Prompts {

    enum Unsaved { SAVE, DISCARD, CANCEL }

    /** Unsaved changes to {@code name} are about to be replaced or closed. */
    Unsaved unsavedChanges(String name);

    /** A previous session ended without saving {@code name}; restore it? */
    boolean restoreRecovered(String name, String savedAt);

    Optional<Path> chooseFileToOpen(Path near);

    Optional<Path> chooseFileToSave(Path near, String suggestedName);

    void error(String title, String message);
}
