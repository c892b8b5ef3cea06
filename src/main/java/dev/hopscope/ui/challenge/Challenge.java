package dev.hopscope.ui.challenge;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.sim.EventProtocol;
import dev.hopscope.ui.sim.Playback;
import dev.hopscope.ui.sim.SimulationPanel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trace played as a quiz in the simulation panel ({@code #challenge}, shown under the verdict).
 * The panel's controls are locked, the event list shows only what has played, and the outcome
 * stays hidden; each question waits for an answer (a button, or a click on the canvas for "where
 * next"), the answer is shown against the right one, and the packet plays on to the next
 * question. At the end the score is shown and kept per sample ({@link Scores}). An edit of the
 * drawing or another document stops the challenge.
 */
public final class Challenge extends VBox {
    static final PseudoClass RIGHT = PseudoClass.getPseudoClass("right");
    static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");

    /** One answer given. */
    public record Answer(ChallengePlan.Question question, String given, boolean right) {}

    private final AppState state;
    private final SimulationPanel sim;
    private final Scores scores;
    private final ChoiceMarks marks;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final Label title = new Label("Challenge");
    private final Label flowLabel = new Label();
    private final Label tally = new Label();
    private final Label prompt = new Label();
    private final FlowPane options = new FlowPane();
    private final VBox history = new VBox();
    private final HBox end = new HBox();
    private final List<Answer> answers = new ArrayList<>();
    private ChallengePlan plan;
    private int asked = -1;
    private boolean waitingForArrival;
    private boolean driving;
    private String sample;
    private SimulationPanel.Flow flow;
    private ChangeListener<Trace> pendingTrace;
    private Consumer<Scores.Score> onFinished = s -> {};

    public Challenge(AppState state, SimulationPanel sim, CanvasView canvas, Scores scores) {
        this.state = state;
        this.sim = sim;
        this.scores = scores;
        this.marks = new ChoiceMarks(canvas);
        getStyleClass().add("challenge");
        setId("challenge");
        dev.hopscope.ui.sim.Stylesheets.addTo(this);
        title.getStyleClass().add("challenge-title");
        title.setGraphic(new FontIcon("mdi2t-trophy-outline"));
        tally.getStyleClass().add("challenge-tally");
        tally.setId("challenge-tally");
        title.setMinWidth(Region.USE_PREF_SIZE);
        flowLabel.getStyleClass().add("challenge-flow");
        tally.setMinWidth(Region.USE_PREF_SIZE);
        Button stop = new Button("Stop");
        stop.setId("challenge-stop");
        stop.getStyleClass().add("challenge-stop");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> stop("Challenge stopped."));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox head = new HBox(title, flowLabel, spring, tally, stop);
        head.getStyleClass().add("challenge-head");
        head.setAlignment(Pos.CENTER_LEFT);
        prompt.getStyleClass().add("challenge-prompt");
        prompt.setId("challenge-prompt");
        prompt.setWrapText(true);
        prompt.setMinHeight(Region.USE_PREF_SIZE);
        options.getStyleClass().add("challenge-options");
        options.setId("challenge-options");
        history.getStyleClass().add("challenge-history");
        history.setId("challenge-history");
        end.getStyleClass().add("challenge-end");
        end.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, prompt, options, end, history);
        setVisible(false);
        setManaged(false);
        sim.side().getChildren().add(this);

        Playback pb = sim.playback();
        pb.playing().addListener((o, was, now) -> { if (!now) arrived(); });
        // anything else that changes the trace (an edit traced again, another document) ends the challenge
        pb.steps().addListener((ListChangeListener<dev.hopscope.ui.sim.Step>) c -> {
            if (active.get() && !driving) stop("The trace changed, so the challenge stopped. Start it again to play the new trace.");
        });
        state.resets().addListener((o, a, n) -> { if (active.get()) stop("Challenge stopped: another document."); });
        canvas.onNodeClicked(this::clicked);
    }

    public ReadOnlyBooleanProperty active() { return active; }

    /** Called with the score when a challenge ends (the learn panel shows it). */
    public void onFinished(Consumer<Scores.Score> action) { this.onFinished = action; }

    public List<Answer> answers() { return List.copyOf(answers); }

    public ChallengePlan plan() { return plan; }

    /** The question waiting for an answer, or null. */
    public ChallengePlan.Question question() {
        return active.get() && !waitingForArrival && asked >= 0 && asked < plan.size() && answers.size() == asked ? plan.questions().get(asked) : null;
    }

    public int score() { return (int) answers.stream().filter(Answer::right).count(); }

    /** Traces the flow and plays it as a challenge; the score is kept under {@code sampleName}. */
    public void start(String from, String to, Probe probe, String sampleName) {
        if (active.get()) stop(null);
        sample = sampleName;
        flow = new SimulationPanel.Flow(from, to, probe);
        Playback pb = sim.playback();
        if (pendingTrace != null) pb.trace().removeListener(pendingTrace);
        pendingTrace = (o, was, t) -> {
            if (t == null) return;
            pb.trace().removeListener(pendingTrace);
            pendingTrace = null;
            begin(t);
        };
        pb.trace().addListener(pendingTrace);
        sim.traceFlow(from, to, probe, false);
    }

    private void begin(Trace t) {
        Playback pb = sim.playback();
        driving = true;
        try {
            pb.pause();
            pb.shown().addAll(EnumSet.allOf(EventProtocol.class));
            plan = ChallengePlan.of(List.copyOf(pb.steps()), state.current(), t.disposition());
            answers.clear();
            history.getChildren().clear();
            end.getChildren().clear();
            active.set(true);
            sim.locked().set(true);
            pb.outcomeHidden().set(true);
            pb.jump(0);
            pb.revealed().set(0);
        } finally {
            driving = false;
        }
        flowLabel.setText(flow.from() + " → " + flow.to() + " " + flow.probe());
        setVisible(true);
        setManaged(true);
        sim.overrideVerdict("Challenge: the outcome stays hidden until you say how the flow ends.");
        ask(0);
    }

    private void ask(int q) {
        asked = q;
        waitingForArrival = false;
        ChallengePlan.Question question = plan.questions().get(q);
        tally.setText("question " + (q + 1) + " of " + plan.size() + " · " + score() + " right");
        options.getChildren().clear();
        Document d = state.current();
        String here = name(d, question.here());
        if (question.kind() == ChallengePlan.Kind.NEXT_HOP) {
            prompt.setText((q + 1) + ". The packet is at " + here + ". Where does it go next? Click it on the canvas or pick one:");
            List<String> nodes = question.options().stream().filter(o -> !o.equals(ChallengePlan.NO_FURTHER)).toList();
            int n = 0;
            for (String o : question.options()) {
                String label = o.equals(ChallengePlan.NO_FURTHER) ? "no further: it ends here" : (++n) + "  " + name(d, o);
                options.getChildren().add(option(label, o));
            }
            marks.badges(nodes);
        } else {
            prompt.setText((q + 1) + ". The packet has gone as far as it goes, at " + here + ". How does this flow end?");
            for (String o : question.options()) options.getChildren().add(option(o, o));
            marks.clear();
        }
    }

    private Button option(String label, String value) {
        Button b = new Button(label);
        b.getStyleClass().add("challenge-option");
        b.setId("challenge-option-" + value.replaceAll("[^A-Za-z0-9_-]", "_"));
        b.setUserData(value);
        b.setOnAction(e -> answer(value));
        return b;
    }

    private void clicked(String id) {
        ChallengePlan.Question q = question();
        if (q == null || q.kind() != ChallengePlan.Kind.NEXT_HOP) return;
        answer(id);
    }

    /** Answers the question waiting (a node id, {@link ChallengePlan#NO_FURTHER} or a disposition's name). */
    public void answer(String given) {
        ChallengePlan.Question q = question();
        if (q == null) return;
        boolean right = q.answer().equals(given);
        answers.add(new Answer(q, given, right));
        Document d = state.current();
        String shownGiven = shown(d, given), shownRight = shown(d, q.answer());
        Label line = new Label((right ? "✓ " : "✗ ") + (asked + 1) + ". "
                + (q.kind() == ChallengePlan.Kind.NEXT_HOP ? "at " + name(d, q.here()) + ": " : "the end: ")
                + (right ? shownRight : "you said " + shownGiven + "; it was " + shownRight));
        line.getStyleClass().add("challenge-answer");
        line.pseudoClassStateChanged(RIGHT, right);
        line.pseudoClassStateChanged(WRONG, !right);
        line.setWrapText(true);
        line.setMinHeight(Region.USE_PREF_SIZE);
        history.getChildren().add(0, line);
        for (javafx.scene.Node n : options.getChildren()) {
            n.setDisable(true);
            Object v = n.getUserData();
            n.pseudoClassStateChanged(RIGHT, q.answer().equals(v));
            n.pseudoClassStateChanged(WRONG, !right && given.equals(v));
        }
        tally.setText("question " + (asked + 1) + " of " + plan.size() + " · " + score() + " right");
        if (q.kind() == ChallengePlan.Kind.NEXT_HOP) {
            if (!q.answer().equals(ChallengePlan.NO_FURTHER)) marks.rings(q.answer(), d.node(given).isPresent() ? given : null);
            else marks.clear();
        } else {
            marks.clear();
            sim.playback().outcomeHidden().set(false);
        }
        playOn(q.playTo());
    }

    /** Plays the packet to the next question's step (revealing the rows on the way), or asks at once when it is there. */
    private void playOn(int to) {
        Playback pb = sim.playback();
        driving = true;
        try {
            pb.revealed().set(Math.max(pb.revealed().get(), to));
        } finally {
            driving = false;
        }
        if (to > pb.current().get()) {
            waitingForArrival = true;
            pb.playUntil(to);
        } else {
            next();
        }
    }

    private void arrived() {
        if (!active.get() || !waitingForArrival) return;
        waitingForArrival = false;
        next();
    }

    private void next() {
        if (asked + 1 < plan.size()) ask(asked + 1);
        else finish();
    }

    private void finish() {
        Scores.Score s = new Scores.Score(score(), plan.size());
        scores.save(sample, s);
        prompt.setText("Score: " + s + ". " + (s.right() == s.questions() ? "Every answer right!" : "Read the hops you missed in the event list, then try again."));
        tally.setText(s + " right");
        options.getChildren().clear();
        Button again = new Button("Try again", new FontIcon("mdi2r-restart"));
        again.setId("challenge-again");
        SimulationPanel.Flow f = flow;
        String name = sample;
        again.setOnAction(e -> start(f.from(), f.to(), f.probe(), name));
        Button close = new Button("Close");
        close.setId("challenge-close");
        close.setOnAction(e -> stop(null));
        end.getChildren().setAll(again, close);
        marks.clear();
        unlock();
        active.set(false);
        onFinished.accept(s);
    }

    private void unlock() {
        Playback pb = sim.playback();
        driving = true;
        try {
            pb.outcomeHidden().set(false);
            pb.revealed().set(Integer.MAX_VALUE);
        } finally {
            driving = false;
        }
        sim.locked().set(false);
        sim.overrideVerdict(null);
    }

    /** Ends the challenge now; {@code why} goes to the status line. */
    public void stop(String why) {
        if (pendingTrace != null) {
            sim.playback().trace().removeListener(pendingTrace);
            pendingTrace = null;
        }
        boolean was = active.get() || isVisible();
        active.set(false);
        waitingForArrival = false;
        marks.clear();
        unlock();
        setVisible(false);
        setManaged(false);
        if (was && why != null) state.message().set(why);
    }

    private static String name(Document d, String id) { return d.node(id).map(Node::name).orElse(id); }

    private static String shown(Document d, String v) {
        return v.equals(ChallengePlan.NO_FURTHER) ? "no further" : name(d, v);
    }
}
