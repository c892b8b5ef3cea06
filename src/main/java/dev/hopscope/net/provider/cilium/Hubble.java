package dev.hopscope.net.provider.cilium;

import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;

import java.util.List;

/**
 * Drops in Cilium's words: what {@code hubble observe} shows for them — the verdict, the drop
 * reason of Cilium's flow API (with its number) and the traffic direction, which says whose
 * policy decided (INGRESS: the destination's, EGRESS: the source's).
 */
final class Hubble {
    private Hubble() {}

    /** flow.proto's DropReason for "no rule allowed this" */
    static final String POLICY_DENIED = "POLICY_DENIED";
    static final int POLICY_DENIED_CODE = 133;
    /** flow.proto's DropReason for a Service with no backend */
    static final String SERVICE_BACKEND_NOT_FOUND = "SERVICE_BACKEND_NOT_FOUND";
    static final int SERVICE_BACKEND_NOT_FOUND_CODE = 158;

    static String policyDenied(Pod pod, String lxc, List<NetworkPolicy> policies, boolean ingress) {
        String names = String.join(", ", policies.stream().map(NetworkPolicy::name).toList());
        return "Cilium drops it at " + pod.name() + "'s endpoint (" + lxc + "): NetworkPolicy " + names + (policies.size() == 1 ? " selects " : " select ")
                + pod.name() + " and allows no " + (ingress ? "sender" : "destination") + " with this security identity (Cilium decides by labels, "
                + "looked up from the address) — Hubble shows DROPPED, " + POLICY_DENIED + " (" + POLICY_DENIED_CODE + "), " + (ingress ? "INGRESS" : "EGRESS");
    }

    static String noBackend(String service, String frontend) {
        return "Service " + service + " (" + frontend + ") has no backends: Cilium's socket load balancer fails connect() — Hubble: DROPPED, "
                + SERVICE_BACKEND_NOT_FOUND + " (" + SERVICE_BACKEND_NOT_FOUND_CODE + ")";
    }
}
