package dev.hopscope.ui.files;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The designer's questions as JavaFX dialogs and file choosers, owned by the main window. */
public final class DialogPrompts implements Prompts {
    private final Supplier<Window> owner;

    public DialogPrompts(Supplier<Window> owner) { this.owner = owner; }

    @Override public Unsaved unsavedChanges(String name) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes to " + name + " will be lost if you don't save them.",
                save, discard, ButtonType.CANCEL);
        a.setHeaderText("Save the changes to " + name + "?");
        a.initOwner(owner.get());
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) return Unsaved.CANCEL;
        return r.get() == save ? Unsaved.SAVE : Unsaved.DISCARD;
    }

    @Override public boolean restoreRecovered(String name, String savedAt) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Hopscope closed without saving " + name + ". Unsaved work from " + savedAt + " was kept.", restore, discard);
        a.setHeaderText("Restore unsaved work?");
        a.initOwner(owner.get());
        return a.showAndWait().filter(b -> b == restore).isPresent();
    }

    @Override public Optional<Path> chooseFileToOpen(Path near) {
        FileChooser c = chooser(near);
        c.setTitle("Open a Hopscope document");
        File f = c.showOpenDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override public Optional<Path> chooseFileToSave(Path near, String suggestedName) {
        FileChooser c = chooser(near);
        c.setTitle("Save the document");
        c.setInitialFileName(suggestedName);
        File f = c.showSaveDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override public void error(String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.setHeaderText(title);
        a.initOwner(owner.get());
        a.showAndWait();
    }

    private static FileChooser chooser(Path near) {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Hopscope documents", "*.hopscope", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (near != null && near.getParent() != null && Files.isDirectory(near.getParent())) c.setInitialDirectory(near.getParent().toFile());
        return c;
    }
}
