package dev.hopscope.net.trace;

import java.util.List;

/**
 * One way a flow can go where a rule offers several (kube-proxy picks one of a Service's
 * endpoints per connection): the {@code choices} made in order (one per branching rule met, so a
 * flow through an Ingress and then a Service has two), the {@code endpoint} (document node id) the
 * last choice leads to, how that branch ends, and whether the trace it belongs to follows it.
 */
public record Branch(List<StepDetail.Choice> choices, String endpoint, Disposition disposition, boolean followed) {
    public Branch {
        choices = List.copyOf(choices);
    }
}
