package dev.hopscope.io.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The swarm a stack is deployed on ({@code docker stack deploy}) and where its scheduler puts
 * each task. The swarm is {@code manager-1} and workers {@code worker-1}, {@code worker-2}, ...
 * (as many nodes as asked for), plus any node a {@code node.hostname} constraint names. A
 * service's tasks go to the nodes its {@code deploy.placement.constraints} allow
 * ({@code node.role}, {@code node.hostname}; other keys are warned about and match every node),
 * one per node in global mode, otherwise spread as swarm's scheduler spreads them: the node with
 * the fewest tasks of the service first, then the fewest tasks in all, then in node order; at
 * most {@code max_replicas_per_node} a node.
 */
final class SwarmPlacement {

    /** A node of the swarm: its hostname and whether it is a manager. */
    record SwarmNode(String name, boolean manager) {}

    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*(==|!=)\\s*(\\S.*?)\\s*");

    private final Diagnostics diag;
    private final List<SwarmNode> nodes;
    private final int[] load;

    SwarmPlacement(Diagnostics diag, List<SwarmNode> nodes) {
        this.diag = diag;
        this.nodes = List.copyOf(nodes);
        this.load = new int[nodes.size()];
    }

    List<SwarmNode> nodes() { return nodes; }

    /** The swarm for {@code count} nodes (one manager, the rest workers), with the hostnames the services' constraints name added as workers. */
    static List<SwarmNode> swarm(Diagnostics diag, int count, Iterable<SourceNode> services) {
        List<SwarmNode> out = new ArrayList<>();
        out.add(new SwarmNode("manager-1", true));
        for (int i = 1; i < count; i++) out.add(new SwarmNode("worker-" + i, false));
        Set<String> named = new LinkedHashSet<>();
        for (SourceNode svc : services)
            for (SourceNode c : constraintNodes(svc)) {
                Matcher m = c.isScalar() ? CONSTRAINT.matcher(c.text) : null;
                if (m != null && m.matches() && m.group(1).equals("node.hostname") && m.group(2).equals("==")) named.add(m.group(3));
            }
        for (String n : named) if (out.stream().noneMatch(x -> x.name().equals(n))) out.add(new SwarmNode(n, false));
        if (out.size() > 80) throw diag.error(null, "more than 80 swarm nodes; the import lays out at most 80");
        return out;
    }

    private static List<SourceNode> constraintNodes(SourceNode svc) {
        SourceNode deploy = svc.get("deploy");
        SourceNode placement = deploy != null && deploy.isMap() ? deploy.get("placement") : null;
        SourceNode constraints = placement != null && placement.isMap() ? placement.get("constraints") : null;
        return constraints != null && constraints.isList() ? constraints.items() : List.of();
    }

    /**
     * The node (index into {@link #nodes()}) of each task of a service: {@code replicas} of them,
     * or one per allowed node when {@code global}. Tasks no node can take are warned about at
     * {@code at} and left out, as swarm leaves them pending.
     */
    List<Integer> place(String service, SourceNode svc, int replicas, boolean global, SourceNode at) {
        String where = "service '" + service + "'";
        SourceNode deploy = diag.map(svc.get("deploy"), "deploy");
        SourceNode placement = deploy == null ? null : diag.map(deploy.get("placement"), "placement");
        diag.unknownKeys(placement, Set.of("constraints", "preferences", "max_replicas_per_node"), "placement of " + where, true);
        List<Integer> allowed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) allowed.add(i);
        if (placement != null) {
            for (SourceNode c : diag.items(placement.get("constraints"), "constraints of " + where)) {
                String text = diag.string(c, "a constraint");
                Matcher m = text == null ? null : CONSTRAINT.matcher(text);
                if (m == null || !m.matches())
                    throw diag.error(c, "Docker refuses the constraint '" + (text == null ? "" : Names.shown(text)) + "' of " + where
                            + ": constraint expected one operator from ==, !=");
                String key = m.group(1), value = m.group(3);
                boolean equal = m.group(2).equals("==");
                if (key.equals("node.role")) {
                    if (!value.equals("manager") && !value.equals("worker"))
                        throw diag.error(c, "Docker refuses the constraint '" + text + "' of " + where + ": node.role is manager or worker");
                    allowed.removeIf(i -> nodes.get(i).manager() == value.equals("manager") != equal);
                } else if (key.equals("node.hostname")) {
                    allowed.removeIf(i -> nodes.get(i).name().equals(value) != equal);
                } else {
                    diag.warn(c, "placement constraint '" + text + "' of " + where + " is not modelled (the imported nodes carry no "
                            + key + "): every node is taken to match it");
                }
            }
            if (placement.has("preferences"))
                diag.warn(placement.keyNode("preferences"), "placement preferences of " + where + " are not modelled: its tasks are spread evenly");
        }
        int perNode = placement == null ? 0 : diag.integer(placement.get("max_replicas_per_node"), "max_replicas_per_node", 0, ComposeImporter.MAX_REPLICAS, 0);
        List<Integer> out = new ArrayList<>();
        if (allowed.isEmpty()) {
            diag.warn(at, where + ": no node of the swarm (" + names() + ") satisfies its placement constraints, so its tasks stay pending"
                    + " (no suitable node): it runs no container");
            return out;
        }
        if (global) {
            for (int i : allowed) { out.add(i); load[i]++; }
            return out;
        }
        int[] mine = new int[nodes.size()];
        for (int t = 0; t < replicas; t++) {
            int best = -1;
            for (int i : allowed) {
                if (perNode > 0 && mine[i] >= perNode) continue;
                if (best < 0 || mine[i] < mine[best] || (mine[i] == mine[best] && load[i] < load[best])) best = i;
            }
            if (best < 0) {
                diag.warn(placement.get("max_replicas_per_node"), where + " asks for " + replicas + " tasks, at most " + perNode + " a node on "
                        + allowed.size() + " node" + (allowed.size() == 1 ? "" : "s") + ": " + (replicas - t)
                        + " stay pending (max replicas per node limit exceed)");
                break;
            }
            out.add(best);
            mine[best]++;
            load[best]++;
        }
        return out;
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (SwarmNode s : nodes) n.add(s.name() + (s.manager() ? " (manager)" : ""));
        return String.join(", ", n);
    }
}
