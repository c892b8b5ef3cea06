package dev.hopscope.net.trace;

import dev.hopscope.model.Probe;

/**
 * A flow traced both ways, like Batfish's bidirectional trace: the request leg, and the reply
 * leg (null when the request never arrived). The flow is DELIVERED only if the reply came back;
 * a delivered request whose reply is lost is NO_RETURN_PATH. {@code via} is the address and port
 * the request was sent to ("192.168.50.11:8080").
 */
public record Trace(String from, String to, Probe probe, String via, Disposition disposition, String reason,
                    Leg request, Leg reply) {
    public java.util.List<Hop> hops() { return request.hops(); }
}
