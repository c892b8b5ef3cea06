package dev.hopscope.net.findings;

import dev.hopscope.model.Proto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One socket bound in a network namespace: who binds it ({@code owner} node id), on which address,
 * port and protocol, and how to describe it in a message.
 */
public record Binding(String owner, Proto proto, int port, String address, String description) {

    public static final String ANY = "0.0.0.0";

    /**
     * Two binds of one port/proto collide when their addresses are equal or either is the wildcard:
     * Linux refuses 0.0.0.0:80 next to 127.0.0.1:80 with "Address already in use" as well.
     */
    boolean clashesWith(Binding other) {
        return proto == other.proto && port == other.port
                && (address.equals(other.address) || ANY.equals(address) || ANY.equals(other.address));
    }

    /** Groups bindings by port/proto and keeps, per group, those that collide with another one. */
    public static List<List<Binding>> clashes(List<Binding> bindings) {
        Map<String, List<Binding>> byPort = new LinkedHashMap<>();
        for (Binding b : bindings) byPort.computeIfAbsent(b.proto + "/" + b.port, k -> new ArrayList<>()).add(b);
        List<List<Binding>> out = new ArrayList<>();
        for (List<Binding> group : byPort.values()) {
            if (group.size() < 2) continue;
            List<Binding> involved = new ArrayList<>();
            for (int i = 0; i < group.size(); i++)
                for (int j = 0; j < group.size(); j++)
                    if (i != j && group.get(i).clashesWith(group.get(j))) { involved.add(group.get(i)); break; }
            if (!involved.isEmpty()) out.add(involved);
        }
        return out;
    }

    /** The owners of some bindings, once each, in order. */
    public static List<String> owners(List<Binding> bindings) {
        List<String> out = new ArrayList<>();
        for (Binding b : bindings) if (!out.contains(b.owner)) out.add(b.owner);
        return out;
    }

    public static String times(int n) { return n == 2 ? "twice" : n + " times"; }

    public static String describe(List<Binding> bindings) {
        List<String> parts = new ArrayList<>();
        for (Binding b : bindings) parts.add(b.description);
        return String.join(" and ", parts);
    }
}
