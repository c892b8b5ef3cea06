package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Service with no endpoints: kube-proxy (or Cilium's socket load balancer, which replaces it) has
 * no pod to translate its clusterIP to, so every connection to it is refused (iptables REJECTs it
 * with "no endpoints"; Cilium's socket refuses to connect).
 */
public final class ServiceEndpointsCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Service s : ctx.doc().all(Service.class)) {
            if (s.selector().isEmpty()) {
                out.accept(new Finding(Finding.Severity.WARNING, Codes.SERVICE_NO_ENDPOINTS, List.of(s.id()),
                        "Service " + s.name() + " (namespace " + s.namespace() + ") has no selector: Kubernetes creates no "
                                + "endpoints for it, so its clusterIP leads nowhere unless endpoints are managed by hand.",
                        "Add a selector to " + s.name() + " that matches its pods' labels (or add an EndpointSlice by hand)."));
                continue;
            }
            if (!ctx.selected(s).isEmpty()) continue;
            out.accept(new Finding(Finding.Severity.ERROR, Codes.SERVICE_NO_ENDPOINTS, List.of(s.id()),
                    "Service " + s.name() + " selects " + text(s.selector()) + " in namespace " + s.namespace() + ", but no pod there "
                            + "has these labels" + nearMiss(ctx, s) + ": " + KubeProxyProvider.serviceTranslator(ctx.doc()) + " has no endpoint, so connections to "
                            + s.name() + " are refused.",
                    "Fix the selector of " + s.name() + " or the labels of its pods so that they match (same namespace)."));
        }
    }

    private static String text(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    /** Names pods that would match in another namespace: the usual cause of an empty Service. */
    private static String nearMiss(Context ctx, Service s) {
        TreeSet<String> namespaces = new TreeSet<>();
        for (Pod p : ctx.doc().all(Pod.class))
            if (!p.namespace().equals(s.namespace()) && dev.hopscope.model.Labels.matches(s.selector(), p.labels()))
                namespaces.add(p.namespace());
        return namespaces.isEmpty() ? "" : " (pods in namespace " + String.join(", ", namespaces) + " match, but a Service selects only in its own)";
    }
}
