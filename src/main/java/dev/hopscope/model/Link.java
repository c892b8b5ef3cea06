package dev.hopscope.model;

import java.util.Locale;

/**
 * An edge of the topology graph. Links are derived from node attributes (a container's
 * attachment is its veth link, a host's underlay its underlay link), so they can never disagree
 * with the nodes. {@code network} names the bridge or overlay a veth or membership belongs to.
 */
public record Link(Kind kind, String source, String target, String network) {

    public enum Kind {
        /** a container, pod or bridge lives in a host (drawn as nesting) */
        CONTAINMENT,
        /** a container or pod to a bridge: one veth pair */
        VETH,
        /** a host or external on an underlay */
        UNDERLAY,
        /** a host's VTEP on an overlay, or a container attached to an overlay */
        OVERLAY,
        /** a Service selecting a pod */
        SELECTS,
        /** an expected flow between two endpoints */
        INTENT;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public String id() { return kind.label() + ":" + source + "->" + target + (network == null ? "" : "@" + network); }
}
