package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Bridge subnets that overlap where traffic has to tell them apart:
 * <ul>
 * <li>two bridges on one host (two connected routes for the same addresses; Docker refuses it);</li>
 * <li>a bridge and the host's own underlay (the bridge route captures underlay addresses);</li>
 * <li>bridges on two hosts when the design expects traffic between them (an intent, or pods that
 *     Kubernetes must route between nodes): the remote address looks on-link, ARP gets no answer.</li>
 * </ul>
 * Two Docker hosts that each keep the default docker0 with nothing expected across them are
 * Docker's normal state: that is only information. Overlaps inside one container and with the
 * Service CIDR are {@link ContainerSubnetsCheck} and {@link ServiceCidrCheck}.
 */
final class OverlappingSubnetsCheck implements DesignCheck {

    private record Net(Bridge bridge, Cidr cidr, Host host) {}

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<Net> nets = new ArrayList<>();
        for (Bridge b : ctx.doc().all(Bridge.class)) {
            Host h = ctx.host(b.host()).orElse(null);
            Cidr c = Context.cidr(b.subnet()).map(Cidr::base).orElse(null);
            if (h != null && c != null) nets.add(new Net(b, c, h));
        }
        for (Net n : nets) underlay(ctx, n, out);
        Map<String, List<Intent>> expected = intents(ctx);
        Map<Bridge, Integer> group = new LinkedHashMap<>();
        for (int i = 0; i < nets.size(); i++)
            for (int j = i + 1; j < nets.size(); j++) {
                Net a = nets.get(i), b = nets.get(j);
                if (!a.cidr().overlaps(b.cidr())) continue;
                if (a.host().equals(b.host())) { sameHost(ctx, a, b, out); continue; }
                List<Intent> across = expected.getOrDefault(key(a.bridge(), b.bridge()), List.of());
                if (!across.isEmpty()) acrossIntent(ctx, a, b, across, out);
                else if (podNetwork(ctx, a) && podNetwork(ctx, b)) acrossPods(ctx, a, b, out);
                else if (a.host().underlay() != null && a.host().underlay().equals(b.host().underlay())) join(group, a.bridge(), b.bridge());
            }
        normal(ctx, nets, group, out);
    }

    private void underlay(Context ctx, Net n, Consumer<Finding> out) {
        Underlay u = n.host().underlay() == null ? null : ctx.doc().get(n.host().underlay(), Underlay.class).orElse(null);
        Cidr lan = u == null ? null : Context.cidr(u.subnet()).map(Cidr::base).orElse(null);
        if (lan == null) lan = Context.cidr(n.host().address()).map(Cidr::base).orElse(null);
        if (lan == null || !lan.overlaps(n.cidr())) return;
        List<String> subjects = new ArrayList<>(List.of(n.bridge().id(), n.host().id()));
        if (u != null) subjects.add(u.id());
        String lanName = u == null ? "its underlay" : "the underlay " + u.name();
        out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAPPING_SUBNETS, subjects,
                "Bridge " + n.bridge().name() + " on host " + n.host().name() + " uses " + n.cidr() + ", which overlaps " + lanName
                        + " (" + lan + ") that " + n.host().name() + "'s eth0 is on: the host has two connected routes for the "
                        + "same addresses, so traffic meant for the underlay goes into the bridge (or the other way round).",
                "Move " + n.bridge().name() + " to a subnet outside " + lan + FreeSubnet.example(ctx, n.cidr()) + "."));
    }

    private void sameHost(Context ctx, Net a, Net b, Consumer<Finding> out) {
        out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAPPING_SUBNETS, List.of(a.bridge().id(), b.bridge().id(), a.host().id()),
                "Bridges " + a.bridge().name() + " (" + a.cidr() + ") and " + b.bridge().name() + " (" + b.cidr() + ") on host "
                        + a.host().name() + " overlap: the host gets two routes for the same addresses and sends them to only one "
                        + "bridge, so containers on the other are unreachable. Docker refuses this (\"Pool overlaps with other one "
                        + "on this address space\").",
                "Give " + b.bridge().name() + " its own subnet" + FreeSubnet.example(ctx, b.cidr()) + "."));
    }

    private void acrossIntent(Context ctx, Net a, Net b, List<Intent> intents, Consumer<Finding> out) {
        Intent first = intents.get(0);
        List<String> subjects = new ArrayList<>(List.of(a.bridge().id(), b.bridge().id()));
        for (Intent i : intents) subjects.add(i.id());
        String more = intents.size() > 1 ? " (and " + (intents.size() - 1) + " more intents)" : "";
        out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAPPING_SUBNETS, subjects,
                overlap(a, b) + ", yet intent " + first.name() + more + " expects " + ctx.name(first.from()) + " to reach "
                        + first.to() + " on the other host: the destination looks on-link to the sender, so its host ARPs for it on "
                        + "its own bridge and nobody answers (NEIGHBOR_UNREACHABLE).",
                "Attach both endpoints to an overlay network (one L2 segment across hosts), or give "
                        + b.host().name() + "'s " + b.bridge().name() + " its own subnet" + FreeSubnet.example(ctx, b.cidr())
                        + " and route between the hosts."));
    }

    private void acrossPods(Context ctx, Net a, Net b, Consumer<Finding> out) {
        out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAPPING_SUBNETS,
                List.of(a.bridge().id(), b.bridge().id(), a.host().id(), b.host().id()),
                overlap(a, b) + " and both carry pods: pods on the two nodes get addresses from the same range, and neither "
                        + "node can route to the other's pods (they look on-link). The Kubernetes network model needs one "
                        + "pod CIDR per node.",
                "Give " + b.host().name() + "'s " + b.bridge().name() + " its own pod CIDR" + FreeSubnet.example(ctx, b.cidr()) + "."));
    }

    /** Overlaps nobody relies on: one note per group of hosts, explaining why it is fine. */
    private void normal(Context ctx, List<Net> nets, Map<Bridge, Integer> group, Consumer<Finding> out) {
        Map<Integer, List<Net>> groups = new LinkedHashMap<>();
        for (Net n : nets) if (group.containsKey(n.bridge())) groups.computeIfAbsent(root(group, n.bridge()), k -> new ArrayList<>()).add(n);
        for (List<Net> g : groups.values()) {
            List<String> subjects = new ArrayList<>();
            List<String> where = new ArrayList<>();
            for (Net n : g) {
                subjects.add(n.bridge().id());
                where.add(n.bridge().name() + " " + n.cidr() + " on " + n.host().name());
            }
            out.accept(new Finding(Finding.Severity.INFO, Codes.OVERLAPPING_SUBNETS, subjects,
                    "Hosts share overlapping bridge subnets: " + String.join(", ", where) + ". That is Docker's normal state "
                            + "(each host's bridge is private) and no intent expects traffic across them; but containers on "
                            + "different hosts cannot reach each other by these addresses (they look on-link, ARP gets no answer), "
                            + "only through published ports on the hosts' addresses.",
                    "Nothing to do unless containers must talk across hosts directly: then use an overlay network, or give "
                            + "each host's bridge its own subnet."));
        }
    }

    /** Pairs of bridges on different hosts that a REACHABLE intent needs to tell apart, with those intents. */
    private static Map<String, List<Intent>> intents(Context ctx) {
        Map<String, List<Intent>> out = new HashMap<>();
        for (Intent i : ctx.doc().all(Intent.class)) {
            if (i.expect() != Intent.Expect.REACHABLE || i.from() == null) continue;
            Node from = ctx.find(i.from()).orElse(null);
            if (from == null) continue;
            List<String> fromNets = ctx.networksOf(from);
            String ref = Context.destinationRef(i.to());
            // an address someone holds on the sender's own network is delivered there, on-link: nothing crosses hosts
            if (Context.isAddress(ref) && fromNets.stream().anyMatch(n -> ctx.held(n, Ipv4.parse(ref)))) continue;
            for (Node to : ctx.targets(i)) {
                List<String> toNets = new ArrayList<>(ctx.networksOf(to));
                // an address names one interface: only that network is involved
                if (Context.isAddress(ref)) toNets.removeIf(n -> !ctx.addressing().address(to.id(), n).map(ip -> ip.toString().equals(ref)).orElse(false));
                // a network both ends share (an overlay, say) carries the flow: the overlap is not in its way
                if (toNets.stream().anyMatch(fromNets::contains)) continue;
                for (String x : fromNets)
                    for (String y : toNets) {
                        Bridge bx = ctx.doc().get(x, Bridge.class).orElse(null);
                        Bridge by = ctx.doc().get(y, Bridge.class).orElse(null);
                        if (bx == null || by == null || Objects.equals(bx.host(), by.host())) continue;
                        List<Intent> list = out.computeIfAbsent(key(bx, by), k -> new ArrayList<>());
                        if (!list.contains(i)) list.add(i);
                    }
            }
        }
        return out;
    }

    private static String key(Bridge a, Bridge b) {
        return a.id().compareTo(b.id()) < 0 ? a.id() + "\u0000" + b.id() : b.id() + "\u0000" + a.id();
    }

    /** A bridge meant for pods: some pod sits on it, or it is a CNI bridge of a Kubernetes node. */
    private static boolean podNetwork(Context ctx, Net n) {
        return !ctx.podsOn(n.bridge()).isEmpty()
                || (n.bridge().bridgeKind() == Bridge.Kind.CNI && n.host().role() == Host.Role.K8S_NODE);
    }

    private static String overlap(Net a, Net b) {
        String subnets = a.cidr().equals(b.cidr()) ? "both use " + a.cidr() : "use overlapping subnets " + a.cidr() + " and " + b.cidr();
        return "Bridge " + a.bridge().name() + " on host " + a.host().name() + " and bridge " + b.bridge().name() + " on host "
                + b.host().name() + " " + subnets;
    }

    // a tiny union-find over bridges, so a dozen Docker hosts with docker0 give one note, not 66
    private static void join(Map<Bridge, Integer> group, Bridge a, Bridge b) {
        group.putIfAbsent(a, group.size());
        group.putIfAbsent(b, group.size());
        int ra = root(group, a), rb = root(group, b);
        if (ra == rb) return;
        int keep = Math.min(ra, rb), drop = Math.max(ra, rb);
        group.replaceAll((k, v) -> v == drop ? keep : v);
    }

    private static int root(Map<Bridge, Integer> group, Bridge b) { return group.get(b); }
}
