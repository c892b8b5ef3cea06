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
        LabelSelectors.Selector selector = LabelSelectors.readFull(diag, spec.get("podSelector"), "podSelector of " + where);
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
        return new NetworkPolicy(id, name, namespace, selector == null ? Map.of() : selector.labels(), ingress, egress, in, out,
                selector == null ? List.of() : selector.expressions());
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
            Cidr block4 = Cidr.parse(cidr).base();
            List<String> except = new ArrayList<>();
            for (SourceNode e : diag.items(block.get("except"), "except")) {
                String x = diag.string(e, "an except range");
                if (x == null) continue;
                if (!Cidr.isValid(x)) throw diag.error(e, "'" + x + "' is not a CIDR");
                Cidr ex = Cidr.parse(x).base();
                // the API server refuses an except outside its cidr
                if (ex.prefix() < block4.prefix() || !block4.contains(ex.network()))
                    throw diag.error(e, "except " + x + " must be strictly within the cidr " + block4 + " (the API server refuses it)");
                except.add(ex.toString());
            }
            if ((pm.has("podSelector") || pm.has("namespaceSelector")))
                throw diag.error(pm, "a peer with ipBlock may not also have podSelector or namespaceSelector");
            return NetworkPolicy.Peer.block(block4.toString(), except);
        }
        LabelSelectors.Selector pods = LabelSelectors.readFull(diag, pm.get("podSelector"), "podSelector");
        LabelSelectors.Selector namespaces = LabelSelectors.readFull(diag, pm.get("namespaceSelector"), "namespaceSelector");
        if (pods == null && namespaces == null) throw diag.error(pm, "a peer needs podSelector, namespaceSelector or ipBlock");
        return new NetworkPolicy.Peer(pods == null ? null : pods.labels(), namespaces == null ? null : namespaces.labels(), null,
                pods == null ? List.of() : pods.expressions(), namespaces == null ? List.of() : namespaces.expressions(), List.of());
    }

    private List<NetworkPolicy.PortSpec> ports(SourceNode p, String namespace, String where) {
        SourceNode pm = diag.map(p, "a port of " + where);
        if (pm == null) return List.of();
        diag.unknownKeys(pm, Set.of("protocol", "port", "endPort"), "a port of " + where, false);
        Proto proto = PodTemplate.protocol(diag, pm.get("protocol"));
        if (proto == null) return List.of();
        SourceNode portNode = pm.get("port");
        if (portNode == null || portNode.isNull()) return List.of(new NetworkPolicy.PortSpec(proto, 0)); // every port of the protocol
        String text = diag.string(portNode, "port");
        if (!text.chars().allMatch(Character::isDigit)) {
            // a named port means the port of that name on whichever pod the traffic goes to: kept as a name
            if (pm.has("endPort")) throw diag.error(pm.get("endPort"), "endPort may only be given with a numeric port");
            if (namedPorts.apply(namespace, text) == null && where.endsWith("ingress"))
                diag.warn(portNode, "the named port '" + text + "' matches no container port in namespace " + namespace + ": the rule allows nothing there");
            return List.of(NetworkPolicy.PortSpec.named(proto, text));
        }
        int port = diag.integer(portNode, "port", 1, 65535, 0);
        int end = diag.integer(pm.get("endPort"), "endPort", port, 65535, 0);
        List<NetworkPolicy.PortSpec> out = new ArrayList<>();
        out.add(new NetworkPolicy.PortSpec(proto, port, null, end > port ? end : 0));
        return out;
    }
}
