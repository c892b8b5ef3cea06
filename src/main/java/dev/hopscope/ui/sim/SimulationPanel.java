package dev.hopscope.ui.sim;

import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation panel in the bottom dock: the flow (source, destination, protocol, port or ping
 * size; or two clicks on the canvas), the player's controls and speed, the verdict, and below them
 * the event list beside the header view. The trace is computed by the engine on a worker thread.
 */
public final class SimulationPanel extends BorderPane {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

    private static final String HINT = "Choose a source and a destination (or pick them on the canvas with the target button), then press Play.";

    private final AppState state;
    private final Playback playback = new Playback();
    private final Player player;
    private final ComboBox<String> source = new ComboBox<>();
    private final ComboBox<String> destination = new ComboBox<>();
    private final ChoiceBox<String> proto = new ChoiceBox<>();
    private final TextField port = new TextField();
    private final ToggleButton pick = new ToggleButton(null, new FontIcon("mdi2c-crosshairs-gps"));
    private final Label verdict = new Label();
    private final HeaderView headers = new HeaderView();
    private final AtomicLong generation = new AtomicLong();
    private final HBox bar;
    private final CaptureSaver captures;
    private boolean playWhenLoaded;
    private String traced;

    public SimulationPanel(AppState state, CanvasView canvas) {
        this.state = state;
        this.player = new Player(playback, canvas, state);
        this.captures = new CaptureSaver(() -> getScene() == null ? null : getScene().getWindow(), m -> state.message().set(m));
        getStyleClass().add("simulation-panel");
        setId("simulation-panel");

        source.setId("sim-source");
        source.setPromptText("from");
        source.getStyleClass().add("sim-endpoint");
        destination.setId("sim-destination");
        destination.setEditable(true);
        destination.setPromptText("to: endpoint, address or name");
        destination.getStyleClass().add("sim-endpoint");
        proto.setId("sim-proto");
        proto.getItems().addAll("icmp", "tcp", "udp");
        proto.setValue("icmp");
        port.setId("sim-port");
        port.getStyleClass().add("sim-port");
        port.promptTextProperty().bind(Bindings.when(proto.valueProperty().isEqualTo("icmp")).then("size").otherwise("port"));
        pick.setId("sim-pick");
        pick.setTooltip(new Tooltip("Pick on the canvas: click the source, then the destination"));
        Button trace = new Button("Trace");
        trace.setId("sim-trace");
        trace.setDefaultButton(false);
        trace.setOnAction(e -> trace(false));
        destination.getEditor().setOnAction(e -> trace(false));
        port.setOnAction(e -> trace(false));

        Button reset = button("mdi2r-restart", "Reset to the first hop", "sim-reset", e -> playback.reset());
        Button back = button("mdi2s-skip-previous", "Step back", "sim-back", e -> playback.back());
        Button play = button("mdi2p-play", "Play", "sim-play", e -> togglePlay());
        Button forward = button("mdi2s-skip-next", "Step forward", "sim-forward", e -> { playback.pause(); playback.forward(); });
        play.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(playback.playing().get() ? "mdi2p-pause" : "mdi2p-play"), playback.playing()));
        play.getTooltip().textProperty().bind(Bindings.when(playback.playing()).then("Pause").otherwise("Play"));
        back.disableProperty().bind(Bindings.size(playback.steps()).isEqualTo(0));
        reset.disableProperty().bind(back.disableProperty());
        forward.disableProperty().bind(back.disableProperty());
        Slider speed = new Slider(0.25, 4, 1);
        speed.setId("sim-speed");
        speed.getStyleClass().add("sim-speed");
        playback.speed().bind(speed.valueProperty());
        Label speedLabel = new Label();
        speedLabel.getStyleClass().add("sim-speed-label");
        speedLabel.textProperty().bind(Bindings.format("%.2g×", speed.valueProperty()));
        verdict.setId("sim-verdict");
        verdict.getStyleClass().add("sim-verdict");
        verdict.setText(HINT);

        Label arrow = new Label("→");
        arrow.getStyleClass().add("sim-arrow");
        Label speedCaption = new Label("speed");
        speedCaption.getStyleClass().add("sim-caption");
        bar = new HBox(source, arrow, destination, proto, port, pick, trace,
                new Separator(Orientation.VERTICAL), reset, back, play, forward,
                speedCaption, speed, speedLabel);
        bar.getStyleClass().add("sim-bar");
        // buttons keep their size; the endpoint boxes give way first
        for (javafx.scene.Node n : bar.getChildren())
            if (n instanceof javafx.scene.control.ButtonBase || n instanceof ChoiceBox) ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        // the trace on screen as a pcapng file for Wireshark (CaptureSaver asks where and writes it)
        Button capture = new Button("Save as capture…", new FontIcon("mdi2f-file-download-outline"));
        capture.setId("sim-capture");
        capture.getStyleClass().add("sim-capture");
        capture.setTooltip(new Tooltip("Save this trace, both ways, as a pcapng capture to open in Wireshark"));
        capture.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        capture.disableProperty().bind(playback.trace().isNull());
        capture.setOnAction(e -> captures.save(playback.trace().get(), written -> {}));
        HBox verdictRow = new HBox(verdict, capture);
        verdictRow.setAlignment(Pos.CENTER_LEFT);
        verdictRow.getStyleClass().add("sim-verdict-row");
        setTop(new javafx.scene.layout.VBox(bar, verdictRow));

        EventList events = new EventList(playback);
        ScrollPane headerScroll = new ScrollPane(headers);
        headerScroll.setFitToWidth(true);
        headerScroll.getStyleClass().add("header-scroll");
        SplitPane body = new SplitPane(events, headerScroll);
        body.setDividerPositions(0.52);
        setCenter(body);

        playback.current().addListener((o, a, i) -> headers.show(playback.currentStep()));
        playback.steps().addListener((javafx.collections.ListChangeListener<Step>) c -> headers.show(playback.currentStep()));
        playback.trace().addListener((o, a, t) -> showVerdict(t));
        playback.error().addListener((o, a, m) -> { if (!m.isEmpty()) showVerdict(null); });

        state.document().addListener((o, a, d) -> {
            fillChoices(d);
            forgetIfGone(d);
        });
        fillChoices(state.current());
        canvas.onNodeClicked(this::picked);
        HBox.setHgrow(verdict, Priority.ALWAYS);
    }

    public Playback playback() { return playback; }

    /** Adds a tool (the intent tool) to the controls, after the playback buttons. */
    public void addTool(javafx.scene.Node tool) {
        bar.getChildren().addAll(new Separator(Orientation.VERTICAL), tool);
    }

    /** The probe the controls describe now (throws IllegalArgumentException when they do not parse). */
    public Probe currentProbe() { return probe(); }

    public Player player() { return player; }

    /** "Save as capture…": tests answer its file chooser with {@link CaptureSaver#chooseWith}. */
    public CaptureSaver captures() { return captures; }

    public HeaderView headers() { return headers; }

    /** Sets the flow in the controls, traces it and (optionally) plays it. */
    public void traceFlow(String from, String to, Probe probe, boolean play) {
        setFlow(from, to, probe);
        trace(play);
    }

    /** Puts a flow in the controls without tracing it (a lesson's flow, ready for Play). */
    public void setFlow(String from, String to, Probe probe) {
        source.setValue(from);
        destination.setValue(to);
        destination.getEditor().setText(to);
        proto.setValue(probe.proto().label());
        port.setText(probe.proto() == Proto.ICMP ? (probe.size() > 0 ? String.valueOf(probe.size()) : "") : String.valueOf(probe.port()));
    }

    /** Shows a trace the engine already made (from an intent or the matrix). */
    public void showTrace(Trace t) {
        generation.incrementAndGet();
        source.setValue(t.from());
        destination.setValue(t.to());
        destination.getEditor().setText(t.to());
        proto.setValue(t.probe().proto().label());
        port.setText(t.probe().proto() == Proto.ICMP ? (t.probe().size() > 0 ? String.valueOf(t.probe().size()) : "") : String.valueOf(t.probe().port()));
        traced = flowKey();
        playback.load(t);
    }

    private void togglePlay() {
        if (playback.playing().get()) {
            playback.pause();
            return;
        }
        if (playback.steps().isEmpty() || !flowKey().equals(traced)) trace(true);
        else playback.play();
    }

    private String flowKey() {
        return source.getValue() + "|" + destination.getEditor().getText() + "|" + proto.getValue() + "|" + port.getText() + "|" + System.identityHashCode(state.current());
    }

    /** Traces the flow in the controls on the worker thread; the newest request wins. */
    private void trace(boolean play) {
        String from = source.getValue();
        String to = destination.getEditor().getText() == null ? "" : destination.getEditor().getText().trim();
        if (from == null || from.isBlank() || to.isEmpty()) {
            playback.fail("Choose a source and a destination (or pick them on the canvas).");
            return;
        }
        Probe probe;
        try {
            probe = probe();
        } catch (IllegalArgumentException ex) {
            playback.fail(ex.getMessage());
            return;
        }
        playWhenLoaded = play;
        traced = flowKey();
        long gen = generation.incrementAndGet();
        Document doc = state.current();
        verdict.setText("tracing…");
        Background.TRACES.submit(() -> {
            Trace t = null;
            String error = null;
            try {
                t = Network.compile(doc).trace(from, to, probe);
            } catch (RuntimeException ex) {
                error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            }
            Trace result = t;
            String message = error;
            Platform.runLater(() -> {
                if (generation.get() != gen) return;
                if (result == null) {
                    playback.fail("Cannot trace: " + message);
                    return;
                }
                playback.load(result);
                if (playWhenLoaded) playback.play();
            });
        });
    }

    private Probe probe() {
        String p = proto.getValue();
        String n = port.getText() == null ? "" : port.getText().trim();
        if ("icmp".equals(p)) return n.isEmpty() ? Probe.icmp() : Probe.parse("icmp/" + n);
        if (n.isEmpty()) {
            String to = destination.getEditor().getText();
            int colon = to == null ? -1 : to.lastIndexOf(':');
            if (colon > 0) n = to.substring(colon + 1);
        }
        if (n.isEmpty()) throw new IllegalArgumentException(p + " needs a port");
        return Probe.parse(p + "/" + n);
    }

    /** Another document (or nodes deleted): a trace through nodes that are gone is cleared. */
    private void forgetIfGone(Document d) {
        for (Step s : playback.steps()) {
            String node = s.hop().node();
            if (node != null && d.node(node).isEmpty()) {
                generation.incrementAndGet();
                playback.load(null);
                return;
            }
        }
    }

    private void showVerdict(Trace t) {
        pseudoClassStateChanged(OK, false);
        verdict.pseudoClassStateChanged(OK, t != null && t.disposition().isSuccessful());
        verdict.pseudoClassStateChanged(BROKEN, t == null || !t.disposition().isSuccessful());
        if (t == null) {
            verdict.setText(playback.error().get().isEmpty() ? HINT : playback.error().get());
            verdict.pseudoClassStateChanged(BROKEN, !playback.error().get().isEmpty());
            verdict.setTooltip(null);
            return;
        }
        String via = t.via() == null || t.via().isBlank() || "-".equals(t.via()) ? "" : " (sent to " + t.via() + ")";
        verdict.setText(t.disposition() + via + " — " + t.reason());
        verdict.setTooltip(new Tooltip(t.disposition() + via + "\n" + t.reason()));
    }

    /** Two clicks on the canvas while picking: the source, then the destination. */
    private void picked(String id) {
        if (!pick.isSelected()) return;
        Node n = state.current().node(id).orElse(null);
        if (n == null) return;
        if (source.getValue() == null || source.getValue().isBlank() || !pickingDestination) {
            source.setValue(n.name());
            pickingDestination = true;
            state.message().set("Source " + n.name() + ": now click the destination");
        } else {
            destination.setValue(n.name());
            destination.getEditor().setText(n.name());
            pickingDestination = false;
            pick.setSelected(false);
            state.message().set("Flow " + source.getValue() + " → " + n.name());
            trace(false);
        }
    }

    private boolean pickingDestination;

    private void fillChoices(Document d) {
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (Node n : d.nodes()) {
            boolean endpoint = n instanceof dev.hopscope.model.Container || n instanceof Pod || n instanceof External || n instanceof Host;
            if (endpoint) from.add(n.name());
            if (endpoint || n instanceof Service) to.add(n.name());
        }
        String s = source.getValue();
        String t = destination.getEditor().getText();
        if (!source.getItems().equals(from)) source.getItems().setAll(from);
        if (!destination.getItems().equals(to)) destination.getItems().setAll(to);
        source.setValue(s);
        destination.getEditor().setText(t);
    }

    private static Button button(String icon, String tip, String id, EventHandler<ActionEvent> action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add("sim-button");
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(action);
        return b;
    }
}
