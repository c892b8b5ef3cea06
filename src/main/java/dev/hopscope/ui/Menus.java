package dev.hopscope.ui;

import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.docker.DockerImportDialog;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;

import java.nio.file.Path;

/** The menu bar and the toolbar, with the keyboard shortcuts of any desktop editor. */
public final class Menus {
    private final MainWindow window;
    private final Commands commands;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Menu importMenu = new Menu("Import");
    private final Menu exportMenu = new Menu("Export");
    private final Menu fileMenu = new Menu("File");
    private final Menu editMenu = new Menu("Edit");
    private final Menu viewMenu = new Menu("View");
    private final Menu arrangeMenu = new Menu("Arrange");
    private final Menu helpMenu = new Menu("Help");
    private DockerImportDialog dockerImport;

    Menus(MainWindow window, Commands commands) {
        this.window = window;
        this.commands = commands;
    }

    /**
     * The menu bar with its five menus' titles only: their items come with {@link #fill()}, once
     * the window is complete. The first frame shows the titles, and the items (the samples' list,
     * the exporter's formats, thirty-odd accelerators to parse and register) are work for a menu
     * nobody can open before input is let through (issue 12, start-up).
     */
    MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu, editMenu, viewMenu, arrangeMenu, helpMenu);
        bar.setId("menu-bar");
        return bar;
    }

    /** Puts the menus' items in (and with them their keyboard shortcuts). Once; on the JavaFX thread. */
    void fill() {
        if (!fileMenu.getItems().isEmpty()) return;
        AppState state = window.state();
        EditActions actions = window.actions();
        CanvasView canvas = window.canvas();

        Menu samples = new Menu("Samples");
        for (String name : commands.sampleNames()) samples.getItems().add(item(sampleTitle(name), null, e -> commands.openSample(name)));
        samples.setDisable(samples.getItems().isEmpty());
        commands.recent().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        fillImport();
        fillExport();
        fileMenu.getItems().setAll(
                item("New", "Shortcut+N", e -> commands.newDocument()),
                item("Open…", "Shortcut+O", e -> commands.open()),
                recentMenu,
                samples,
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", e -> commands.save()),
                item("Save As…", "Shortcut+Shift+S", e -> commands.saveAs()),
                new SeparatorMenuItem(),
                importMenu,
                exportMenu,
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", e -> window.root().getScene().getWindow().fireEvent(
                        new javafx.stage.WindowEvent(window.root().getScene().getWindow(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST))));

        MenuItem undo = item("Undo", "Shortcut+Z", e -> state.undo());
        undo.textProperty().bind(state.undoText());
        undo.disableProperty().bind(state.canUndo().not());
        undo.setId("menu-undo");
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", e -> state.redo());
        redo.textProperty().bind(state.redoText());
        redo.disableProperty().bind(state.canRedo().not());
        MenuItem redoY = item("Redo (Ctrl+Y)", "Shortcut+Y", e -> state.redo());
        redoY.setVisible(false);
        editMenu.getItems().setAll(undo, redo, redoY, new SeparatorMenuItem(),
                item("Cut", "Shortcut+X", e -> actions.cut()),
                item("Copy", "Shortcut+C", e -> actions.copy()),
                item("Paste", "Shortcut+V", e -> actions.paste()),
                item("Duplicate", "Shortcut+D", e -> actions.duplicate()),
                item("Delete", null, e -> actions.delete()),
                new SeparatorMenuItem(),
                item("Select All", "Shortcut+A", e -> actions.selectAll()));

        CheckMenuItem darkItem = new CheckMenuItem("Dark Theme");
        darkItem.selectedProperty().bindBidirectional(commands.dark());
        viewMenu.getItems().setAll(
                item("Zoom In", "Shortcut+Plus", e -> canvas.zoomIn()),
                item("Zoom Out", "Shortcut+Minus", e -> canvas.zoomOut()),
                item("Actual Size", "Shortcut+0", e -> canvas.zoomReset()),
                item("Zoom to Fit", "Shortcut+F", e -> canvas.fit()),
                new SeparatorMenuItem(), darkItem);
        arrangeMenu.getItems().setAll(item("Auto-Layout Everything", "Shortcut+L", e -> commands.arrange()));
        helpMenu.getItems().setAll(item("Keyboard Shortcuts", "F1", e -> Shortcuts.show(window.root())));
    }

    ToolBar toolBar() {
        AppState state = window.state();
        CanvasView canvas = window.canvas();
        Button undo = button("mdi2u-undo", "Undo (Ctrl+Z)", e -> state.undo());
        undo.disableProperty().bind(state.canUndo().not());
        undo.setId("tool-undo");
        Button redo = button("mdi2r-redo", "Redo (Ctrl+Shift+Z)", e -> state.redo());
        redo.disableProperty().bind(state.canRedo().not());
        Label zoom = new Label();
        zoom.getStyleClass().add("zoom-label");
        zoom.textProperty().bind(Bindings.format("%.0f%%", canvas.viewport().zoomProperty().multiply(100)));
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button theme = button("mdi2t-theme-light-dark", "Light or dark theme", e -> commands.toggleTheme());
        ToolBar tb = new ToolBar(
                button("mdi2f-file-outline", "New (Ctrl+N)", e -> commands.newDocument()),
                button("mdi2f-folder-open", "Open (Ctrl+O)", e -> commands.open()),
                button("mdi2c-content-save", "Save (Ctrl+S)", e -> commands.save()),
                new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                undo, redo,
                new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                button("mdi2m-magnify-minus-outline", "Zoom out (-)", e -> canvas.zoomOut()),
                zoom,
                button("mdi2m-magnify-plus-outline", "Zoom in (+)", e -> canvas.zoomIn()),
                button("mdi2f-fit-to-screen-outline", "Zoom to fit (F)", e -> canvas.fit()),
                button("mdi2s-sitemap-outline", "Auto-layout (Ctrl+L)", e -> commands.arrange()),
                spring, theme);
        tb.getStyleClass().add("main-toolbar");
        return tb;
    }

    /**
     * File › Import: one item per source. The file importer tells compose, Kubernetes and docker
     * network inspect apart by content, so the three items differ only in the words a user looks
     * for. To add a source (a live Docker engine), add one item here.
     */
    private void fillImport() {
        importMenu.setId("menu-import");
        importMenu.getItems().setAll(
                importItem("menu-import-compose", "Compose File…", "Shortcut+I"),
                importItem("menu-import-kubernetes", "Kubernetes Manifests…", null),
                importItem("menu-import-inspect", "docker network inspect Output…", null),
                new SeparatorMenuItem(),
                dockerItem("menu-import-docker", "From Docker…", null, false),
                dockerItem("menu-reimport-docker", "Re-import from Docker", "Shortcut+Shift+R", true));
    }

    /** From Docker… and its re-import: a running engine, read off the FX thread (ui.docker). */
    private MenuItem dockerItem(String id, String text, String accel, boolean again) {
        MenuItem m = item(text, accel, e -> {
            if (again) dockerImport().reimport(); else dockerImport().show();
        });
        m.setId(id);
        return m;
    }

    /** File › Import › From Docker…, made on first use. */
    public DockerImportDialog dockerImport() {
        if (dockerImport == null) dockerImport = new DockerImportDialog(window);
        return dockerImport;
    }

    private MenuItem importItem(String id, String text, String accel) {
        MenuItem m = item(text, accel, e -> commands.transfers().importFile());
        m.setId(id);
        return m;
    }

    /** File › Export: one item per format the exporter lists, so a format added there appears here by itself. */
    private void fillExport() {
        exportMenu.setId("menu-export");
        exportMenu.getItems().clear();
        for (dev.hopscope.io.export.Exporter.Format f : dev.hopscope.io.export.Exporter.Format.values()) {
            MenuItem m = item(Transfers.title(f) + "…", null, e -> commands.transfers().export(f));
            m.setId("menu-export-" + f.label());
            exportMenu.getItems().add(m);
        }
    }

    /** File › Import, for sources added from elsewhere. */
    public Menu importMenu() { return importMenu; }

    /** File › Export. */
    public Menu exportMenu() { return exportMenu; }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : commands.recent()) recentMenu.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, e -> commands.open(p)));
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** "s03-vxlan-overlay.json" as the menu shows it: "s03 vxlan overlay". */
    static String sampleTitle(String fileName) {
        return fileName.replaceFirst("\\.json$", "").replace('-', ' ');
    }

    static MenuItem item(String text, String accel, EventHandler<ActionEvent> action) {
        MenuItem m = new MenuItem(text);
        if (accel != null) m.setAccelerator(KeyCombination.keyCombination(accel));
        m.setOnAction(action);
        return m;
    }

    private Button button(String icon, String tip, EventHandler<ActionEvent> action) {
        // the icon and the tooltip come once the window is complete (not before its first frame)
        Button b = new Button(null, window.later().icon(icon, "tool-icon"));
        b.getStyleClass().add("tool-button");
        window.later().tooltip(b, () -> new Tooltip(tip));
        b.setOnAction(action);
        return b;
    }
}
