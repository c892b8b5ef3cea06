package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;

/**
 * One row of the playback: a hop of the request or of the reply leg. {@code last} marks the final
 * hop of its leg, where {@code end} (that leg's disposition) happened.
 */
public record Step(int index, boolean reply, Hop hop, boolean last, Disposition end, String endReason) {

    /** True where the packet was dropped: the last hop of a leg that did not deliver. */
    public boolean dropped() {
        return last && end != Disposition.DELIVERED && (end != Disposition.NO_RETURN_PATH || reply);
    }

    public String where() {
        String ns = hop.namespace() == null ? "" : hop.namespace();
        String dev = hop.device() == null || "-".equals(hop.device()) ? "" : hop.device();
        return dev.isEmpty() ? ns : ns + " · " + dev;
    }
}
