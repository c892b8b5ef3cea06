package dev.hopscope.net.diff;

import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;

/**
 * One reachability-matrix row whose outcome changed: endpoint ids, the probe, the disposition
 * before and after (null where the row did not exist on that side: the destination did not
 * listen on that port), and why the new outcome is what it is.
 */
public record FlowChange(String from, String to, Probe probe, Disposition before, Disposition after, String reason) {

    /** A flow that was delivered and is not any more. */
    public boolean broke() { return before == Disposition.DELIVERED && after != Disposition.DELIVERED; }

    /** A flow that now delivers and did not before. */
    public boolean fixed() { return after == Disposition.DELIVERED && before != Disposition.DELIVERED; }
}
