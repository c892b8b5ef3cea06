package dev.hopscope.ui;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.io.Samples;
import dev.hopscope.model.Document;
import dev.hopscope.model.layout.AutoLayout;
import dev.hopscope.ui.files.Prompts;
import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The window's commands that reach beyond the canvas: files (new, open, save, recent, samples,
 * dropped files), autosave and recovery, theme and auto-layout. A document on screen is never
 * lost: a failed open leaves it in place, replacing unsaved work asks first.
 */
public final class Commands {
    /** Idle time after the last change before unsaved work is written to the recovery file. */
    public static final Duration AUTOSAVE_DELAY = Duration.seconds(3);

    private final AppState state;
    private final Prompts prompts;
    private final Settings settings;
    private final RecoveryStore recovery;
    private final PauseTransition autosave = new PauseTransition(AUTOSAVE_DELAY);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final Work work = new Work();
    private final Transfers transfers;
    private MainWindow window;

    public Commands(AppState state, Prompts prompts, Settings settings, RecoveryStore recovery) {
        this.state = state;
        this.prompts = prompts;
        this.settings = settings;
        this.recovery = recovery;
        this.transfers = new Transfers(this, state, prompts, work);
        recent.setAll(settings.recent());
        dark.set(settings.flag("theme.dark"));
        autosave.setOnFinished(e -> autosaveNow());
        state.document().addListener((o, a, d) -> {
            if (state.dirty().get()) autosave.playFromStart();
        });
        state.dirty().addListener((o, was, now) -> {
            if (!now) {
                autosave.stop();
                recovery.clear();
            }
        });
    }

    void attach(MainWindow w) { this.window = w; }

    public ObservableList<Path> recent() { return recent; }

    public BooleanProperty dark() { return dark; }

    public AppState state() { return state; }

    /** Long work under way (imports, exports), shown in the status bar. */
    public Work work() { return work; }

    /** File › Import and File › Export. */
    public Transfers transfers() { return transfers; }

    /** The questions about files (the compare view asks for a design to compare with). */
    public Prompts prompts() { return prompts; }

    /** What the designer remembers between sessions (the challenge keeps its last scores here). */
    public Settings settings() { return settings; }

    /** Writes unsaved work to the recovery file now (the idle timer calls this); a pending timer has nothing left to do. */
    public void autosaveNow() {
        autosave.stop();
        if (state.dirty().get()) recovery.save(state.current(), state.file().get());
    }

    /** Asks about unsaved work; true when it is safe to replace or close the document. */
    public boolean confirmDiscard() {
        if (!state.dirty().get()) return true;
        Prompts.Unsaved answer = prompts.unsavedChanges(displayName());
        if (answer == Prompts.Unsaved.CANCEL) return false;
        if (answer == Prompts.Unsaved.SAVE) return save();
        return true;
    }

    public void newDocument() {
        if (!confirmDiscard()) return;
        show(Document.empty("untitled"), null);
        state.message().set("New document: drag a host from the palette to start");
    }

    public void open() {
        if (!confirmDiscard()) return;
        prompts.chooseFileToOpen(state.file().get()).ifPresent(this::load);
    }

    /** Opens a file (recent files, a file dropped on the window), asking about unsaved work first. */
    public void open(Path file) {
        if (!confirmDiscard()) return;
        load(file);
    }

    private boolean load(Path file) {
        if (Transfers.isForeign(file)) {
            // a compose file or manifests opened by mistake for a document: import them instead
            transfers.importNow(file);
            return true;
        }
        Document d;
        try {
            d = DocumentCodec.load(file);
        } catch (DocumentException e) {
            prompts.error("Cannot open " + file.getFileName(), e.getMessage());
            return false;
        }
        show(withBoxes(d), file);
        remember(file);
        state.message().set("Opened " + file);
        return true;
    }

    /** Shows an imported document: untitled (Save As writes it as a Hopscope document), nothing to undo. */
    void showImported(Document d, Path from) {
        show(d, null);
        state.message().set("Imported " + from.getFileName() + ": Save As to keep it as a Hopscope document");
    }

    public boolean save() {
        Path file = state.file().get();
        return file == null ? saveAs() : saveTo(file);
    }

    public boolean saveAs() {
        Optional<Path> to = prompts.chooseFileToSave(state.file().get(), fileNameFor(state.current()));
        return to.isPresent() && saveTo(to.get());
    }

    private boolean saveTo(Path file) {
        try {
            DocumentCodec.save(state.current(), file);
        } catch (DocumentException | IllegalArgumentException e) {
            prompts.error("Cannot save " + file.getFileName(), e.getMessage());
            return false;
        }
        state.markSaved(file);
        remember(file);
        state.message().set("Saved " + file);
        return true;
    }

    /** The samples packed in the jar, by file name (welcome.json, s03-vxlan-overlay.json, ...). */
    public List<String> sampleNames() {
        try {
            return Samples.names();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The start-up document: the welcome sample, or a built-in one if the jar has none. */
    public Document startDocument() {
        if (sampleNames().contains(Samples.WELCOME)) {
            try {
                return withBoxes(Samples.open(Samples.WELCOME));
            } catch (RuntimeException e) {
                state.message().set("The welcome sample cannot be read: " + e.getMessage());
            }
        }
        return WelcomeDocument.create();
    }

    public void openSample(String name) {
        if (!confirmDiscard()) return;
        try {
            show(withBoxes(Samples.open(name)), null);
            state.message().set("Sample " + Menus.sampleTitle(name) + " (Save As to keep your changes)");
        } catch (RuntimeException e) {
            prompts.error("Cannot open the sample " + name, e.getMessage());
        }
    }

    /**
     * At start-up: offers unsaved work a crashed session left behind; otherwise shows the start
     * document. A restored document is dirty and its restore is an undoable step.
     */
    public void start(Document fallback) {
        Optional<RecoveryStore.Recovered> found = recovery.find();
        if (found.isPresent()) {
            RecoveryStore.Recovered r = found.get();
            String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(r.savedAt());
            String name = r.origin() != null ? r.origin().getFileName().toString() : r.document().name();
            if (prompts.restoreRecovered(name, when)) {
                Document base = fallback;
                if (r.origin() != null) {
                    try {
                        base = DocumentCodec.load(r.origin());
                    } catch (DocumentException e) {
                        base = Document.empty(r.document().name());
                    }
                }
                show(base, r.origin());
                Document restored = r.document();
                state.executeEdit("Restore unsaved work", d -> restored);
                state.message().set("Restored unsaved work of " + name);
                return;
            }
            recovery.clear();
        }
        show(fallback, null);
    }

    /** Closing the window: true when it may close; the recovery file goes with a clean exit. */
    public boolean close() {
        if (!confirmDiscard()) return false;
        autosave.stop();
        recovery.clear();
        settings.save();
        return true;
    }

    public void arrange() {
        state.executeEdit("Arrange the whole drawing", AutoLayout::apply);
        if (window != null) window.canvas().fitWhenDrawn();
    }

    public void toggleTheme() {
        dark.set(!dark.get());
        settings.setFlag("theme.dark", dark.get());
        settings.save();
    }

    public String displayName() {
        Path f = state.file().get();
        return f != null && f.getFileName() != null ? f.getFileName().toString() : state.current().name();
    }

    private void show(Document d, Path file) {
        state.reset(d, file);
        if (window != null) window.canvas().fitWhenDrawn();
    }

    private void remember(Path file) {
        settings.addRecent(file);
        recent.setAll(settings.recent());
    }

    /** A document from elsewhere may lack boxes for some nodes: give them one, keep the rest. */
    private static Document withBoxes(Document d) {
        for (var n : d.nodes()) if (AutoLayout.hasBox(n) && d.box(n.id()).isEmpty()) return AutoLayout.fillMissing(d);
        return d;
    }

    private static String fileNameFor(Document d) {
        String base = d.name() == null || d.name().isBlank() ? "untitled" : d.name().replaceAll("[^A-Za-z0-9._-]+", "-");
        return base + ".hopscope";
    }
}
