package dev.hopscope.net.findings;

import dev.hopscope.model.Host;
import dev.hopscope.model.Pod;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The Kubernetes nodes of a design, in document order: hosts with the k8s-node role, and any host that runs a pod. */
public final class ClusterNodes {
    private ClusterNodes() {}

    public static List<Host> of(Context ctx) {
        Set<String> withPods = new HashSet<>();
        for (Pod p : ctx.doc().all(Pod.class)) if (p.node() != null) withPods.add(p.node());
        List<Host> out = new ArrayList<>();
        for (Host h : ctx.doc().all(Host.class)) if (h.role() == Host.Role.K8S_NODE || withPods.contains(h.id())) out.add(h);
        return out;
    }
}
