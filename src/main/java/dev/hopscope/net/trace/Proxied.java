package dev.hopscope.net.trace;

import dev.hopscope.model.Ingress;

import java.util.Optional;

/**
 * What an Ingress controller did with a request it received: it ends the client's TCP connection
 * and, for the request's {@code host} and {@code path}, opens a new connection of its own to the
 * Service the rules choose. {@code controller} is the controller pod (document id); {@code
 * routed} says which Ingress, rule and path matched (empty: none did and there is no default
 * backend, so the controller answers 404 itself); {@code service} is the backend Service (document
 * id; null when the rule names one that does not exist or lacks that port: the controller answers
 * 503); {@code connection} is the second connection, traced from the controller pod.
 */
public record Proxied(String controller, String host, String path, Optional<Ingress.Routed> routed, String service,
                      Optional<Trace> connection) {

    /** Whether the rule matched a path (rather than falling back to the default backend). */
    public boolean viaRule() { return routed.map(r -> !r.match().viaDefault()).orElse(false); }
}
