package dev.hopscope.net.provider.policy;

import dev.hopscope.model.Cidr;

import java.util.List;

/** Lets tests in other packages reach PodPolicies' package-private range arithmetic. */
public final class PodPoliciesAccess {
    private PodPoliciesAccess() {}

    public static List<Cidr> without(Cidr block, List<Cidr> except) { return PodPolicies.without(block, except); }
}
