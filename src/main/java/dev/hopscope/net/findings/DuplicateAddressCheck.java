package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Two interfaces with one address in one L2 domain (a bridge, a Docker overlay, an underlay). Both
 * answer ARP for it, so neighbours cache whichever answered last and traffic for one lands at the
 * other. IPAM never hands out an address twice, so this comes from pinned addresses.
 */
final class DuplicateAddressCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Map<String, Map<Ipv4, List<String>>> domains = new HashMap<>();
        ctx.addressing().gateways().forEach((net, ip) -> add(domains, net, ip, net));
        ctx.addressing().addresses().forEach((key, ip) -> add(domains, key.network(), ip, key.node()));
        for (Host h : ctx.doc().all(Host.class))
            if (h.underlay() != null) Context.address(h.address()).ifPresent(ip -> add(domains, h.underlay(), ip, h.id()));
        for (External e : ctx.doc().all(External.class))
            if (e.underlay() != null) Context.address(e.address()).ifPresent(ip -> add(domains, e.underlay(), ip, e.id()));
        for (Node net : ctx.doc().nodes()) {
            if (!(net instanceof Bridge || net instanceof Overlay || net instanceof Underlay)) continue;
            Map<Ipv4, List<String>> byIp = new TreeMap<>(domains.getOrDefault(net.id(), Map.of()));
            byIp.forEach((ip, owners) -> {
                if (owners.size() < 2) return;
                owners.sort(Comparator.comparingInt(ctx::position));
                report(ctx, net, ip, owners, out);
            });
        }
    }

    private static void add(Map<String, Map<Ipv4, List<String>>> domains, String net, Ipv4 ip, String owner) {
        List<String> owners = domains.computeIfAbsent(net, k -> new HashMap<>()).computeIfAbsent(ip, k -> new ArrayList<>());
        if (!owners.contains(owner)) owners.add(owner);
    }

    private static void report(Context ctx, Node net, Ipv4 ip, List<String> owners, Consumer<Finding> out) {
        List<String> described = new ArrayList<>();
        for (String id : owners) described.add(describe(ctx, id, net));
        List<String> subjects = new ArrayList<>(owners);
        if (!subjects.contains(net.id())) subjects.add(net.id());
        String where = net instanceof Bridge b ? "bridge " + b.name() + " on host " + ctx.name(b.host())
                : net instanceof Overlay ? "overlay " + net.name() : "underlay " + net.name();
        String last = ctx.name(owners.get(owners.size() - 1));
        String free = suggestion(ctx, net).map(s -> " (e.g. " + s + ")").orElse("");
        out.accept(new Finding(Finding.Severity.ERROR, Codes.DUPLICATE_ADDRESS, subjects,
                String.join(" and ", described) + (owners.size() == 2 ? " both have " : " all have ") + ip + " on " + where
                        + ": both answer ARP for it, so neighbours reach whichever answered last and traffic for one lands at the other.",
                net instanceof Underlay
                        ? "Give " + last + " another address on " + net.name() + free + "."
                        : "Pin another address for " + last + free + ", or clear its pinned address so IPAM picks a free one."));
    }

    private static String describe(Context ctx, String id, Node net) {
        if (id.equals(net.id())) return net.name() + "'s gateway";
        return ctx.doc().node(id).map(n -> n.kind().label() + " " + n.name()).orElse(id);
    }

    /** The first address of the domain's subnet that nobody holds. */
    private static java.util.Optional<Ipv4> suggestion(Context ctx, Node net) {
        String text = net instanceof Bridge b ? b.subnet() : net instanceof Overlay o ? o.subnet() : ((Underlay) net).subnet();
        Cidr subnet = Context.cidr(text).map(Cidr::base).orElse(null);
        if (subnet == null) return java.util.Optional.empty();
        Set<Ipv4> used = new HashSet<>(ctx.owners().keySet());
        for (long i = 1; i < Math.min(subnet.size() - 1, 65536); i++) {
            Ipv4 ip = subnet.network().plus((int) i);
            if (!used.contains(ip)) return java.util.Optional.of(ip);
        }
        return java.util.Optional.empty();
    }
}
