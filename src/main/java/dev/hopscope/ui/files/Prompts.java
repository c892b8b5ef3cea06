package dev.hopscope.ui.files;

import java.nio.file.Path;
import java.util.List;
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

    /** A compose file, Kubernetes manifests or docker network inspect output to import. */
    Optional<Path> chooseFileToImport(Path near);

    /**
     * Where to write an export: {@code what} names the format for the dialog ("SVG picture"),
     * {@code extension} is the file name's ending without the dot.
     */
    Optional<Path> chooseExportTarget(Path near, String suggestedName, String what, String extension);

    /**
     * Things the user should read and may want to copy (an import's warnings, each naming its
     * file, line and column): shown in a dialog whose text can be selected and copied.
     */
    void showLines(String title, String header, List<String> lines);
}
