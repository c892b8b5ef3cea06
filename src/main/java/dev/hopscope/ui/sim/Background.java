package dev.hopscope.ui.sim;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The single worker thread that traces flows, so the FX thread never compiles or traces. */
final class Background {
    static final ExecutorService TRACES = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-trace");
        t.setDaemon(true);
        return t;
    });

    private Background() {}
}
