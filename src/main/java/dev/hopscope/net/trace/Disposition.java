package dev.hopscope.net.trace;

/** How a flow ends, named after Batfish's flow dispositions where one fits. */
public enum Disposition {
    DELIVERED, NO_ROUTE, NEIGHBOR_UNREACHABLE, DENIED, NO_LISTENER, NAME_NOT_RESOLVED, NO_RETURN_PATH, MTU_EXCEEDED, LOOP;

    public boolean isSuccessful() { return this == DELIVERED; }

    /** How far a flow got, for choosing the best of several ways to reach one socket (higher is further). */
    public int progress() {
        switch (this) {
            case DELIVERED: return 9;
            case NO_RETURN_PATH: return 8;
            case NO_LISTENER: return 7;
            case DENIED: return 6;
            case MTU_EXCEEDED: return 5;
            case NEIGHBOR_UNREACHABLE: return 4;
            case LOOP: return 3;
            case NO_ROUTE: return 2;
            default: return 1;
        }
    }
}
