package dev.hopscope.net.trace;

import dev.hopscope.net.dataplane.Namespace;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the analysis needs to reuse a request's outcome for another destination address:
 * every decision that depended on the address (as a check to re-ask), whether any decision
 * depended on exactly who owns it (then nothing can be reused), and where the request first
 * arrived at a namespace owning its destination while it was still reusable.
 */
final class MemoRecorder implements WalkObserver {
    private final List<DestinationCheck> checks = new ArrayList<>();
    private boolean reusable = true;
    private Namespace arrivedAt;

    @Override public void step(Namespace ns, String device, String node, Packet packet, StepDetail detail) {}

    @Override public void decided(DestinationCheck check) { if (reusable) checks.add(check); }

    @Override public void dependsOnOwner() { reusable = false; }

    @Override public void arrived(Namespace ns) {
        if (reusable && arrivedAt == null) arrivedAt = ns;
        reusable = false; // delivery, and the reply that follows, depend on exactly who owns the address
    }

    List<DestinationCheck> checks() { return List.copyOf(checks); }

    /** Whether the outcome depends on the destination only through {@link #checks()}. */
    boolean reusable() { return reusable; }

    /** Where the request arrived while still reusable, or null. */
    Namespace arrivedAt() { return arrivedAt; }
}
