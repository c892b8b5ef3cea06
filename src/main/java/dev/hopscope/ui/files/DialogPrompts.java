package dev.hopscope.ui.files;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        c.getExtensionFilters().add(1, new FileChooser.ExtensionFilter("Compose and Kubernetes files (imported)", "*.yml", "*.yaml"));
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

    @Override public Optional<Path> chooseFileToImport(Path near) {
        FileChooser c = new FileChooser();
        c.setTitle("Import a compose file, Kubernetes manifests or docker network inspect output");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Compose, Kubernetes, network inspect", "*.yml", "*.yaml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        near(c, near);
        return Optional.ofNullable(c.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override public Optional<Path> chooseExportTarget(Path near, String suggestedName, String what, String extension) {
        FileChooser c = new FileChooser();
        c.setTitle("Export as " + what);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(what, "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*"));
        c.setInitialFileName(suggestedName);
        near(c, near);
        return Optional.ofNullable(c.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override public void showLines(String title, String header, List<String> lines) {
        TextArea text = new TextArea(String.join("\n", lines));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefColumnCount(80);
        text.setPrefRowCount(Math.min(16, Math.max(4, lines.size() + 1)));
        text.getStyleClass().add("lines-text");
        ButtonType copy = new ButtonType("Copy", ButtonBar.ButtonData.LEFT);
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, copy, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setContent(text);
        a.setResizable(true);
        a.initOwner(owner.get());
        // Copy puts every line on the clipboard and leaves the dialog open
        a.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
        a.showAndWait();
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
        near(c, near);
        return c;
    }

    private static void near(FileChooser c, Path near) {
        if (near != null && near.getParent() != null && Files.isDirectory(near.getParent())) c.setInitialDirectory(near.getParent().toFile());
    }
}
