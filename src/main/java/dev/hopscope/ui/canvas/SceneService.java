package dev.hopscope.ui.canvas;

import dev.hopscope.model.Document;
import dev.hopscope.model.scene.Scene;
import dev.hopscope.model.scene.SceneBuilder;
import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Computes the canvas's {@link Scene} off the JavaFX thread: placement of unplaced nodes, IPAM
 * for the words on the nodes, link routes and labels. Each document is handed to one worker
 * thread; when documents come faster than scenes (a drag, a burst of edits), only the newest is
 * computed, and a scene arrives on the JavaFX thread only if no newer document was asked for.
 */
final class SceneService {
    private final AtomicLong generation = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-scene");
        t.setDaemon(true);
        return t;
    });
    private final BiConsumer<Document, Scene> apply;
    private volatile Document latest;
    /** The last scene built, whose routes the next build reuses where nothing changed near them (worker thread only). */
    private Scene last;

    /**
     * {@code apply} receives each scene (with the document it was built from) on the JavaFX
     * thread; null for a document that cannot be drawn.
     */
    SceneService(BiConsumer<Document, Scene> apply) {
        this.apply = apply;
    }

    /** Asks for the scene of this document; a scene of an older document still being computed is dropped. */
    void request(Document doc) {
        long gen = generation.incrementAndGet();
        latest = doc;
        worker.execute(() -> {
            if (generation.get() != gen) return;
            Scene built;
            try {
                built = SceneBuilder.build(doc, last);
                last = built;
            } catch (RuntimeException e) {
                // a document the builder cannot draw keeps the last picture (null); the findings list says what is wrong
                built = null;
            }
            Scene scene = built;
            Platform.runLater(() -> {
                if (generation.get() == gen) apply.accept(doc, scene);
            });
        });
    }

    /** The document last asked for. */
    Document latest() { return latest; }
}
