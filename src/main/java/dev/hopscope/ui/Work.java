package dev.hopscope.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Long work of the window (an import, an export of a big design) on a worker thread, one job at a
 * time, while the status bar shows what is under way with a spinner. The result or the failure
 * comes back on the JavaFX thread; a failure is a sentence for the user, never an exception.
 */
public final class Work {
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final SimpleStringProperty what = new SimpleStringProperty(this, "what", "");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-work");
        t.setDaemon(true);
        return t;
    });

    /** True while a job runs. */
    public ReadOnlyBooleanProperty busy() { return busy; }

    /** What the running job does ("Importing shop.yml…"), or empty. */
    public ReadOnlyStringProperty what() { return what; }

    /**
     * Runs {@code job} off the JavaFX thread; then {@code done} with its result, or {@code failed}
     * with a readable reason, on the JavaFX thread. Call from the JavaFX thread.
     */
    public <T> void run(String description, Callable<T> job, Consumer<T> done, Consumer<String> failed) {
        busy.set(true);
        what.set(description);
        worker.submit(() -> {
            T result = null;
            String problem = null;
            try {
                result = job.call();
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                problem = reason(e);
            }
            T r = result;
            String p = problem;
            Platform.runLater(() -> {
                busy.set(false);
                what.set("");
                if (p != null) failed.accept(p);
                else done.accept(r);
            });
            return null;
        });
    }

    /** The sentence a failure shows: its message, never the name of a Java class or a stack trace. */
    static String reason(Throwable e) {
        if (e instanceof StackOverflowError) return "the input is nested too deeply to process";
        if (e instanceof OutOfMemoryError) return "there is not enough memory for this; close other documents or give Java more memory";
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        // "java.nio.file.AccessDeniedException: /x" reads as "/x" without the class name in front
        String m = t.getMessage() == null ? "" : t.getMessage().replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(: )?", "").strip();
        return m.isEmpty() ? "something went wrong that Hopscope did not expect" : m;
    }
}
