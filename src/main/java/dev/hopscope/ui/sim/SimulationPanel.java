package dev.hopscope.ui.sim;

import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.HoverTip;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.animation.PauseTransition;
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
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation panel in the bottom dock: the flow (source, destination, protocol, port or ping
 * size; or two clicks on the canvas) and the player's controls on top; below, the event filters
 * and the event list beside the verdict and the header view. The trace is computed by the engine
 * on a worker thread. It never shows a stale answer: an edit of the drawing traces the flow again
 * (after a short pause, like the live flags), and a new document clears the panel.
 */
public final class SimulationPanel extends BorderPane {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");
    /** How long the drawing must stay still before the shown flow is traced again. */
    static final Duration RETRACE_DELAY = Duration.millis(150);

    private static final String HINT = "Choose a source and a destination (or pick them on the canvas with the target button), then press Play.";

    /**
     * A flow as it was traced: what an edit traces again. {@code target} is a way to reach the
     * destination the learner picked among a trace's alternatives, {@code endpoint} the Service
     * endpoint (node id) picked among its branches; null for the engine's own choice.
     */
    public record Flow(String from, String to, Probe probe, dev.hopscope.net.trace.Target target, String endpoint) {
        public Flow(String from, String to, Probe probe) { this(from, to, probe, null, null); }

        Flow way(dev.hopscope.net.trace.Target t) { return new Flow(from, to, probe, t, null); }

        Flow branch(String e) { return new Flow(from, to, probe, null, e); }
    }

    private final AppState state;
    private final Playback playback = new Playback();
    private final Player player;
    private final ComboBox<String> source = new ComboBox<>();
    private final ComboBox<String> destination = new ComboBox<>();
    private final ChoiceBox<String> proto = new ChoiceBox<>();
    private final TextField port = new TextField();
    private final ToggleButton pick = new ToggleButton(null, new FontIcon("mdi2c-crosshairs-gps"));
    private final Label verdict = new Label();
    private final LayerView headers = new LayerView();
    private final EventList events;
    private final VBox side = new VBox();
    private final RouteChoices choices = new RouteChoices(a -> { if (this.flow != null) run(this.flow.way(a.target()), -1); },
            b -> { if (this.flow != null) run(this.flow.branch(b.endpoint()), -1); });
    private final SplitPane body;
    private final AtomicLong generation = new AtomicLong();
    private final PauseTransition retrace = new PauseTransition(RETRACE_DELAY);
    private final HBox bar;
    private final CaptureSaver captures;
    private boolean playWhenLoaded;
    private String traced;
    private Flow flow;
    private boolean resetPending;
    private final javafx.beans.property.BooleanProperty locked = new javafx.beans.property.SimpleBooleanProperty(this, "locked");
    private final javafx.beans.property.StringProperty verdictOverride = new javafx.beans.property.SimpleStringProperty(this, "verdictOverride");
    private boolean pickingDestination;

    public SimulationPanel(AppState state, CanvasView canvas) {
        this.state = state;
        this.player = new Player(playback, canvas, state);
        this.captures = new CaptureSaver(() -> getScene() == null ? null : getScene().getWindow(), m -> state.message().set(m));
        getStyleClass().add("simulation-panel");
        setId("simulation-panel");
        Stylesheets.addTo(this);

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
        HoverTip.install(pick, "Pick on the canvas: click the source, then the destination");
        Button trace = new Button("Trace");
        trace.setId("sim-trace");
        trace.setDefaultButton(false);
        trace.setOnAction(e -> trace(false));
        destination.getEditor().setOnAction(e -> trace(false));
        port.setOnAction(e -> trace(false));

        Button reset = button("mdi2r-restart", "Reset to the first hop", "sim-reset", e -> playback.reset());
        Button back = button("mdi2s-skip-previous", "Step back", "sim-back", e -> playback.back());
        Button play = button("mdi2p-play", () -> {
            Tooltip t = new Tooltip();
            t.textProperty().bind(Bindings.when(playback.playing()).then("Pause").otherwise("Play"));
            return t;
        }, "sim-play", e -> togglePlay());
        Button forward = button("mdi2s-skip-next", "Step forward", "sim-forward", e -> { playback.pause(); playback.forward(); });
        play.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(playback.playing().get() ? "mdi2p-pause" : "mdi2p-play"), playback.playing()));
        back.disableProperty().bind(Bindings.size(playback.steps()).isEqualTo(0).or(locked));
        reset.disableProperty().bind(back.disableProperty());
        forward.disableProperty().bind(back.disableProperty());
        play.disableProperty().bind(locked);
        trace.disableProperty().bind(locked);
        source.disableProperty().bind(locked);
        destination.disableProperty().bind(locked);
        proto.disableProperty().bind(locked);
        port.disableProperty().bind(locked);
        pick.disableProperty().bind(locked);
        Slider speed = new Slider(0.25, 4, 1);
        speed.setId("sim-speed");
        speed.getStyleClass().add("sim-speed");
        playback.speed().bind(speed.valueProperty());
        Label speedLabel = new Label();
        speedLabel.getStyleClass().add("sim-speed-label");
        speedLabel.textProperty().bind(Bindings.format("%.2g×", speed.valueProperty()));
        verdict.setId("sim-verdict");
        verdict.getStyleClass().add("sim-verdict");
        verdict.setWrapText(true);
        // at most four lines (an Ingress's verdict tells both connections): the rest ends in "…", whole in the tooltip,
        // so that a long verdict never covers the controls above it
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            double w = verdict.getWidth() > 0 ? verdict.getWidth() : 300;
            javafx.scene.text.Text probe = new javafx.scene.text.Text(verdict.getText());
            probe.setFont(verdict.getFont());
            probe.setWrappingWidth(Math.max(40, w - verdict.getInsets().getLeft() - verdict.getInsets().getRight()));
            double line = verdict.getFont().getSize() * 1.35;
            double h = probe.getLayoutBounds().getHeight();
            return Math.min(h, line * 4) + verdict.getInsets().getTop() + verdict.getInsets().getBottom() + 2;
        }, verdict.textProperty(), verdict.widthProperty(), verdict.fontProperty()));
        verdict.setText(HINT);

        Label arrow = new Label("→");
        arrow.getStyleClass().add("sim-arrow");
        HoverTip.install(speed, "Playback speed");
        bar = new HBox(source, arrow, destination, proto, port, pick, trace,
                new Separator(Orientation.VERTICAL), reset, back, play, forward,
                speed, speedLabel);
        bar.getStyleClass().add("sim-bar");
        // buttons keep their size; the endpoint boxes give way first
        for (javafx.scene.Node n : bar.getChildren())
            if (n instanceof javafx.scene.control.ButtonBase || n instanceof ChoiceBox) ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        // the trace on screen as a pcapng file for Wireshark (CaptureSaver asks where and writes it)
        Button capture = new Button("Save as capture…", new FontIcon("mdi2f-file-download-outline"));
        capture.setId("sim-capture");
        capture.getStyleClass().add("sim-capture");
        HoverTip.install(capture, "Save this trace, both ways, as a pcapng capture to open in Wireshark");
        capture.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        // locked during a challenge: the capture would tell the whole path and outcome
        capture.disableProperty().bind(playback.trace().isNull().or(locked));
        capture.setOnAction(e -> captures.save(playback.trace().get(), written -> {}));
        HBox verdictRow = new HBox(verdict, capture);
        verdictRow.setAlignment(Pos.CENTER_LEFT);
        verdictRow.getStyleClass().add("sim-verdict-row");
        HBox.setHgrow(verdict, Priority.ALWAYS);
        setTop(bar);

        // the event list takes the panel's height: the verdict sits over the header view
        events = new EventList(playback);
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox list = new VBox(new EventFilterBar(playback), events);
        list.getStyleClass().add("event-column");
        ScrollPane headerScroll = new ScrollPane(headers);
        headerScroll.setFitToWidth(true);
        headerScroll.getStyleClass().add("header-scroll");
        VBox.setVgrow(headerScroll, Priority.ALWAYS);
        side.getStyleClass().add("sim-side");
        side.getChildren().add(choices);
        VBox detail = new VBox(verdictRow, side, headerScroll);
        detail.getStyleClass().add("sim-detail");
        body = new SplitPane(list, detail);
        body.setDividerPositions(0.5);
        setCenter(body);

        playback.current().addListener((o, a, i) -> showLayers());
        playback.steps().addListener((javafx.collections.ListChangeListener<Step>) c -> showLayers());
        playback.trace().addListener((o, a, t) -> showVerdict(t));
        playback.error().addListener((o, a, m) -> { if (!m.isEmpty()) showVerdict(null); });

        retrace.setOnFinished(e -> traceAgain());
        // resets move before the document does: the document change that follows is another document, not an edit
        state.resets().addListener((o, a, n) -> {
            resetPending = true;
            clear();
            // an equal document fires no change: forget the flag once reset() has returned
            Platform.runLater(() -> resetPending = false);
        });
        state.document().addListener((o, a, d) -> {
            fillChoices(d);
            if (resetPending) {
                resetPending = false;
                return;
            }
            // moving a node, renaming the document or saving a scenario changes no packet's way
            if (a != null && d != null && a.nodes().equals(d.nodes())) return;
            edited();
        });
        fillChoices(state.current());
        canvas.onNodeClicked(this::picked);
    }

    public Playback playback() { return playback; }

    /** Adds a tool (the intent tool) to the controls, after the playback buttons. */
    public void addTool(javafx.scene.Node tool) {
        // like the player's buttons, a tool keeps its words; the endpoint boxes give way first
        if (tool instanceof javafx.scene.control.Control c) c.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        bar.getChildren().addAll(new Separator(Orientation.VERTICAL), tool);
    }

    /** Adds a pane at the left of the body (the scenario list). */
    public void addLeft(javafx.scene.Node pane, double width) {
        body.getItems().add(0, pane);
        SplitPane.setResizableWithParent(pane, false);
        body.setDividerPositions(width, width + (1 - width) * 0.55);
    }

    /** The place under the verdict for choices about the trace shown (a challenge's question). */
    public VBox side() { return side; }

    /** The probe the controls describe now (throws IllegalArgumentException when they do not parse). */
    public Probe currentProbe() { return probe(); }

    /**
     * The probe an expected flow to {@code destination} should take: the panel's, when the
     * destination listens on it (or it is a ping); otherwise the first port it listens on; else a ping.
     */
    public Probe probeFor(Node destination) {
        Probe p;
        try {
            p = probe();
        } catch (IllegalArgumentException e) {
            p = Probe.icmp();
        }
        if (p.proto() == Proto.ICMP) return p;
        List<Probe> open = listening(destination);
        if (open.contains(new Probe(p.proto(), p.port(), 0))) return p;
        return open.isEmpty() ? Probe.icmp() : open.get(0);
    }

    private static List<Probe> listening(Node n) {
        List<Probe> out = new ArrayList<>();
        List<Socket> sockets = n instanceof Container c ? c.sockets() : n instanceof Pod p ? p.sockets() : n instanceof External e ? e.sockets() : List.of();
        for (Socket s : sockets) out.add(new Probe(s.proto(), s.port(), 0));
        if (n instanceof Service s) for (Service.ServicePort sp : s.ports()) out.add(new Probe(sp.proto(), sp.port(), 0));
        return out;
    }

    public Player player() { return player; }

    /** "Save as capture…": tests answer its file chooser with {@link CaptureSaver#chooseWith}. */
    public CaptureSaver captures() { return captures; }

    /** The ways and Service endpoints the learner may pick for the trace shown. */
    public RouteChoices choices() { return choices; }

    /** The current step by layer, in and out. */
    public LayerView headers() { return headers; }

    private void showLayers() {
        Step s = playback.currentStep();
        headers.show(s, playback.arriving(s), state.current());
    }

    public EventList events() { return events; }

    /**
     * While true the flow controls and the player's buttons are off (a challenge steps the
     * packet itself); the event list and the header view still work.
     */
    public javafx.beans.property.BooleanProperty locked() { return locked; }

    /** Shows this text where the verdict goes (a challenge hides the outcome); null shows the verdict again. */
    public void overrideVerdict(String text) {
        verdictOverride.set(text);
        showVerdict(playback.trace().get());
    }

    /** The flow last traced (what an edit traces again), or null. */
    public Flow flow() { return flow; }

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
        retrace.stop();
        setFlow(t.from(), t.to(), t.probe());
        traced = flowKey();
        flow = new Flow(t.from(), t.to(), t.probe());
        playback.load(t, null);
        showVerdict(t);
        // a trace made elsewhere (findings, the matrix) carries no narrator: an Ingress controller's sentence is
        // written from this drawing, compiled on the worker; the row says a plain sentence until then
        if (t.proxied().isPresent()) {
            Document doc = state.current();
            Background.TRACES.submit(() -> {
                String sentence;
                try {
                    sentence = proxiedSentence(Network.compile(doc), t);
                } catch (RuntimeException ex) {
                    return; // the plain sentence stays
                }
                Platform.runLater(() -> playback.narrateProxy(t, sentence));
            });
        }
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
            flow = null;
            playback.fail("Choose a source and a destination (or pick them on the canvas).");
            return;
        }
        Probe probe;
        try {
            probe = probe();
        } catch (IllegalArgumentException ex) {
            flow = null;
            playback.fail(ex.getMessage());
            return;
        }
        playWhenLoaded = play;
        traced = flowKey();
        run(new Flow(from, to, probe), -1);
    }

    /** Traces a flow on the worker; {@code keepStep} is the step to show when it comes back (or -1 for the first). */
    private void run(Flow f, int keepStep) {
        retrace.stop();
        flow = f;
        long gen = generation.incrementAndGet();
        Document doc = state.current();
        verdict.setText("tracing…");
        verdict.pseudoClassStateChanged(OK, false);
        verdict.pseudoClassStateChanged(BROKEN, false);
        Background.TRACES.submit(() -> {
            Trace t = null;
            String error = null;
            String proxied = null;
            try {
                Network net = Network.compile(doc);
                t = traceOf(net, f);
                proxied = proxiedSentence(net, t);
            } catch (RuntimeException ex) {
                error = ex.getMessage() == null ? "the engine could not trace this flow" : ex.getMessage();
            }
            Trace result = t;
            String message = error;
            String sentence = proxied;
            Platform.runLater(() -> {
                if (generation.get() != gen) return;
                if (result == null) {
                    playback.fail("Cannot trace: " + message);
                    return;
                }
                playback.load(result, sentence);
                // the same answer as before is still an answer: say it, whatever the property thinks
                showVerdict(result);
                if (keepStep > 0 && keepStep < playback.steps().size()) playback.jump(keepStep);
                if (playWhenLoaded) playback.play();
                playWhenLoaded = false;
            });
        });
    }

    /** The narrator's sentence for where an Ingress controller carried the request on, or null. */
    private static String proxiedSentence(Network net, Trace t) {
        return t == null ? null : t.proxied().map(p -> net.tracer().narrator().proxied(p)).orElse(null);
    }

    /** The flow as the learner chose it: a way picked among the alternatives, a Service endpoint, or the engine's choice. */
    private static Trace traceOf(Network net, Flow f) {
        if (f.target() != null) return net.tracer().trace(f.from(), f.target(), f.probe());
        if (f.endpoint() != null) {
            try {
                return net.tracer().trace(f.from(), dev.hopscope.model.Destination.parse(f.to()), f.probe(), f.endpoint());
            } catch (IllegalArgumentException gone) {
                // the endpoint is no longer one of this flow's (an edit): the engine's own choice then
            }
        }
        return net.trace(f.from(), f.to(), f.probe());
    }

    /** The drawing changed: what the panel shows is stale, so it goes now and the flow is traced again shortly. */
    private void edited() {
        if (flow == null) return;
        int at = playback.current().get();
        generation.incrementAndGet();
        boolean wasPlaying = playback.playing().get();
        playback.load(null);
        verdict.setText("The drawing changed: tracing " + flow.from() + " → " + flow.to() + " " + flow.probe() + " again…");
        verdict.pseudoClassStateChanged(OK, false);
        verdict.pseudoClassStateChanged(BROKEN, false);
        keptStep = Math.max(keptStep, at);
        playWhenLoaded = wasPlaying;
        retrace.playFromStart();
    }

    private int keptStep = -1;

    private void traceAgain() {
        if (flow == null) return;
        // a picked address may not survive the edit; a picked endpoint is a node and is tried again
        if (flow.target() != null) flow = new Flow(flow.from(), flow.to(), flow.probe());
        traced = flowKey();
        int keep = keptStep;
        keptStep = -1;
        run(flow, keep);
    }

    /** Another document: nothing of the old one stays in the controls, the list or the canvas. */
    private void clear() {
        generation.incrementAndGet();
        retrace.stop();
        flow = null;
        traced = null;
        keptStep = -1;
        playWhenLoaded = false;
        pick.setSelected(false);
        pickingDestination = false;
        source.setValue(null);
        destination.setValue(null);
        destination.getEditor().setText("");
        proto.setValue("icmp");
        port.setText("");
        playback.load(null);
        showVerdict(null);
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

    private void showVerdict(Trace t) {
        choices.show(verdictOverride.get() != null ? null : t, state.current());
        if (verdictOverride.get() != null) {
            verdict.setText(verdictOverride.get());
            verdict.pseudoClassStateChanged(OK, false);
            verdict.pseudoClassStateChanged(BROKEN, false);
            verdict.setTooltip(null);
            return;
        }
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

    private void fillChoices(Document d) {
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (Node n : d.nodes()) {
            boolean endpoint = n instanceof Container || n instanceof Pod || n instanceof External || n instanceof Host;
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
        return button(icon, () -> new Tooltip(tip), id, action);
    }

    /** A tool button whose tooltip {@code tip} makes on the pointer's first entry ({@link HoverTip}). */
    private static Button button(String icon, java.util.function.Supplier<Tooltip> tip, String id, EventHandler<ActionEvent> action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add("sim-button");
        b.setId(id);
        HoverTip.install(b, tip);
        b.setOnAction(action);
        return b;
    }
}
