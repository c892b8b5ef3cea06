package dev.hopscope.ui.perf;

import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
import dev.hopscope.ui.MainWindow;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Frame times while panning and zooming a large drawing, measured on the real window:
 * {@code -Dhopscope.panProbe=2000} opens a generated document of about that many drawn nodes,
 * then on every pulse (an {@link AnimationTimer}) moves the view a little and records the time
 * since the previous pulse: panning at 100 %, panning the whole drawing zoomed to fit, and
 * zooming in and out. Each phase prints one line ({@link FrameStats}); then the designer exits.
 * JavaFX caps pulses at 60 per second, so 16.7 ms per frame is the best possible figure.
 * {@code -Dhopscope.panProbe.phases=100,60} runs only the phases named (100, fit, 30, 60, 80, 150, 200, stops, zoom;
 * a number is a pan at that zoom in per cent; {@code stops} pans at 100 % a second at a time, with
 * a second still between, so it counts what a pan's start and stop cost).
 */
public final class PanProbe {
    public static final String PROPERTY = "hopscope.panProbe";
    /** Frames each phase runs before measuring, so class loading and first layout do not count. */
    private static final int WARM_UP = 30;
    private static final int MEASURED = 240;
    /** Screen pixels the view moves per frame: a brisk drag. */
    private static final double STEP = 12;

    private PanProbe() {}

    public static void installIfRequested(MainWindow window) {
        String size = System.getProperty(PROPERTY);
        if (size == null) return;
        int nodes;
        try {
            nodes = Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            System.err.println(PROPERTY + " must be a number of nodes, e.g. 2000, not '" + size + "'");
            return;
        }
        Document doc = drawing(nodes);
        window.state().reset(doc, null);
        long drawn = doc.nodes().stream().filter(n -> !(n instanceof Intent)).count();
        System.out.println("PAN_PROBE document: " + drawn + " drawn nodes, " + (doc.nodes().size() - drawn) + " intents drawn as arrows");
        run(window.canvas(), line -> {
            System.out.println("PAN_PROBE " + line);
            System.out.flush();
        }, () -> {
            Platform.exit();
            System.exit(0);
        });
    }

    /** About {@code nodes} drawn nodes: hosts of 48 containers each, two bridges per host, one underlay. */
    public static Document drawing(int nodes) {
        int perHost = 48;
        int hosts = Math.max(1, (int) Math.round(nodes / (perHost + 3.0)));
        return SyntheticTopology.generate(hosts, perHost, false);
    }

    /** Runs the phases on the pulse; reports each phase's figures, then calls {@code done}. */
    public static void run(CanvasView canvas, Consumer<String> report, Runnable done) {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("100", "pan at 100%", () -> zoomTo(canvas, 1),
                f -> canvas.viewport().panBy(-STEP, (f / 60 % 2 == 0 ? -1 : 1) * STEP / 3)));
        phases.add(new Phase("fit", "pan, zoomed to fit", canvas::fit,
                f -> canvas.viewport().panBy((f / 60 % 2 == 0 ? -1 : 1) * STEP, 0)));
        for (int percent : new int[] {30, 60, 80, 150, 200}) {
            phases.add(new Phase(String.valueOf(percent), "pan at " + percent + "%", () -> zoomTo(canvas, percent / 100.0),
                    f -> canvas.viewport().panBy((f / 60 % 2 == 0 ? -1 : 1) * STEP, (f / 60 % 2 == 0 ? -1 : 1) * STEP / 3)));
        }
        // a second of pan, a second still, and again: what a pan's start and stop cost (views and flows coming back)
        phases.add(new Phase("stops", "pan and stop at 100%", () -> zoomTo(canvas, 1),
                f -> { if (f / 60 % 2 == 0) canvas.viewport().panBy(f / 120 % 2 == 0 ? -STEP : STEP, 0); }));
        phases.add(new Phase("zoom", "zoom in and out", canvas::fit,
                f -> canvas.viewport().zoomAt(f / 60 % 2 == 0 ? 1.02 : 1 / 1.02, canvas.getWidth() / 2, canvas.getHeight() / 2)));
        String only = System.getProperty(PROPERTY + ".phases");
        if (only != null && !only.isBlank()) {
            List<String> keys = List.of(only.split(","));
            phases.removeIf(p -> keys.stream().noneMatch(k -> p.key().equals(k.trim())));
            if (phases.isEmpty()) {
                report.accept("no phase among " + only + ": use 100, fit, 30, 60, 80, 150, 200, stops, zoom");
                done.run();
                return;
            }
        }
        new AnimationTimer() {
            int phase;
            int frame = -1;
            long last;
            long[] intervals = new long[MEASURED];
            /** CPU time of the JavaFX thread from one pulse to the next: a frame's own cost, which load disturbs less than its length. */
            long[] fxCpu = new long[MEASURED];
            long lastCpu;
            final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

            long[] cpuAtStart;

            @Override public void handle(long now) {
                // the drawing's scene is computed off the JavaFX thread: measure the drawing, not an empty canvas
                if (!canvas.sceneCurrent().get()) return;
                Phase p = phases.get(phase);
                if (frame < 0) {
                    p.setup.run();
                    frame = 0;
                    last = now;
                    return;
                }
                if (frame == WARM_UP) cpuAtStart = ThreadCpu.fxAndRenderer();
                long cpuNow = threads.getCurrentThreadCpuTime();
                if (frame >= WARM_UP) {
                    intervals[frame - WARM_UP] = now - last;
                    fxCpu[frame - WARM_UP] = cpuNow - lastCpu;
                }
                last = now;
                lastCpu = cpuNow;
                p.step.accept(frame);
                frame++;
                if (frame == WARM_UP + MEASURED) {
                    long[] cpu = ThreadCpu.fxAndRenderer();
                    FrameStats fx = new FrameStats("fx", fxCpu.clone());
                    report.accept(new FrameStats(p.name, intervals.clone()) + String.format(java.util.Locale.ROOT,
                            " cpu/frame: fx=%5.2f ms render=%5.2f ms fx p95=%5.2f ms fx max=%6.2f ms",
                            (cpu[0] - cpuAtStart[0]) / 1e6 / MEASURED, (cpu[1] - cpuAtStart[1]) / 1e6 / MEASURED,
                            fx.percentileMillis(95), fx.maxMillis()));
                    phase++;
                    frame = -1;
                    if (phase == phases.size()) {
                        stop();
                        done.run();
                    }
                }
            }
        }.start();
    }

    /** Zooms about the canvas origin's screen point, so every zoom phase pans the same part of the drawing. */
    private static void zoomTo(CanvasView canvas, double zoom) {
        canvas.viewport().zoomAt(zoom / canvas.viewport().zoom(), 0, 0);
    }

    private record Phase(String key, String name, Runnable setup, Consumer<Integer> step) {}

    /**
     * CPU time spent by the JavaFX application thread and by the renderer thread(s): what a frame
     * costs whatever else the machine runs. With both under 16.7 ms a frame, an idle machine
     * keeps up with 60 pulses a second (the two threads run in parallel on two cores).
     */
    static final class ThreadCpu {
        private ThreadCpu() {}

        static long[] fxAndRenderer() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long fx = 0, render = 0;
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t == null) continue;
                long cpu = mx.getThreadCpuTime(t.getThreadId());
                if (cpu < 0) continue;
                if (t.getThreadName().equals("JavaFX Application Thread")) fx += cpu;
                else if (t.getThreadName().startsWith("QuantumRenderer")) render += cpu;
            }
            return new long[] {fx, render};
        }
    }

    static boolean drawn(Node n) { return !(n instanceof Intent); }
}
