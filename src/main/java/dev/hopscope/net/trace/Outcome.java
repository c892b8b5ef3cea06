package dev.hopscope.net.trace;

/** How one leg ended: delivered (to a socket, a ping answered, the reply back at the client) or dropped for a cause. */
public sealed interface Outcome permits StepDetail.Delivery, DropCause {
    Disposition disposition();
}
