package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.Leg;
import dev.hopscope.net.trace.Trace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The view model of a trace being played: the trace, its hops flattened into steps (request then
 * reply), the current step, whether it is playing and how fast, and which protocols the event
 * filters show. Stepping and playing skip the steps the filters hide, as Packet Tracer's
 * simulation does. Plain properties only; the views (event list, header view, glyph) observe it,
 * and the engine is asked elsewhere.
 */
public final class Playback {
    private final ObjectProperty<Trace> trace = new SimpleObjectProperty<>(this, "trace");
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final IntegerProperty current = new SimpleIntegerProperty(this, "current", -1);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObservableSet<EventProtocol> shown = FXCollections.observableSet(EnumSet.allOf(EventProtocol.class));
    private final IntegerProperty revealed = new SimpleIntegerProperty(this, "revealed", Integer.MAX_VALUE);
    private final IntegerProperty stopAt = new SimpleIntegerProperty(this, "stopAt", -1);
    private final BooleanProperty outcomeHidden = new SimpleBooleanProperty(this, "outcomeHidden");

    /** Shows a new trace at its first hop, paused. */
    public void load(Trace t) { load(t, null); }

    /**
     * Shows a new trace at its first hop, paused. Where the name was asked of cluster DNS as a
     * packet ({@link Trace#dnsQuery()}), that query's steps come first (connection 0). Where the request reached an Ingress controller
     * ({@link Trace#proxied()}), the first connection's steps are followed by a row for the
     * controller, saying {@code proxiedSentence} (the narrator's), and then the steps of the
     * second connection it opened, request and reply.
     */
    public void load(Trace t, String proxiedSentence) {
        playing.set(false);
        stopAt.set(-1);
        current.set(-1);
        List<Step> out = new ArrayList<>();
        if (t != null) {
            // a name asked of cluster DNS as a packet: the query's own hops come first, filed under DNS
            if (t.dnsQuery().isPresent()) {
                Trace q = t.dnsQuery().get();
                add(out, q.request(), false, 0);
                if (q.reply() != null) add(out, q.reply(), true, 0);
            }
            int start = out.size();
            add(out, t.request(), false, 1);
            if (start > 0 && start < out.size()) {
                Step s = out.get(start);
                out.set(start, new Step(s.index(), s.reply(), s.hop(), s.last(), s.end(), s.endReason(), s.kind(), true, s.connection(), s.sentence()));
            }
            if (t.reply() != null) add(out, t.reply(), true, 1);
            if (t.proxied().isPresent() && !t.request().hops().isEmpty()) {
                var p = t.proxied().get();
                List<Hop> first = t.request().hops();
                Hop at = first.get(first.size() - 1);
                Trace second = p.connection().orElse(null);
                String sentence = proxiedSentence != null ? proxiedSentence : "the Ingress controller carries the request on";
                out.add(new Step(out.size(), false, at, second == null, second == null ? t.disposition() : second.disposition(),
                        t.reason(), Step.Kind.PROXY, true, 2, sentence));
                if (second != null) {
                    add(out, second.request(), false, 2);
                    if (second.reply() != null) add(out, second.reply(), true, 2);
                }
            }
        }
        error.set("");
        steps.setAll(out);
        trace.set(t);
        current.set(out.isEmpty() ? -1 : firstShown());
    }

    /**
     * The controller's sentence of a proxied trace, written when it is known (the narrator needs
     * the compiled drawing, which is made off the FX thread): the PROXY row of {@code t}, if it is
     * still the trace shown, says it; the position and playing are left as they are.
     */
    public void narrateProxy(Trace t, String sentence) {
        if (t == null || trace.get() != t || sentence == null) return;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kind() == Step.Kind.PROXY)
                steps.set(i, new Step(s.index(), s.reply(), s.hop(), s.last(), s.end(), s.endReason(), s.kind(), s.legStart(), s.connection(), sentence));
        }
    }

    /**
     * A leg's hops as steps. An ARP exchange becomes two steps of its own before the hop that
     * needed it (the question, and the answer when one came), and a name lookup two (the query to
     * the server, and its answer), so each can be stepped through like a hop.
     */
    private static void add(List<Step> out, Leg leg, boolean reply, int connection) {
        List<Hop> hops = leg.hops();
        int first = out.size();
        for (int i = 0; i < hops.size(); i++) {
            Hop h = hops.get(i);
            boolean last = i == hops.size() - 1;
            if (h.arp().isPresent() && h.arp().get().asked()) {
                out.add(step(out, reply, h, false, leg, Step.Kind.ARP_REQUEST, first, connection));
                if (h.arp().get().answer() instanceof NeighbourLookup.ArpReply)
                    out.add(step(out, reply, h, false, leg, Step.Kind.ARP_REPLY, first, connection));
            }
            if (h.detail() instanceof DnsLookup) {
                out.add(step(out, reply, h, false, leg, Step.Kind.DNS_QUERY, first, connection));
                out.add(step(out, reply, h, last, leg, Step.Kind.DNS_ANSWER, first, connection));
            } else {
                out.add(step(out, reply, h, last, leg, Step.Kind.HOP, first, connection));
            }
        }
    }

    private static Step step(List<Step> out, boolean reply, Hop h, boolean last, Leg leg, Step.Kind kind, int first, int connection) {
        return new Step(out.size(), reply, h, last, leg.disposition(), leg.reason(), kind, reply && out.size() == first, connection, null);
    }

    /** The packet's layers as they arrived at step {@code s}: the hop before it on the same leg; empty where the packet is made. */
    public List<dev.hopscope.net.trace.Layer> arriving(Step s) {
        if (s == null) return List.of();
        if (s.kind() == Step.Kind.PROXY) return s.hop().layers();   // the controller holds the request as it arrived
        for (int i = s.index() - 1; i >= 0; i--) {
            Step p = steps.get(i);
            if (p.reply() != s.reply() || p.connection() != s.connection() || p.kind() == Step.Kind.PROXY) break;
            if (p.kind() == Step.Kind.HOP || p.kind() == Step.Kind.DNS_ANSWER) return p.hop() == s.hop() ? List.of() : p.hop().layers();
        }
        return List.of();
    }

    /** Clears the trace and shows why there is none. */
    public void fail(String message) {
        load(null);
        error.set(message);
    }

    public ReadOnlyObjectProperty<Trace> trace() { return trace; }
    public ObservableList<Step> steps() { return steps; }
    public IntegerProperty current() { return current; }
    public BooleanProperty playing() { return playing; }
    public DoubleProperty speed() { return speed; }
    public StringProperty error() { return error; }

    /** The protocols the event filters let through; stepping skips the others. */
    public ObservableSet<EventProtocol> shown() { return shown; }

    public boolean isShown(Step s) { return shown.contains(s.protocol()); }

    /** The last step index the event list may show; a challenge keeps what is to come out of sight. */
    public IntegerProperty revealed() { return revealed; }

    /** While true, where and how the flow ends is not shown (a challenge asks it first). */
    public BooleanProperty outcomeHidden() { return outcomeHidden; }

    /** Plays from the current step and pauses on arriving at step {@code index}. */
    public void playUntil(int index) {
        if (index <= current.get()) {
            stopAt.set(-1);
            return;
        }
        stopAt.set(index);
        playing.set(true);
    }

    /** True when playing should pause here (the end of a {@link #playUntil}); clears the mark. */
    boolean stopsHere() {
        if (stopAt.get() >= 0 && current.get() >= stopAt.get()) {
            stopAt.set(-1);
            return true;
        }
        return false;
    }

    public Step currentStep() {
        int i = current.get();
        return i >= 0 && i < steps.size() ? steps.get(i) : null;
    }

    private int next(int from) {
        for (int i = from + 1; i < steps.size(); i++) if (isShown(steps.get(i))) return i;
        return -1;
    }

    private int previous(int from) {
        for (int i = from - 1; i >= 0; i--) if (isShown(steps.get(i))) return i;
        return -1;
    }

    private int firstShown() {
        int i = next(-1);
        return i >= 0 ? i : steps.isEmpty() ? -1 : 0;
    }

    public boolean atEnd() { return steps.isEmpty() || next(current.get()) < 0; }

    public boolean atStart() { return previous(current.get()) < 0; }

    public void forward() {
        int i = next(current.get());
        if (i >= 0) current.set(i);
    }

    public void back() {
        playing.set(false);
        int i = previous(current.get());
        if (i >= 0) current.set(i);
    }

    /** Back to the first step shown, paused. */
    public void reset() {
        playing.set(false);
        current.set(steps.isEmpty() ? -1 : firstShown());
    }

    public void jump(int index) {
        if (index >= 0 && index < steps.size()) current.set(index);
    }

    /** Starts playing; from the end, starts over. */
    public void play() {
        if (steps.isEmpty()) return;
        if (atEnd()) current.set(firstShown());
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
        stopAt.set(-1);
    }
}
