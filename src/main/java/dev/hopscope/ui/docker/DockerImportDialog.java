package dev.hopscope.ui.docker;

import dev.hopscope.io.docker.EngineAddress;
import dev.hopscope.io.docker.EngineException;
import dev.hopscope.io.docker.LiveImporter;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.ui.MainWindow;
import java.util.Map;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The From Docker… dialog: an engine address (the docker CLI's default, DOCKER_HOST, or what the
 * user types), Import, a progress indicator with the step under way, and a one-line error when
 * the engine cannot be read. When the drawing on screen came from an engine, "Update the current
 * drawing" is ticked: the new state replaces the old one as one undoable edit, with the user's
 * boxes kept for every node that still exists. The engine is read on a worker thread, so the
 * window stays live; nothing on the engine is ever changed.
 */
public final class DockerImportDialog {

    /** The description an engine import writes starts with this, so the designer knows where a drawing came from. */
    static final String FROM_ENGINE = "Read from the Docker engine at ";

    private final MainWindow window;
    private final Function<EngineAddress, ImportResult> importer;
    private final Map<String, String> env;
    private String lastAddress;
    private Stage stage;
    private TextField address;
    private CheckBox update;
    private ProgressIndicator progress;
    private Label status;
    private Button importButton;

    public DockerImportDialog(MainWindow window) {
        this(window, System.getenv(), null);
    }

    /** {@code importer} null reads the engine for real, reporting progress into the dialog. */
    DockerImportDialog(MainWindow window, Map<String, String> env, Function<EngineAddress, ImportResult> importer) {
        this.window = window;
        this.env = env;
        this.importer = importer;
    }

    /** Opens the dialog (once; a second call brings it to the front). */
    public void show() {
        if (stage == null) build();
        String current = window.state().current().description();
        boolean fromEngine = current != null && current.startsWith(FROM_ENGINE);
        update.setSelected(fromEngine);
        update.setDisable(window.state().current().nodes().isEmpty());
        if (lastAddress != null) address.setText(lastAddress);
        else if (fromEngine) address.setText(current.substring(FROM_ENGINE.length()).split("[ (]", 2)[0]);
        status.setText("");
        status.getStyleClass().remove("docker-import-error");
        stage.show();
        stage.toFront();
        address.requestFocus();
    }

    /** Re-reads the engine of the last import into the drawing on screen, keeping its layout. */
    public void reimport() {
        if (stage == null) build();
        if (lastAddress == null) {
            show();
            return;
        }
        address.setText(lastAddress);
        update.setSelected(true);
        stage.show();
        start();
    }

    Stage stage() { return stage; }

    private void build() {
        stage = new Stage();
        stage.setTitle("Import from Docker");
        stage.initModality(Modality.NONE);
        if (window.root().getScene() != null) stage.initOwner(window.root().getScene().getWindow());

        address = new TextField();
        address.setId("docker-address");
        address.setPromptText(EngineAddress.DEFAULT_SOCKET);
        String fromEnv = env.get("DOCKER_HOST");
        address.setText(fromEnv == null || fromEnv.isBlank() ? EngineAddress.DEFAULT_SOCKET : fromEnv);
        address.setPrefColumnCount(32);
        Label hint = new Label("unix:///PATH or tcp://HOST:PORT. TLS is used as the docker CLI uses it: DOCKER_TLS_VERIFY and"
                + " DOCKER_CERT_PATH. Hopscope only reads the engine: it never starts, stops or changes anything.");
        hint.setWrapText(true);
        hint.getStyleClass().add("docker-import-hint");
        hint.setMaxWidth(460);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        update = new CheckBox("Update the current drawing (keep my layout)");
        update.setId("docker-update");

        progress = new ProgressIndicator();
        progress.setId("docker-progress");
        progress.setPrefSize(22, 22);
        progress.setVisible(false);
        status = new Label();
        status.setId("docker-status");
        status.setWrapText(true);
        status.setMaxWidth(420);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().addListener((o, a, b) -> Platform.runLater(() -> { if (stage.isShowing()) stage.sizeToScene(); }));

        importButton = new Button("Import");
        importButton.setId("docker-import");
        importButton.setDefaultButton(true);
        importButton.setOnAction(e -> start());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.add(new Label("Engine"), 0, 0);
        form.add(address, 1, 0);
        form.add(hint, 1, 1);
        form.add(update, 1, 2);
        GridPane.setHgrow(address, Priority.ALWAYS);
        HBox working = new HBox(8, progress, status);
        working.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox buttons = new HBox(8, importButton, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(14, form, working, buttons);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("docker-import");
        Scene scene = new Scene(root);
        if (window.root().getScene() != null) scene.getStylesheets().setAll(window.root().getScene().getStylesheets());
        stage.setScene(scene);
    }

    private void start() {
        EngineAddress target;
        try {
            target = EngineAddress.resolve(address.getText(), env);
        } catch (EngineException e) {
            fail(e.getMessage());
            return;
        }
        boolean merge = update.isSelected() && !update.isDisabled();
        importButton.setDisable(true);
        progress.setVisible(true);
        status.getStyleClass().remove("docker-import-error");
        status.setText("Connecting to " + target.uri() + "…");
        Task<ImportResult> task = new Task<>() {
            @Override protected ImportResult call() {
                if (importer != null) return importer.apply(target);
                return LiveImporter.importEngine(target, step -> updateMessage(step + "…"));
            }
        };
        task.messageProperty().addListener((o, a, m) -> { if (m != null && !m.isBlank()) status.setText(m); });
        task.setOnSucceeded(e -> done(target, task.getValue(), merge));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            fail(t instanceof EngineException ? t.getMessage() : "Cannot read the engine at " + target.uri() + ": "
                    + (t.getMessage() == null ? "the read failed" : t.getMessage().lines().findFirst().orElse("")));
        });
        Thread worker = new Thread(task, "docker-import");
        worker.setDaemon(true);
        worker.start();
    }

    private void done(EngineAddress target, ImportResult result, boolean merge) {
        progress.setVisible(false);
        importButton.setDisable(false);
        Document fresh = result.document();
        int containers = fresh.all(Container.class).size();
        String summary = containers + " container" + (containers == 1 ? "" : "s") + " from " + target.uri()
                + (result.warnings().isEmpty() ? "" : " (" + result.warnings().size() + " warning" + (result.warnings().size() == 1 ? "" : "s")
                + ": " + result.warnings().get(0) + (result.warnings().size() > 1 ? " …" : "") + ")");
        if (merge) {
            window.state().executeEdit("Re-import from Docker", d -> LiveImporter.reimport(d, fresh));
            window.state().message().set("Updated from Docker: " + summary);
        } else {
            if (!window.commands().confirmDiscard()) {
                status.setText("Not imported: the drawing on screen has unsaved changes");
                return;
            }
            window.state().reset(fresh, null);
            Platform.runLater(() -> window.canvas().fit());
            window.state().message().set("Imported from Docker: " + summary);
        }
        lastAddress = target.uri().toString();
        status.setText("Imported " + summary);
        stage.hide();
    }

    private void fail(String message) {
        progress.setVisible(false);
        importButton.setDisable(false);
        status.setText(message);
        if (!status.getStyleClass().contains("docker-import-error")) status.getStyleClass().add("docker-import-error");
    }
}
