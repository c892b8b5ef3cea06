package dev.hopscope.ui.flags;

import dev.hopscope.model.Document;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Validator;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.ui.AppState;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps an {@link Analysis} of the current document: after each edit it waits a moment (so a
 * burst of edits analyses once), then analyses on a worker thread; a newer edit cancels the older
 * run and its result is dropped. The time from the first unanalysed edit to the published result
 * (observers paint synchronously) is kept in {@link #lastLatencyMillis()}.
 */
public final class AnalysisService {
    /** How long the document must stay still before it is analysed. */
    public static final Duration DEBOUNCE = Duration.millis(150);

    private final AppState state;
    private final ObjectProperty<Analysis> analysis = new SimpleObjectProperty<>(this, "analysis");
    private final ObjectProperty<Analysis> withMatrix = new SimpleObjectProperty<>(this, "withMatrix");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty lastLatency = new SimpleDoubleProperty(this, "lastLatencyMillis", Double.NaN);
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<List<Problem>> problems = new SimpleObjectProperty<>(this, "problems", List.of());
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final AtomicLong generation = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-analysis");
        t.setDaemon(true);
        return t;
    });
    private Future<?> pending;
    private long firstEditNanos;

    public AnalysisService(AppState state) {
        this.state = state;
        debounce.setOnFinished(e -> launch(state.current()));
        state.document().addListener((o, was, now) -> changed());
        changed();
    }

    public ReadOnlyObjectProperty<Analysis> analysis() { return analysis; }

    /** The same analysis once its reachability matrix is computed (on the worker), for views that show it. */
    public ReadOnlyObjectProperty<Analysis> withMatrix() { return withMatrix; }

    /** True from an edit until its analysis is published. */
    public ReadOnlyBooleanProperty running() { return running; }

    /** Milliseconds from the last analysed edit to its flags on the canvas. */
    public DoubleProperty lastLatencyMillis() { return lastLatency; }

    /** Why there is no analysis (the document is not well formed), or empty. */
    public StringProperty error() { return error; }

    /** What is structurally wrong with the analysed document (a bad CIDR, a dangling reference); empty when it is well formed. */
    public ReadOnlyObjectProperty<List<Problem>> problems() { return problems; }

    private void changed() {
        if (firstEditNanos == 0) firstEditNanos = System.nanoTime();
        running.set(true);
        debounce.playFromStart();
    }

    private void launch(Document doc) {
        long gen = generation.incrementAndGet();
        if (pending != null) pending.cancel(true);
        pending = worker.submit(() -> {
            if (generation.get() != gen) return;
            Analysis result = null;
            String problem = "";
            List<Problem> found = List.of();
            try {
                found = Validator.validate(doc);
                if (!found.isEmpty()) problem = "Not analysed until the document is well formed: " + found.size()
                        + (found.size() == 1 ? " problem" : " problems") + " listed above";
                else result = Analyzer.analyze(doc);
            } catch (RuntimeException ex) {
                problem = "Not analysed: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
            }
            if (generation.get() != gen) return;
            Analysis a = result;
            String p = problem;
            List<Problem> f = found;
            Platform.runLater(() -> publish(gen, a, p, f));
            // flags first; the matrix (the expensive part) follows on this thread
            if (a != null) a.matrix().size();
            if (generation.get() == gen) Platform.runLater(() -> { if (generation.get() == gen) withMatrix.set(a); });
        });
    }

    private void publish(long gen, Analysis a, String problem, List<Problem> found) {
        if (generation.get() != gen || debounce.getStatus() == javafx.animation.Animation.Status.RUNNING) return;
        problems.set(found);
        error.set(problem);
        analysis.set(a);
        running.set(false);
        if (firstEditNanos != 0) lastLatency.set((System.nanoTime() - firstEditNanos) / 1e6);
        firstEditNanos = 0;
    }
}
