package dev.hopscope.ui;

import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.inspector.Inspector;
import dev.hopscope.ui.palette.Palette;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menu bar and toolbar on top, the palette on the left, the canvas
 * in the centre, the inspector on the right, a bottom dock, and a status line.
 *
 * <p>Seams for other panels (keep stable): {@link #bottomDock()} is a {@link TabPane} to add
 * tabs to (the simulation panel, findings, the matrix); {@link #rightArea()} is the right-hand
 * column (the inspector is its first child; add below it); {@link #canvas()} and
 * {@link #state()}.
 */
public final class MainWindow {
    private final AppState state;
    private final CanvasView canvas;
    private final EditActions actions;
    private final StackPane root = new StackPane();
    private final Pane ghostLayer = new Pane();
    private final LaterChrome later = new LaterChrome();
    private final TabPane bottomDock = new TabPane();
    private final StackPane dockArea = new StackPane();
    private final VBox rightArea = new VBox();
    private final ScrollPane inspectorScroll = new ScrollPane();
    private final StackPane paletteArea = new StackPane();
    private final Palette palette;
    private final Label loading = new Label();
    private final Label status = new Label();
    private final Menus menus;
    private final Commands commands;
    private Inspector inspector;
    private Panels panels;

    /** The whole window: chrome and panels. */
    public MainWindow(AppState state, Commands commands) {
        this(state, commands, "");
        complete();
    }

    /**
     * The chrome only (menu bar, toolbar, palette, an empty canvas saying "Opening {@code what}…",
     * the empty inspector column and dock, the status bar), laid out as the whole window will be,
     * so that the first frame is the real window; {@link #complete()} adds the rest into it.
     */
    MainWindow(AppState state, Commands commands, String what) {
        this.state = state;
        this.commands = commands;
        this.canvas = new CanvasView(state);
        this.actions = new EditActions(state, canvas);
        commands.attach(this);
        this.menus = new Menus(this, commands);

        root.getStyleClass().add("hopscope");
        ghostLayer.setMouseTransparent(true);
        ghostLayer.setPickOnBounds(false);

        palette = new Palette(state, canvas, ghostLayer, later);
        // The first frame has the palette in its place but not the scroll pane around it, which
        // complete() adds: a scroll pane is a skin with two scroll bars and their CSS, for a
        // palette that fits the window (issue 12, start-up). The scroll pane neither pads nor
        // borders its content, so the palette stays where it is.
        paletteArea.getStyleClass().add("palette-area");
        paletteArea.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        paletteArea.getChildren().add(palette);

        rightArea.getStyleClass().add("right-area");
        inspectorScroll.setFitToWidth(true);
        inspectorScroll.getStyleClass().add("inspector-scroll");
        VBox.setVgrow(inspectorScroll, Priority.ALWAYS);

        // what the canvas will show, until it shows it
        loading.setText(what.isEmpty() ? "" : "Opening " + what + "…");
        loading.getStyleClass().add("canvas-loading");
        loading.setId("canvas-loading");
        loading.setMouseTransparent(true);
        loading.setVisible(!what.isEmpty());
        StackPane canvasArea = new StackPane(canvas, loading);
        canvasArea.setMinSize(0, 0);
        SplitPane middle = new SplitPane(canvasArea, rightArea);
        middle.setDividerPositions(0.75);
        SplitPane.setResizableWithParent(rightArea, false);

        bottomDock.getStyleClass().add("bottom-dock");
        bottomDock.setId("bottom-dock");

        // The first frame has the dock's place but not the dock, and the right-hand column but not
        // the inspector's scroll pane: both are empty until complete(), and a tab pane or a scroll
        // pane in the first frame is a skin, its CSS and its popup made for nothing to see
        // (issue 12, start-up). complete() puts them in these places, which keep their size.
        dockArea.getStyleClass().add("dock-area");
        dockArea.setMinSize(0, 0);
        SplitPane vertical = new SplitPane(middle, dockArea);
        vertical.setOrientation(Orientation.VERTICAL);
        // the bottom dock shows seven or more rows of the event list at 1280 x 800 (issue 12: it showed five); the inspector keeps the rest
        vertical.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(dockArea, false);

        // the palette runs the window's whole height beside the canvas and the dock, so that every
        // entry shows on a 768-pixel-high screen (under the canvas only, it was cut off there)
        SplitPane outer = new SplitPane(paletteArea, vertical);
        outer.setDividerPositions(0.13);
        SplitPane.setResizableWithParent(paletteArea, false);

        MenuBar menuBar = menus.menuBar();
        ToolBar toolBar = menus.toolBar();
        BorderPane main = new BorderPane(outer);
        main.setTop(new VBox(menuBar, toolBar));
        status.getStyleClass().add("status-line");
        status.textProperty().bind(state.message());
        status.setId("status");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox statusBar = new HBox(status, spring);
        statusBar.getStyleClass().add("status-bar");
        // long work (an import, an export) shows what it does with a spinner until it is done; the
        // spinner is made the first time there is some (not for the first frame)
        Once.whenTrue(commands.work().busy(), () -> statusBar.getChildren().add(workStatus(commands)));
        main.setBottom(statusBar);
        root.getChildren().addAll(main, ghostLayer);
    }

    /**
     * Adds what the chrome waits for: the inspector, the panels of the dock and the right-hand
     * column, the canvas's keys and context menus. Once only.
     */
    void complete() {
        if (panels != null) return;
        inspector = new Inspector(state, canvas);
        inspectorScroll.setContent(inspector);
        rightArea.getChildren().add(0, inspectorScroll);
        dockArea.getChildren().add(bottomDock);
        CanvasKeys.install(canvas, actions);
        ContextMenus.install(canvas, state, actions, commands);
        ScrollPane paletteScroll = new ScrollPane(palette);
        paletteScroll.setFitToWidth(true);
        paletteScroll.getStyleClass().add("palette-scroll");
        paletteArea.getChildren().setAll(paletteScroll);
        menus.fill();
        panels = new Panels(this);
        later.make();
    }

    /** Whether {@link #complete()} has run: the inspector and the panels are there. */
    public boolean completed() { return panels != null; }

    /** The chrome's tooltips and icons (palette, toolbar): made by {@link #complete()}, not before the first frame. */
    LaterChrome later() { return later; }

    /** The words over the empty canvas while the start document is on its way ("Opening welcome…"). */
    public Label loading() { return loading; }

    private static HBox workStatus(Commands commands) {
        javafx.scene.control.ProgressIndicator working = new javafx.scene.control.ProgressIndicator();
        working.getStyleClass().add("work-spinner");
        Label workText = new Label();
        workText.getStyleClass().add("status-line");
        workText.textProperty().bind(commands.work().what());
        HBox workBox = new HBox(working, workText);
        workBox.getStyleClass().add("work-status");
        workBox.setId("work-status");
        workBox.visibleProperty().bind(commands.work().busy());
        workBox.managedProperty().bind(commands.work().busy());
        return workBox;
    }

    public StackPane root() { return root; }

    public AppState state() { return state; }

    public CanvasView canvas() { return canvas; }

    public EditActions actions() { return actions; }

    public Inspector inspector() { return inspector; }

    /** The dock under the canvas: other panels add their tabs here. */
    public TabPane bottomDock() { return bottomDock; }

    /** The right-hand column; the inspector is its first child. */
    public VBox rightArea() { return rightArea; }

    public Menus menus() { return menus; }

    /** The simulation, flags, findings, matrix and learn panels. */
    public Panels panels() { return panels; }

    public Commands commands() { return commands; }
}
