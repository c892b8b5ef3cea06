package dev.hopscope.net.analysis;

import java.util.List;

/** A container, pod or external endpoint with its addresses (as dotted strings). */
public record Endpoint(String id, String name, String kind, List<String> addresses) {
    public Endpoint {
        addresses = List.copyOf(addresses);
    }
}
