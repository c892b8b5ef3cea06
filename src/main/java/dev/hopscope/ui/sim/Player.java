package dev.hopscope.ui.sim;

import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.geometry.Point2D;
import javafx.util.Duration;

import java.util.List;

/**
 * Moves the packet glyph for a {@link Playback}: on each step it slides along a straight segment
 * from the previous hop's place to the current one (when playing forward) or jumps there, marks the
 * hop's node {@code :hop-active}, shows the envelope while the packet is encapsulated and the drop
 * mark where a leg ended without delivery. While playing, each hop's time is split between the
 * slide and a pause to read, and the next step follows; the speed scales both.
 */
public final class Player {
    /** One hop's time at speed 1, in milliseconds. */
    static final double HOP_MILLIS = 1100;

    private final Playback playback;
    private final CanvasView canvas;
    private final AppState state;
    private final PacketGlyph glyph = new PacketGlyph();
    private final DropMark drop = new DropMark();
    private Timeline motion;
    private String active;

    public Player(Playback playback, CanvasView canvas, AppState state) {
        this.playback = playback;
        this.canvas = canvas;
        this.state = state;
        canvas.overlayLayer().getChildren().addAll(glyph, drop);
        // playing forward slides from the hop before (filters may have skipped some); anything else jumps
        playback.current().addListener((o, was, now) -> show(now.intValue(), playback.playing().get() && was.intValue() >= 0
                && now.intValue() > was.intValue() ? was.intValue() : -1));
        playback.playing().addListener((o, was, now) -> {
            if (now) advanceAfter(HOP_MILLIS * 0.35 / speed());
            else stop();
        });
        playback.steps().addListener((javafx.collections.ListChangeListener<Step>) c -> show(playback.current().get(), -1));
        playback.outcomeHidden().addListener((o, was, hidden) -> { if (!playback.playing().get()) show(playback.current().get(), -1); });
        // the drawing moved or changed: put the glyph back on its hop
        state.document().addListener((o, a, d) -> javafx.application.Platform.runLater(() -> {
            if (!playback.playing().get()) show(playback.current().get(), -1);
        }));
    }

    public PacketGlyph glyph() { return glyph; }

    public DropMark dropMark() { return drop; }

    /** Where each step's glyph stands now, in canvas coordinates. */
    public List<Point2D> positions() {
        return GlyphPath.of(playback.steps(), state.current(), canvas::nodeBounds, this::words);
    }

    /** Where a node's words (icon, name, subtitle) run, in canvas x, so the glyph can stand beside them. */
    private java.util.Optional<double[]> words(String id) {
        return canvas.view(id).flatMap(v -> {
            javafx.scene.Node head = v.lookup(".head");
            if (!(head instanceof javafx.scene.Parent p)) return java.util.Optional.empty();
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
                if (!n.isVisible()) continue;
                javafx.geometry.Bounds b = v.localToParent(v.sceneToLocal(n.localToScene(n.getBoundsInLocal())));
                if (b == null || b.getWidth() <= 0) continue;
                min = Math.min(min, b.getMinX());
                max = Math.max(max, b.getMaxX());
            }
            return min < max ? java.util.Optional.of(new double[] {min, max}) : java.util.Optional.empty();
        });
    }

    private double speed() { return Math.max(0.1, playback.speed().get()); }

    private void stop() {
        if (motion != null) motion.stop();
        motion = null;
    }

    /** Shows step i; {@code from} is the step to slide from, or -1 to jump. */
    private void show(int i, int from) {
        boolean animate = from >= 0;
        stop();
        drop.hide();
        setActive(null);
        List<Step> steps = playback.steps();
        if (i < 0 || i >= steps.size()) {
            glyph.setVisible(false);
            return;
        }
        List<Point2D> at = positions();
        Step s = steps.get(i);
        Point2D to = at.get(i);
        glyph.setReply(s.reply());
        glyph.setEncapsulated(s.exchange() ? null : envelopeTag(s));
        glyph.setExchange(exchangeTag(s));
        glyph.setVisible(true);
        glyph.size();
        glyph.toFront();
        setActive(s.hop().node());
        if (!animate) {
            glyph.setTranslateX(to.getX());
            glyph.setTranslateY(to.getY());
            arrived(s, to);
            // a jump while playing (a click in the event list) keeps playing from there
            if (playback.playing().get()) advanceAfter(HOP_MILLIS * 0.6 / speed());
            return;
        }
        Point2D start = at.get(from);
        double hop = HOP_MILLIS / speed();
        boolean moves = start.distance(to) > 0.5;
        double slide = moves ? hop * 0.6 : 0;
        motion = new Timeline(
                new KeyFrame(Duration.ZERO,
                        new KeyValue(glyph.translateXProperty(), start.getX()),
                        new KeyValue(glyph.translateYProperty(), start.getY())),
                new KeyFrame(Duration.millis(Math.max(1, slide)),
                        e -> arrived(s, to),
                        new KeyValue(glyph.translateXProperty(), to.getX(), Interpolator.EASE_BOTH),
                        new KeyValue(glyph.translateYProperty(), to.getY(), Interpolator.EASE_BOTH)),
                new KeyFrame(Duration.millis(Math.max(2, hop)), e -> next()));
        motion.play();
    }

    private void arrived(Step s, Point2D at) {
        if (s.dropped() && !playback.outcomeHidden().get()) drop.showAt(at.getX(), at.getY(), s.end().name());
    }

    private void next() {
        motion = null;
        if (!playback.playing().get()) return;
        if (playback.atEnd() || playback.stopsHere()) playback.pause();
        else playback.forward();
    }

    /** While playing from a standing start: wait a moment on this hop, then go on. */
    private void advanceAfter(double millis) {
        stop();
        motion = new Timeline(new KeyFrame(Duration.millis(Math.max(1, millis)), e -> next()));
        motion.play();
    }

    private void setActive(String node) {
        if (active != null) canvas.setHopActive(active, false);
        active = node;
        if (node != null) canvas.setHopActive(node, true);
    }

    /** "VXLAN · VNI 42" while the packet travels inside a tunnel; null otherwise. */
    static String envelopeTag(Step s) {
        var p = s.hop().packet();
        if (!p.encapsulated()) return null;
        var t = p.tunnel();
        return t.kind().name() + (t.kind().overUdp() ? " · VNI " + t.vni() : "");
    }

    /** "ARP who-has", "DNS query", ... on an exchange's step; null on a hop. */
    static String exchangeTag(Step s) {
        switch (s.kind()) {
            case ARP_REQUEST: return "ARP who-has";
            case ARP_REPLY: return "ARP is-at";
            case DNS_QUERY: return "DNS query";
            case DNS_ANSWER: return "DNS answer";
            case PROXY: return "Ingress: new connection";
            default: return null;
        }
    }
}
