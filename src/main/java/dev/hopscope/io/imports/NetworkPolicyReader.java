package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Proto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A NetworkPolicy manifest as the model's {@link NetworkPolicy}: pod selector, the directions
 * it isolates (policyTypes, or Ingress plus Egress when egress rules are written), and its
 * rules with peers (podSelector, namespaceSelector, ipBlock) and ports. Where the model cannot
 * say exactly what the manifest says, the import errs on the side of denying, and warns.
 */
final class NetworkPolicyReader {

    static final Set<String> SPEC_KEYS = Set.of("podSelector", "policyTypes", "ingress", "egress");
    private static final int MAX_PORT_RANGE = 100;

    private final Diagnostics diag;
    /** Resolves a named port in a namespace to its number, or null. */
    private final BiFunction<String, String, Integer> namedPorts;

    NetworkPolicyReader(Diagnostics diag, BiFunction<String, String, Integer> namedPorts) {
        this.diag = diag;
        this.namedPorts = namedPorts;
    }

    NetworkPolicy read(String id, String name, String namespace, SourceNode spec) {
        String where = "NetworkPolicy '" + name + "'";
        if (spec == null) throw diag.error(null, where + " has no spec");
        diag.unknownKeys(spec, SPEC_KEYS, "the spec of " + where, false);
        if (!spec.has("podSelector")) throw diag.error(spec, where + " needs a podSelector ({} selects every pod of its namespace)");
        Map<String, String> selector = LabelSelectors.read(diag, spec.get("podSelector"), "podSelector of " + where);
        boolean ingress = true, egress = spec.has("egress");
        if (spec.has("policyTypes")) {
            List<String> types = diag.strings(spec.get("policyTypes"), "policyTypes");
            for (String t : types)
                if (!t.equals("Ingress") && !t.equals("Egress")) throw diag.error(spec.get("policyTypes"), "policyTypes may hold Ingress and Egress, not '" + t + "'");
            ingress = types.contains("Ingress");
            egress = types.contains("Egress");
        }
        List<NetworkPolicy.Rule> in = rules(spec.get("ingress"), "from", namespace, where + " ingress");
        List<NetworkPolicy.Rule> out = rules(spec.get("egress"), "to", namespace, where + " egress");
        return new NetworkPolicy(id, name, namespace, selector == null ? Map.of() : selector, ingress, egress, in, out);
    }

    private List<NetworkPolicy.Rule> rules(SourceNode list, String peersKey, String namespace, String where) {
        List<NetworkPolicy.Rule> out = new ArrayList<>();
        for (SourceNode r : diag.items(list, where + " rules")) {
            SourceNode rm = diag.map(r, "a rule of " + where);
            if (rm == null) { out.add(new NetworkPolicy.Rule(List.of(), List.of())); continue; }
            diag.unknownKeys(rm, Set.of(peersKey, "ports"), "a rule of " + where, false);
            List<NetworkPolicy.Peer> peers = new ArrayList<>();
            for (SourceNode p : diag.items(rm.get(peersKey), peersKey)) {
                NetworkPolicy.Peer peer = peer(p, where);
                if (peer != null) peers.add(peer);
            }
            boolean hadPeers = !diag.items(rm.get(peersKey), peersKey).isEmpty();
            if (hadPeers && peers.isEmpty()) { diag.warn(rm, "a rule of " + where + " has no peer the model can express: the rule is dropped"); continue; }
            List<NetworkPolicy.PortSpec> ports = new ArrayList<>();
            List<SourceNode> portNodes = diag.items(rm.get("ports"), "ports");
            for (SourceNode p : portNodes) ports.addAll(ports(p, namespace, where));
            if (!portNodes.isEmpty() && ports.isEmpty()) { diag.warn(rm, "a rule of " + where + " has no port the model can express: the rule is dropped"); continue; }
            out.add(new NetworkPolicy.Rule(peers, ports));
        }
        return out;
    }

    private NetworkPolicy.Peer peer(SourceNode p, String where) {
        SourceNode pm = diag.map(p, "a peer of " + where);
        if (pm == null) return null;
        diag.unknownKeys(pm, Set.of("podSelector", "namespaceSelector", "ipBlock"), "a peer of " + where, false);
        SourceNode block = diag.map(pm.get("ipBlock"), "ipBlock");
        if (block != null) {
            diag.unknownKeys(block, Set.of("cidr", "except"), "ipBlock", false);
            String cidr = diag.requiredString(block, "cidr", "the ipBlock's cidr");
            if (cidr.contains(":")) { diag.warn(block, "IPv6 ipBlock " + cidr + " is not modelled: skipped"); return null; }
            if (!Cidr.isValid(cidr)) throw diag.error(block.get("cidr"), "'" + cidr + "' is not a CIDR");
            if (!diag.items(block.get("except"), "except").isEmpty()) {
                diag.warn(block.get("except"), "ipBlock 'except' is not modelled: this peer is skipped rather than allow too much");
                return null;
            }
            return new NetworkPolicy.Peer(null, null, Cidr.parse(cidr).base().toString());
        }
        Map<String, String> pods = LabelSelectors.read(diag, pm.get("podSelector"), "podSelector");
        Map<String, String> namespaces = LabelSelectors.read(diag, pm.get("namespaceSelector"), "namespaceSelector");
        if (pods == null && namespaces == null) throw diag.error(pm, "a peer needs podSelector, namespaceSelector or ipBlock");
        return new NetworkPolicy.Peer(pods, namespaces, null);
    }

    private List<NetworkPolicy.PortSpec> ports(SourceNode p, String namespace, String where) {
        SourceNode pm = diag.map(p, "a port of " + where);
        if (pm == null) return List.of();
        diag.unknownKeys(pm, Set.of("protocol", "port", "endPort"), "a port of " + where, false);
        Proto proto = PodTemplate.protocol(diag, pm.get("protocol"));
        if (proto == null) return List.of();
        SourceNode portNode = pm.get("port");
        if (portNode == null || portNode.isNull()) {
            diag.warn(pm, "a port entry without a port (every " + proto.label() + " port) is not modelled: skipped");
            return List.of();
        }
        String text = diag.string(portNode, "port");
        int port;
        if (text.chars().allMatch(Character::isDigit)) port = diag.integer(portNode, "port", 1, 65535, 0);
        else {
            Integer resolved = namedPorts.apply(namespace, text);
            if (resolved == null) {
                diag.warn(portNode, "the named port '" + text + "' matches no container port in namespace " + namespace + ": skipped");
                return List.of();
            }
            port = resolved;
        }
        int end = diag.integer(pm.get("endPort"), "endPort", port, 65535, port);
        if (end - port >= MAX_PORT_RANGE) {
            diag.warn(pm.get("endPort"), "the port range " + port + "-" + end + " is longer than " + MAX_PORT_RANGE + " ports: only " + port + " is kept");
            end = port;
        }
        List<NetworkPolicy.PortSpec> out = new ArrayList<>();
        for (int i = port; i <= end; i++) out.add(new NetworkPolicy.PortSpec(proto, i));
        return out;
    }
}
