package dev.hopscope.ui.sim;

import dev.hopscope.io.capture.TraceCapture;
import dev.hopscope.net.trace.Trace;
import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Save as capture…": asks where, then writes the trace on screen as a pcapng file (both legs, one
 * interface per capture point) on the trace worker, and says in the status line what it wrote or
 * why it could not. The question is a file chooser; tests answer it with {@link #chooseWith}.
 */
public final class CaptureSaver {
    private final Consumer<String> status;
    private Function<String, Optional<Path>> chooser;
    private Path lastFolder;

    public CaptureSaver(Supplier<Window> owner, Consumer<String> status) {
        this.status = status;
        this.chooser = suggested -> {
            FileChooser c = new FileChooser();
            c.setTitle("Save the trace as a capture");
            c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("pcapng captures (Wireshark, tshark)", "*.pcapng"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            c.setInitialFileName(suggested);
            if (lastFolder != null && lastFolder.toFile().isDirectory()) c.setInitialDirectory(lastFolder.toFile());
            File f = c.showSaveDialog(owner.get());
            return Optional.ofNullable(f).map(File::toPath);
        };
    }

    /** Replaces the file chooser (tests, scripted use): given the suggested file name, where to save. */
    public void chooseWith(Function<String, Optional<Path>> chooser) { this.chooser = chooser; }

    /** A file name from the flow: {@code web-to-api-tcp-8080.pcapng}. */
    static String suggestedName(Trace t) {
        String raw = t.from() + "-to-" + t.to() + "-" + t.probe().toString().replace('/', '-');
        return raw.replaceAll("[^A-Za-z0-9._-]+", "_") + ".pcapng";
    }

    /** Asks where and writes; {@code done} runs on the FX thread with the file written (empty if cancelled or failed). */
    public void save(Trace trace, Consumer<Optional<Path>> done) {
        if (trace == null) {
            status.accept("Trace a flow first: there is nothing to save as a capture.");
            done.accept(Optional.empty());
            return;
        }
        Optional<Path> chosen = chooser.apply(suggestedName(trace));
        if (chosen.isEmpty()) {
            done.accept(Optional.empty());
            return;
        }
        Path out = chosen.get().getFileName().toString().contains(".") ? chosen.get()
                : chosen.get().resolveSibling(chosen.get().getFileName() + ".pcapng");
        lastFolder = out.toAbsolutePath().getParent();
        Background.TRACES.submit(() -> {
            String message;
            Optional<Path> written = Optional.empty();
            try {
                int frames = TraceCapture.write(trace, out);
                message = "Saved " + frames + " packets of " + trace.from() + " → " + trace.to() + " to " + out
                        + ": open it in Wireshark or with tshark -r";
                written = Optional.of(out);
            } catch (RuntimeException e) {
                message = "Could not save the capture: " + (e.getMessage() == null ? "the file could not be written" : e.getMessage());
            }
            String m = message;
            Optional<Path> w = written;
            Platform.runLater(() -> {
                status.accept(m);
                done.accept(w);
            });
        });
    }
}
